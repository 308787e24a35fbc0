// The desktop shell under plain Node: a stand-in electron module records every call,
// fires the app's events and serves protocol requests and IPC as Electron would.
import { EventEmitter } from 'node:events'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { IpcMainInvokeEvent } from 'electron'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { apiMethods, ipcChannel, type ApiMethod } from '../../shared/api'
import { DossierFailure } from '../../shared/result'
import { setPageFetcher, type PageFetcher } from '../core/import/fetch-url'
import { CONTENT_SECURITY_POLICY } from '../http/guard'
import { openService, type DossierService } from '../service'
import { startShell, SCHEME_PRIVILEGES, type ElectronModule, type ShellOptions } from './app'
import { APP_CSP } from './protocol'
import { windowOptions } from './security'

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown

class ElectronEvent {
  defaultPrevented = false
  preventDefault(): void {
    this.defaultPrevented = true
  }
}

/** A stand-in for the electron module, recording calls in order. */
function fakeElectron(options: { lock?: boolean } = {}) {
  const log: string[] = []
  const record = (entry: string) => void log.push(entry)
  let fireReady!: () => void
  const readyPromise = new Promise<void>((resolve) => {
    fireReady = resolve
  })
  const ipcHandlers = new Map<string, Handler>()
  let protocolHandler: ((request: Request) => Promise<Response>) | undefined
  const errorBoxes: { title: string; content: string }[] = []
  const windows: FakeWindow[] = []
  const state = { lockHeld: false, exitCode: undefined as number | undefined, quitDone: false }

  class FakeContents extends EventEmitter {
    destroyed = false
    sent: unknown[] = []
    setWindowOpenHandler(): void {}
    isDestroyed(): boolean {
      return this.destroyed
    }
    send(_channel: string, payload: unknown): void {
      if (this.destroyed) throw new Error('Object has been destroyed')
      this.sent.push(payload)
    }
  }

  class FakeWindow extends EventEmitter {
    webContents = new FakeContents()
    url = ''
    destroyed = false
    minimized = false
    shown = 0
    focused = 0
    constructor(readonly options: Electron.BrowserWindowConstructorOptions) {
      super()
      record(`new BrowserWindow${options.show === false && !options.webPreferences?.preload ? ' (printer)' : ''}`)
      windows.push(this)
    }
    static getAllWindows(): FakeWindow[] {
      return windows.filter((w) => !w.destroyed)
    }
    private alive(): void {
      // What Electron throws when a destroyed window is used.
      if (this.destroyed) throw new TypeError('Object has been destroyed')
    }
    async loadURL(url: string): Promise<void> {
      this.alive()
      record(`loadURL ${url}`)
      this.url = url
    }
    isDestroyed(): boolean {
      return this.destroyed
    }
    isMinimized(): boolean {
      this.alive()
      return this.minimized
    }
    restore(): void {
      this.alive()
      this.minimized = false
    }
    show(): void {
      this.alive()
      this.shown++
    }
    focus(): void {
      this.alive()
      this.focused++
    }
    destroy(): void {
      this.close()
    }
    close(): void {
      if (this.destroyed) return
      this.destroyed = true
      this.webContents.destroyed = true
      this.emit('closed')
      if (FakeWindow.getAllWindows().length === 0) app.emit('window-all-closed')
    }
  }

  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock() {
      record('requestSingleInstanceLock')
      state.lockHeld = options.lock !== false
      return state.lockHeld
    },
    releaseSingleInstanceLock() {
      record('releaseSingleInstanceLock')
      state.lockHeld = false
    },
    whenReady() {
      record('whenReady')
      return readyPromise
    },
    getPath(name: string) {
      return join('/nonexistent', name)
    },
    /** Electron's order: before-quit, windows close, will-quit (preventable), then the process ends. */
    quit() {
      record('quit')
      const before = new ElectronEvent()
      app.emit('before-quit', before)
      if (before.defaultPrevented) return
      for (const w of FakeWindow.getAllWindows()) w.close()
      const will = new ElectronEvent()
      app.emit('will-quit', will)
      if (will.defaultPrevented) return
      record('quit done')
      state.quitDone = true
    },
    exit(code: number) {
      record(`exit ${code}`)
      state.exitCode = code
    },
  })

  const electron = {
    app,
    BrowserWindow: FakeWindow,
    dialog: {
      showErrorBox(title: string, content: string) {
        record(`showErrorBox ${title}`)
        errorBoxes.push({ title, content })
      },
    },
    ipcMain: {
      handle(channel: string, handler: Handler) {
        if (ipcHandlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`)
        ipcHandlers.set(channel, handler)
      },
    },
    net: { request: () => ({}) },
    protocol: {
      registerSchemesAsPrivileged(schemes: unknown[]) {
        record(`registerSchemesAsPrivileged ${JSON.stringify(schemes)}`)
      },
      handle(scheme: string, handler: (request: Request) => Promise<Response>) {
        record(`protocol.handle ${scheme}`)
        protocolHandler = handler
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: () => record('setPermissionRequestHandler'),
        setPermissionCheckHandler: () => record('setPermissionCheckHandler'),
      },
    },
    shell: { openExternal: async () => undefined },
  }

  return {
    electron: electron as unknown as ElectronModule,
    log,
    state,
    windows,
    errorBoxes,
    ipcHandlers,
    fireReady,
    protocolRequest: (path: string) => protocolHandler!(new Request(`app://dossier${path}`)),
    invoke: (method: ApiMethod, senderUrl: string | null, ...args: unknown[]) =>
      ipcHandlers.get(ipcChannel(method))!({ senderFrame: senderUrl === null ? null : { url: senderUrl } } as unknown as IpcMainInvokeEvent, ...args),
  }
}

let root: string
let mainDir: string
let archives = 0
const services: DossierService[] = []
/** Each opened service's own close, run once whatever a test replaced it with. */
const closers: (() => Promise<void>)[] = []
let nodeFetcher: PageFetcher

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-shell-'))
  mainDir = join(root, 'out', 'main')
  const renderer = join(root, 'out', 'renderer')
  await mkdir(join(renderer, 'assets'), { recursive: true })
  await mkdir(mainDir, { recursive: true })
  await writeFile(join(renderer, 'index.html'), '<!doctype html><title>Dossier</title>')
  await writeFile(join(renderer, 'assets', 'index.js'), 'console.log(1)')
  await writeFile(join(renderer, 'assets', 'inter.woff2'), 'wOF2')
  await writeFile(join(root, 'out', 'secret.txt'), 'secret')
  // The shell sets the desktop fetcher at start-up; put Node's back for the other suites.
  nodeFetcher = setPageFetcher((url, init) => fetch(url, init))
})

afterEach(async () => {
  setPageFetcher(nodeFetcher)
  services.length = 0
  await Promise.all(closers.splice(0).map((close) => close().catch(() => undefined)))
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

async function tracked(dir: string, reuse?: Parameters<typeof openService>[1]): Promise<DossierService> {
  const service = await openService(dir, reuse)
  const original = service.close.bind(service)
  let closing: Promise<void> | undefined
  service.close = () => (closing ??= original())
  services.push(service)
  closers.push(service.close)
  return service
}

/** openService on a fresh archive, keeping each service to close after the test. */
function options(extra: Partial<ShellOptions> = {}): ShellOptions {
  return { mainDir, archiveDir: join(root, `archive-${++archives}`), openService: tracked, ...extra }
}

async function started(extra: Partial<ShellOptions> = {}) {
  const fake = fakeElectron()
  const shell = startShell(fake.electron, options(extra))
  fake.fireReady()
  await shell.started
  return fake
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 10))

describe('desktop shell: start-up', () => {
  it('makes the scheme privileged (with a code cache) and takes the lock before ready, and does nothing else until ready', async () => {
    const fake = fakeElectron()
    const shell = startShell(fake.electron, options())
    await tick()
    expect(fake.log).toEqual([
      `registerSchemesAsPrivileged ${JSON.stringify([{ scheme: 'app', privileges: SCHEME_PRIVILEGES }])}`,
      'requestSingleInstanceLock',
      'whenReady',
    ])
    expect(SCHEME_PRIVILEGES).toMatchObject({ standard: true, secure: true, codeCache: true })
    fake.fireReady()
    await shell.started
    expect(fake.log.slice(3)).toEqual([
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
      'protocol.handle app',
      'new BrowserWindow',
      'loadURL app://dossier/',
    ])
    expect(fake.windows[0]!.options).toEqual(windowOptions(join(mainDir, '../preload/index.cjs')))
    expect(fake.state.exitCode).toBeUndefined()
  })

  it('registers every API method, one channel each, before the window loads', async () => {
    const fake = await started()
    expect([...fake.ipcHandlers.keys()].sort()).toEqual(apiMethods.map(ipcChannel).sort())
  })

  it('answers the app page on every channel and refuses a foreign sender on every channel', async () => {
    const fake = await started()
    const listed = await fake.invoke('listArticles', 'app://dossier/')
    expect(listed).toMatchObject({ ok: true, value: [{ title: 'Welcome to Dossier' }] })
    for (const method of apiMethods) {
      for (const sender of ['https://evil.example/', 'file:///etc/passwd', 'app://dossier.evil/', null]) {
        const answer = await fake.invoke(method, sender, 'x')
        expect(answer, `${method} from ${sender}`).toEqual({ ok: false, error: { code: 'invalid-argument', message: 'Request from an untrusted page refused' } })
      }
    }
  })

  it('quits without opening anything when another instance holds the lock', async () => {
    const fake = fakeElectron({ lock: false })
    const shell = startShell(fake.electron, options())
    fake.fireReady()
    await shell.started
    expect(fake.log).toEqual([expect.stringMatching(/^registerSchemesAsPrivileged/), 'requestSingleInstanceLock', 'quit', 'quit done'])
  })
})

describe('desktop shell: the app protocol', () => {
  it('serves index.html, scripts and fonts, the page with its CSP', async () => {
    const fake = await started()
    const page = await fake.protocolRequest('/')
    expect(page.status).toBe(200)
    expect(page.headers.get('content-security-policy')).toBe(APP_CSP)
    expect(APP_CSP).toContain("script-src 'self';")
    // One policy for both modes: fonts are built as files, so font-src 'self' serves them.
    expect(APP_CSP).toBe(CONTENT_SECURITY_POLICY)
    expect(await page.text()).toContain('<title>Dossier</title>')
    const script = await fake.protocolRequest('/assets/index.js')
    expect([script.status, script.headers.get('content-type')]).toEqual([200, 'text/javascript; charset=utf-8'])
    const font = await fake.protocolRequest('/assets/inter.woff2')
    expect([font.status, font.headers.get('content-type'), await font.text()]).toEqual([200, 'font/woff2', 'wOF2'])
  })

  it('serves an article’s stored image with the media CSP', async () => {
    const fake = await started()
    const welcome = (await fake.invoke('listArticles', 'app://dossier/')) as { value: { id: string }[] }
    const id = welcome.value[0]!.id
    const service = services[0]!
    await mkdir(join(service.archive.dir, 'assets', id), { recursive: true })
    await writeFile(join(service.archive.dir, 'assets', id, 'map.png'), 'png')
    const image = await fake.protocolRequest(`/media/${id}/map.png`)
    expect([image.status, image.headers.get('content-type'), image.headers.get('content-security-policy')]).toEqual([200, 'image/png', expect.stringContaining('sandbox')])
  })

  it.each(['/../secret.txt', '/%2e%2e/secret.txt', '/assets/..%2f..%2fsecret.txt', '/media/x/..%2f..%2fcatalog.png'])('refuses %s', async (path) => {
    const fake = await started()
    const response = await fake.protocolRequest(path)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toContain('secret')
  })
})

describe('desktop shell: windows', () => {
  it('a second launch brings the window forward, restoring it when minimised', async () => {
    const fake = await started()
    const window = fake.windows[0]!
    window.minimized = true
    fake.electron.app.emit('second-instance', new ElectronEvent(), [], '/')
    expect(window.minimized).toBe(false)
    expect(window.focused).toBe(1)
    expect(fake.windows).toHaveLength(1)
  })

  it('a second launch after the window was closed (macOS keeps running) opens a new window instead of throwing', async () => {
    const fake = await started()
    const platform = Object.getOwnPropertyDescriptor(process, 'platform')!
    Object.defineProperty(process, 'platform', { value: 'darwin' })
    try {
      fake.windows[0]!.close()
    } finally {
      Object.defineProperty(process, 'platform', platform)
    }
    expect(fake.state.quitDone).toBe(false)
    expect(() => fake.electron.app.emit('second-instance', new ElectronEvent(), [], '/')).not.toThrow()
    expect(fake.windows).toHaveLength(2)
    expect(fake.windows[1]!.url).toBe('app://dossier/')
    // And the dock icon (activate) then focuses that one, without a third.
    fake.electron.app.emit('activate')
    expect(fake.windows).toHaveLength(2)
    expect(fake.windows[1]!.focused).toBe(1)
  })

  it('a second launch during start-up is not lost: the window opens once the archive is open', async () => {
    const fake = fakeElectron()
    const shell = startShell(fake.electron, options())
    expect(() => fake.electron.app.emit('second-instance', new ElectronEvent(), [], '/')).not.toThrow()
    fake.fireReady()
    await shell.started
    expect(fake.windows).toHaveLength(1)
  })

  it('a file opened (macOS open-file) before ready is imported once the archive is open', async () => {
    const file = join(root, 'dropped.txt')
    await writeFile(file, 'Dropped Article\n\nA paragraph handed to the app by the system before it was ready.\n')
    const fake = fakeElectron()
    const shell = startShell(fake.electron, options())
    const event = new ElectronEvent()
    fake.electron.app.emit('open-file', event, file)
    expect(event.defaultPrevented).toBe(true)
    fake.fireReady()
    await shell.started
    const listed = (await fake.invoke('listArticles', 'app://dossier/')) as { value: { title: string }[] }
    expect(listed.value.map((a) => a.title)).toContain('Dropped Article')
  })

  it('a file that cannot be imported is reported in a dialog, and the app keeps running', async () => {
    const fake = await started()
    fake.electron.app.emit('open-file', new ElectronEvent(), join(root, 'no-such-file.txt'))
    await tick()
    await tick()
    expect(fake.errorBoxes).toEqual([{ title: 'Dossier could not import no-such-file.txt', content: expect.stringMatching(/ENOENT/) }])
    expect(fake.state.exitCode).toBeUndefined()
  })
})

describe('desktop shell: quitting', () => {
  it('holds the quit until the archive has closed, then quits', async () => {
    let finishClose!: () => void
    const closeCalls: string[] = []
    const fake = await started({
      openService: async (dir, reuse) => {
        const service = await tracked(dir, reuse)
        const close = service.close.bind(service)
        service.close = async () => {
          closeCalls.push('close started')
          await new Promise<void>((resolve) => {
            finishClose = resolve
          })
          await close()
          closeCalls.push('close finished')
        }
        return service
      },
    })
    fake.electron.app.quit()
    await tick()
    expect(closeCalls).toEqual(['close started'])
    expect(fake.state.quitDone).toBe(false)
    // A second quit while closing (the user presses it again) does not close twice.
    fake.electron.app.quit()
    await tick()
    expect(closeCalls).toEqual(['close started'])
    finishClose()
    await expect.poll(() => fake.state.quitDone).toBe(true)
    expect(closeCalls).toEqual(['close started', 'close finished'])
    expect(fake.log.filter((entry) => entry === 'quit done')).toHaveLength(1)
  })

  it('quits anyway when closing the archive takes longer than its limit', async () => {
    const fake = await started({
      quitTimeoutMs: 50,
      openService: async (dir, reuse) => {
        const service = await tracked(dir, reuse)
        service.close = () => new Promise<void>(() => {})
        return service
      },
    })
    fake.electron.app.quit()
    await expect.poll(() => fake.state.quitDone).toBe(true)
  })

  it('closing the last window on Linux and Windows quits, and the archive is closed first', async () => {
    const fake = await started()
    const service = services[0]!
    let closed = false
    const close = service.close.bind(service)
    service.close = async () => {
      await close()
      closed = true
    }
    fake.windows[0]!.close()
    await expect.poll(() => fake.state.quitDone).toBe(true)
    expect(closed).toBe(true)
    // The archive's lock is free: another process can open it now.
    const again = await openService(service.archive.dir)
    await again.close()
  })
})

describe('desktop shell: start-up failures', () => {
  it('an unexpected error shows a dialog, releases the single-instance lock and exits non-zero', async () => {
    const fake = fakeElectron()
    const shell = startShell(
      fake.electron,
      options({
        openService: async () => {
          throw new TypeError('Cannot read properties of undefined')
        },
      }),
    )
    fake.fireReady()
    await shell.started
    expect(fake.log.slice(-3)).toEqual(['showErrorBox Dossier could not start', 'releaseSingleInstanceLock', 'exit 1'])
    expect(fake.errorBoxes[0]!.content).toMatch(/^Cannot read properties of undefined\n\nTypeError/)
    expect(fake.state.lockHeld).toBe(false)
    expect(fake.windows).toHaveLength(0)
  })

  it('an archive held by another process is named as such, and the lock released too', async () => {
    const fake = fakeElectron()
    const shell = startShell(
      fake.electron,
      options({
        openService: async () => {
          throw new DossierFailure('archive-busy', 'The archive is open in `dossier serve` (pid 4242).')
        },
      }),
    )
    fake.fireReady()
    await shell.started
    expect(fake.errorBoxes).toEqual([{ title: 'Dossier cannot open the archive', content: 'The archive is open in `dossier serve` (pid 4242).' }])
    expect(fake.log.slice(-2)).toEqual(['releaseSingleInstanceLock', 'exit 1'])
  })

  it('a failure after the archive opened closes it, so its lock is free for the next launch', async () => {
    const fake = fakeElectron()
    const electron = fake.electron as unknown as { protocol: { handle: () => void } }
    electron.protocol.handle = () => {
      throw new Error('The scheme app is already handled')
    }
    const archiveDir = join(root, 'failing-after-open')
    const shell = startShell(fake.electron, options({ archiveDir }))
    fake.fireReady()
    await shell.started
    expect(fake.log.slice(-3)).toEqual(['showErrorBox Dossier could not start', 'releaseSingleInstanceLock', 'exit 1'])
    const again = await openService(archiveDir)
    await again.close()
  })
})
