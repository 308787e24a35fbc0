// The desktop app's lifecycle: the window, the service, quitting. It takes the electron
// module as an argument, so it runs under plain Node with a stand-in for tests.

import { readFile, stat } from 'node:fs/promises'
import { basename, join } from 'node:path'
import type * as Electron from 'electron'
import { MAX_IMPORT_BYTES } from '../../shared/limits'
import { DossierFailure } from '../../shared/result'
import { setPageFetcher } from '../core/import/fetch-url'
import { openService, type DossierService } from '../service'
import { forwardEvents, registerIpc } from './ipc'
import { chromiumPageFetcher } from './net-fetch'
import { createPdfPrinter } from './print-pdf'
import { appProtocolHandler } from './protocol'
import { APP_ORIGIN, APP_SCHEME, allowPermission, isAppUrl, isExternalUrl, windowOptions } from './security'

export type ElectronModule = Pick<typeof Electron, 'app' | 'BrowserWindow' | 'dialog' | 'ipcMain' | 'net' | 'protocol' | 'session' | 'shell'>

export interface ShellOptions {
  /** The folder of the built main entry: the preload and renderer sit beside it. */
  mainDir: string
  archiveDir?: string
  devServerUrl?: string
  /** How long quitting waits for the archive to close before it gives up. */
  quitTimeoutMs?: number
  openService?: typeof openService
}

/** Long enough for the search index's last save on a large archive. */
export const QUIT_TIMEOUT_MS = 15_000

export const SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, codeCache: true } as const

/** Settles when the promise does, or after `ms` with `false`. */
async function within(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms)
  })
  try {
    return await Promise.race([promise.then(() => true), late])
  } finally {
    clearTimeout(timer)
  }
}

function explain(error: unknown): string {
  if (error instanceof DossierFailure) return error.message
  if (error instanceof Error) return `${error.message}\n\n${error.stack ?? ''}`.trim()
  return String(error)
}

/**
 * Starts the desktop app. Everything that must happen before `ready` (the scheme's privileges, the
 * single-instance lock, the app events) happens synchronously here. `started` settles once the
 * window is open or the start-up failure has been reported.
 */
export function startShell(electron: ElectronModule, config: ShellOptions): { started: Promise<void> } {
  const { app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell } = electron
  const { devServerUrl } = config
  const quitTimeoutMs = config.quitTimeoutMs ?? QUIT_TIMEOUT_MS
  const open = config.openService ?? openService

  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: SCHEME_PRIVILEGES }])
  if (!app.requestSingleInstanceLock()) {
    // The first instance shows its window (second-instance); this one has nothing to do.
    app.quit()
    return { started: Promise.resolve() }
  }

  let service: DossierService | undefined
  let opening: Promise<DossierService> | undefined
  let window: Electron.BrowserWindow | undefined
  let failed = false
  /** Files handed to the app (macOS open-file) before the service was open. */
  const pendingFiles: string[] = []

  const createWindow = (svc: DossierService): Electron.BrowserWindow => {
    const created = new BrowserWindow(windowOptions(join(config.mainDir, '../preload/index.cjs')))
    created.once('ready-to-show', () => created.show())
    created.webContents.setWindowOpenHandler(({ url }) => {
      if (isExternalUrl(url)) void shell.openExternal(url)
      return { action: 'deny' }
    })
    created.webContents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, devServerUrl)) {
        event.preventDefault()
        if (isExternalUrl(url)) void shell.openExternal(url)
      }
    })
    created.webContents.on('will-attach-webview', (event) => event.preventDefault())
    const stopEvents = forwardEvents(svc, created.webContents)
    created.on('closed', () => {
      stopEvents()
      if (window === created) window = undefined
    })
    void created.loadURL(devServerUrl ?? `${APP_ORIGIN}/`)
    return created
  }

  /** Brings the window forward, or opens one if it was closed; before the service is open, start-up will show it. */
  const showWindow = (): void => {
    if (!service || failed) return
    if (window && !window.isDestroyed()) {
      if (window.isMinimized()) window.restore()
      window.show()
      window.focus()
      return
    }
    window = createWindow(service)
  }

  const importFile = async (svc: DossierService, path: string): Promise<void> => {
    const name = basename(path)
    try {
      const info = await stat(path)
      if (!info.isFile()) throw new DossierFailure('invalid-argument', `${name} is not a file.`)
      if (info.size > MAX_IMPORT_BYTES) throw new DossierFailure('too-large', `${name} is larger than ${MAX_IMPORT_BYTES / 2 ** 20} MB, the most Dossier imports.`)
      const outcome = await svc.api.importFiles([{ name, data: new Uint8Array(await readFile(path)) }])
      if (!outcome.ok) throw new DossierFailure(outcome.error.code, outcome.error.message)
      const refused = outcome.value.failed[0]
      if (refused) throw new DossierFailure(refused.code, refused.message)
    } catch (error) {
      // The reason alone: a stack trace says nothing to someone importing a file.
      dialog.showErrorBox(`Dossier could not import ${name}`, error instanceof Error ? error.message : String(error))
    }
  }

  app.on('second-instance', showWindow)
  app.on('activate', showWindow)
  // macOS sends this before ready when a file opens the app: listen from the start, import once open.
  app.on('open-file', (event, path) => {
    event.preventDefault()
    if (service) void importFile(service, path).then(showWindow)
    else pendingFiles.push(path)
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })

  // Electron does not wait for promises in quit handlers: hold the quit once, close, then quit again.
  let closed = false
  let closing: Promise<void> | undefined
  app.on('will-quit', (event) => {
    if (closed) return
    event.preventDefault()
    closing ??= (async () => {
      const svc = await opening?.catch(() => undefined)
      if (svc && !(await within(svc.close(), quitTimeoutMs))) {
        console.error(`Dossier: the archive did not finish closing within ${quitTimeoutMs / 1000} s; quitting anyway.`)
      }
    })()
      .catch((error: unknown) => console.error('Dossier: closing the archive failed:', error))
      .finally(() => {
        closed = true
        app.quit()
      })
  })

  const fail = async (error: unknown): Promise<void> => {
    failed = true
    const archiveProblem = error instanceof DossierFailure
    dialog.showErrorBox(archiveProblem ? 'Dossier cannot open the archive' : 'Dossier could not start', explain(error))
    // Free what later launches need: the archive's lock and the single-instance lock.
    const svc = service ?? (await opening?.catch(() => undefined))
    if (svc) await within(svc.close().catch(() => undefined), quitTimeoutMs)
    app.releaseSingleInstanceLock()
    app.exit(1)
  }

  const start = async (): Promise<void> => {
    await app.whenReady()
    const archiveDir = config.archiveDir ?? join(app.getPath('userData'), 'archive')
    opening = open(archiveDir, {
      command: 'Dossier desktop app',
      printToPdf: createPdfPrinter((options) => new BrowserWindow(options)),
    })
    const svc = await opening
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(allowPermission(permission)))
    session.defaultSession.setPermissionCheckHandler((_contents, permission) => allowPermission(permission))
    // Fetch from the web goes through Chromium's network stack, so the system's proxy settings apply.
    setPageFetcher(chromiumPageFetcher((requestOptions) => net.request(requestOptions)))
    protocol.handle(APP_SCHEME, appProtocolHandler(join(config.mainDir, '../renderer'), svc))
    registerIpc(ipcMain, svc, (url) => isAppUrl(url, devServerUrl))
    service = svc
    if (closing) return
    window = createWindow(svc)
    for (const path of pendingFiles.splice(0)) await importFile(svc, path)
  }

  return { started: start().catch(fail) }
}
