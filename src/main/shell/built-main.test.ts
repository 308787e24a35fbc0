// The built main entry (out/main/index.js, as Electron would load it) run by plain Node with a
// stand-in electron module: what a launch does, from the scheme's privileges to the last write.
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiMethods, ipcChannel } from '../../shared/api'
import { APP_CSP } from './protocol'

const ROOT = join(import.meta.dirname, '..', '..', '..')
// Inside the repository (in .tmp, ignored by git) so the build's imports find node_modules.
const OUT = join(ROOT, '.tmp', `shell-main-${process.pid}`)

// The stand-in: records each call, fires ready, then drives the app as a user would and prints
// what it saw as JSON. DRIVE says which scenario.
const FAKE_ELECTRON = String.raw`
import { EventEmitter } from 'node:events'
import { existsSync, readdirSync, writeSync } from 'node:fs'
import { join } from 'node:path'

const log = []
const report = { log, errorBoxes: [] }
const handlers = new Map()
let protocolHandler
const windows = []
const finish = (code) => {
  writeSync(1, '\nREPORT ' + JSON.stringify(report) + '\n')
  process.exit(code)
}
class Event { defaultPrevented = false; preventDefault() { this.defaultPrevented = true } }

class Contents extends EventEmitter {
  destroyed = false
  setWindowOpenHandler() {}
  isDestroyed() { return this.destroyed }
  send() { if (this.destroyed) throw new TypeError('Object has been destroyed') }
}
export class BrowserWindow extends EventEmitter {
  webContents = new Contents()
  destroyed = false
  constructor(options) { super(); this.options = options; log.push('new BrowserWindow'); windows.push(this) }
  static getAllWindows() { return windows.filter((w) => !w.destroyed) }
  check() { if (this.destroyed) throw new TypeError('Object has been destroyed') }
  async loadURL(url) { this.check(); log.push('loadURL ' + url); if (windows.length === 1) setTimeout(drive, 0); else if (url.startsWith('app:')) report.reopened = true }
  isDestroyed() { return this.destroyed }
  isMinimized() { this.check(); return false }
  restore() { this.check() }
  show() { this.check() }
  focus() { this.check(); log.push('focus') }
  destroy() { this.close() }
  close() {
    if (this.destroyed) return
    this.destroyed = true
    this.webContents.destroyed = true
    this.emit('closed')
    if (BrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed')
  }
}
export const app = Object.assign(new EventEmitter(), {
  requestSingleInstanceLock() { log.push('requestSingleInstanceLock'); return true },
  releaseSingleInstanceLock() { log.push('releaseSingleInstanceLock') },
  whenReady() { log.push('whenReady'); return new Promise((resolve) => setTimeout(resolve, 0)) },
  getPath(name) { return join(process.env.FAKE_HOME, name) },
  quit() {
    log.push('quit')
    for (const w of BrowserWindow.getAllWindows()) w.close()
    const event = new Event()
    app.emit('will-quit', event)
    if (event.defaultPrevented) { log.push('will-quit held'); return }
    log.push('quit done')
    report.lockLeftAtQuit = existsSync(join(process.env.DOSSIER_ARCHIVE, 'dossier.lock'))
    finish(0)
  },
  exit(code) { log.push('exit ' + code); finish(code) },
})
export const dialog = { showErrorBox(title, content) { log.push('showErrorBox'); report.errorBoxes.push({ title, content }) } }
export const ipcMain = { handle(channel, handler) { if (handlers.has(channel)) throw new Error('second handler for ' + channel); handlers.set(channel, handler) } }
export const protocol = {
  registerSchemesAsPrivileged(schemes) { log.push('registerSchemesAsPrivileged'); report.schemes = schemes },
  handle(scheme, handler) { log.push('protocol.handle ' + scheme); protocolHandler = handler },
}
export const session = { defaultSession: { setPermissionRequestHandler() { log.push('setPermissionRequestHandler') }, setPermissionCheckHandler() { log.push('setPermissionCheckHandler') } } }
export const net = { request() { throw new Error('no network in this test') } }
export const shell = { openExternal: async () => undefined }

const invoke = (method, url, ...args) => handlers.get('dossier:' + method)({ senderFrame: { url } }, ...args)
const get = async (path) => {
  const response = await protocolHandler(new Request('app://dossier' + path))
  return { status: response.status, type: response.headers.get('content-type'), csp: response.headers.get('content-security-policy'), text: (await response.text()).slice(0, 200) }
}

async function drive() {
  report.channels = [...handlers.keys()].sort()
  report.listed = await invoke('listArticles', 'app://dossier/')
  report.foreign = await invoke('listArticles', 'https://evil.example/')
  report.page = await get('/')
  const assets = readdirSync(join(process.env.OUT, 'renderer', 'assets'))
  report.script = await get('/assets/' + assets.find((name) => name.endsWith('.js')))
  report.font = await get('/assets/' + assets.find((name) => name.endsWith('.woff2')))
  report.traversal = await get('/..%2fmain%2findex.js')
  // macOS: the window closed, the app still running, then a second launch.
  const first = windows[0]
  first.destroyed = true
  first.webContents.destroyed = true
  first.emit('closed')
  app.emit('second-instance', new Event(), [], '/')
  await new Promise((resolve) => setTimeout(resolve, 50))
  report.lockBeforeQuit = existsSync(join(process.env.DOSSIER_ARCHIVE, 'dossier.lock'))
  app.quit()
}
`

let fakeUrl: string
let registerFile: string

beforeAll(() => {
  const built = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: ROOT,
    env: { ...process.env, DOSSIER_OUT: OUT },
    encoding: 'utf8',
    timeout: 240_000,
  })
  if (built.status !== 0) throw new Error(`electron-vite build failed:\n${built.stderr}`)
  const fake = join(OUT, 'fake-electron.mjs')
  writeFileSync(fake, FAKE_ELECTRON)
  fakeUrl = pathToFileURL(fake).href
  registerFile = join(OUT, 'register.mjs')
  const hooks = `export async function resolve(specifier, context, next) { return specifier === 'electron' ? { url: ${JSON.stringify(fakeUrl)}, shortCircuit: true } : next(specifier, context) }`
  writeFileSync(registerFile, `import { register } from 'node:module'\nregister(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)})\n`)
}, 300_000)

afterAll(() => rmSync(OUT, { recursive: true, force: true }))

interface Report {
  log: string[]
  errorBoxes: { title: string; content: string }[]
  schemes: unknown
  channels: string[]
  listed: { ok: boolean; value?: { title: string }[] }
  foreign: unknown
  page: { status: number; csp: string; text: string }
  script: { status: number; type: string }
  font: { status: number; type: string }
  traversal: { status: number }
  reopened?: boolean
  lockBeforeQuit: boolean
  lockLeftAtQuit: boolean
}

function launch(archive: string): { report: Report; status: number | null; stderr: string } {
  const home = join(OUT, `home-${Math.random().toString(36).slice(2)}`)
  mkdirSync(home, { recursive: true })
  const run = spawnSync(process.execPath, ['--import', pathToFileURL(registerFile).href, join(OUT, 'main', 'index.js')], {
    cwd: ROOT,
    env: { ...process.env, OUT, FAKE_HOME: home, DOSSIER_ARCHIVE: archive },
    encoding: 'utf8',
    timeout: 60_000,
  })
  const line = run.stdout.split('\n').find((l) => l.startsWith('REPORT '))
  if (!line) throw new Error(`no report (exit ${run.status}, ${run.signal}):\n${run.stdout}\n${run.stderr}`)
  return { report: JSON.parse(line.slice('REPORT '.length)) as Report, status: run.status, stderr: run.stderr }
}

describe('the built main entry under a stand-in electron', () => {
  it('starts in order, serves the app, refuses foreign pages, reopens a closed window and quits after the archive closed', () => {
    const archive = join(OUT, 'archive')
    const { report, status } = launch(archive)
    expect(status).toBe(0)
    const until = report.log.indexOf('new BrowserWindow') + 2
    expect(report.log.slice(0, until)).toEqual([
      'registerSchemesAsPrivileged',
      'requestSingleInstanceLock',
      'whenReady',
      'setPermissionRequestHandler',
      'setPermissionCheckHandler',
      'protocol.handle app',
      'new BrowserWindow',
      'loadURL app://dossier/',
    ])
    expect(report.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } }])
    expect(report.channels).toEqual(apiMethods.map(ipcChannel).sort())
    expect(report.listed).toMatchObject({ ok: true, value: [{ title: 'Welcome to Dossier' }] })
    expect(report.foreign).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(report.page).toMatchObject({ status: 200, csp: APP_CSP })
    expect(report.page.text).toMatch(/<!doctype html>/i)
    expect(report.script).toEqual(expect.objectContaining({ status: 200, type: 'text/javascript; charset=utf-8' }))
    expect(report.font).toEqual(expect.objectContaining({ status: 200, type: 'font/woff2' }))
    expect(report.traversal.status).toBe(404)
    expect(report.reopened).toBe(true)
    // The quit was held until the archive closed: its lock, held while running, was gone when the process ended.
    expect(report.lockBeforeQuit).toBe(true)
    const quitting = report.log.slice(report.log.indexOf('quit'))
    expect(quitting.indexOf('will-quit held')).toBeGreaterThan(0)
    expect(quitting.indexOf('will-quit held')).toBeLessThan(quitting.indexOf('quit done'))
    expect(quitting.at(-1)).toBe('quit done')
    expect(report.lockLeftAtQuit).toBe(false)
  })

  it('writes every font as a file, none inlined as a data: URL that font-src \'self\' would block', () => {
    const assets = join(OUT, 'renderer', 'assets')
    const styles = readdirSync(assets).filter((name) => name.endsWith('.css'))
    expect(styles.length).toBeGreaterThan(0)
    for (const name of styles) expect(readFileSync(join(assets, name), 'utf8')).not.toMatch(/url\(\s*["']?data:(?:font|application\/(?:x-)?font)/)
    expect(readdirSync(assets).filter((name) => name.endsWith('.woff2')).length).toBeGreaterThan(3)
  })

  it('loads the Map and the Markdown stack on demand: the first script of the page is minified, under 800 KB, and holds neither', () => {
    const renderer = join(OUT, 'renderer')
    const entry = /<script[^>]+src="\/?([^"]+\.js)"/.exec(readFileSync(join(renderer, 'index.html'), 'utf8'))?.[1]
    expect(entry).toBeDefined()
    const first = readFileSync(join(renderer, entry ?? ''), 'utf8')
    expect(first.length).toBeLessThan(800 * 1024)
    // cytoscape's and react-markdown's own words stay out of the first script.
    expect(first).not.toMatch(/cytoscape/i)
    expect(first).not.toMatch(/remark-parse|micromark/)
    const chunks = readdirSync(join(renderer, 'assets')).filter((name) => name.endsWith('.js'))
    expect(chunks.some((name) => name.startsWith('MapView-'))).toBe(true)
    expect(chunks.some((name) => name.startsWith('react-markdown-'))).toBe(true)
  })

  it('a start-up failure shows a dialog, releases the single-instance lock and exits 1', () => {
    // The archive's place is taken by a file: the archive cannot be opened.
    const blocked = join(OUT, 'not-a-folder')
    writeFileSync(blocked, 'a file')
    const { report, status } = launch(blocked)
    expect(status).toBe(1)
    expect(report.errorBoxes).toEqual([{ title: expect.stringMatching(/^Dossier (could not start|cannot open the archive)$/), content: expect.stringContaining('not-a-folder') }])
    expect(report.log.slice(-3)).toEqual(['showErrorBox', 'releaseSingleInstanceLock', 'exit 1'])
    expect(report.log).not.toContain('new BrowserWindow')
    expect(readdirSync(OUT)).toContain('not-a-folder')
  })
})
