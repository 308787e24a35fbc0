import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { exportNotes } from '../core/export'
import { note, OPTIONS, sampleSelection } from '../core/export/test-fixtures'
import { PDF_OPTIONS, PRINT_WINDOW_OPTIONS, createPdfPrinter, type PrintingWindow } from './print-pdf'

/** Chromium refuses to load a URL longer than this (url::kMaxURLChars). */
const CHROMIUM_MAX_URL_CHARS = 2 * 1024 * 1024

/** A printing window that behaves as Chromium's does: refuses over-long URLs, reads file: URLs from disk. */
function fakeWindow(options: { failLoad?: boolean; failPrint?: boolean } = {}) {
  const calls = {
    url: '',
    loaded: '',
    fileMode: 0,
    pdfOptions: undefined as PrintToPDFOptions | undefined,
    destroyed: false,
    windowOptions: undefined as BrowserWindowConstructorOptions | undefined,
  }
  const open = (windowOptions: BrowserWindowConstructorOptions): PrintingWindow => {
    calls.windowOptions = windowOptions
    return {
      loadURL: async (url) => {
        calls.url = url
        if (url.length > CHROMIUM_MAX_URL_CHARS) throw new Error(`ERR_INVALID_URL (-300) loading '${url.slice(0, 40)}…'`)
        if (options.failLoad) throw new Error('load failed')
        if (!url.startsWith('file:')) throw new Error('the printer loads only its own file')
        const path = fileURLToPath(url)
        calls.loaded = readFileSync(path, 'utf8')
        calls.fileMode = (await stat(path)).mode & 0o777
      },
      webContents: {
        printToPDF: async (pdfOptions) => {
          if (options.failPrint) throw new Error('print failed')
          calls.pdfOptions = pdfOptions
          return new TextEncoder().encode(`%PDF-1.7 ${calls.loaded.length}`)
        },
      },
      destroy: () => {
        calls.destroyed = true
      },
    }
  }
  return { open, calls }
}

let root: string
let temp: string
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-print-test-'))
  temp = join(root, 'tmp')
  await mkdir(temp)
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('PDF export in the desktop app', () => {
  it('prints the report in a hidden window without JavaScript, sandboxed like the app window', () => {
    expect(PRINT_WINDOW_OPTIONS.show).toBe(false)
    expect(PRINT_WINDOW_OPTIONS.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false })
    expect(PRINT_WINDOW_OPTIONS.webPreferences).not.toHaveProperty('preload')
    expect(PDF_OPTIONS).toMatchObject({ pageSize: 'A4', printBackground: true })
  })

  it('loads exactly the given HTML from a private temporary file, returns the printed bytes, then removes the file and closes the window', async () => {
    const { open, calls } = fakeWindow()
    const html = '<!doctype html><title>Notes — “46 people”</title><p>Über</p>'
    const pdf = await createPdfPrinter(open, () => temp)(html)
    expect(new TextDecoder().decode(pdf)).toBe(`%PDF-1.7 ${html.length}`)
    expect(calls.url).toMatch(/^file:\/\/.*\/dossier-print-[^/]+\/report\.html$/)
    expect(calls.loaded).toBe(html)
    expect(calls.fileMode).toBe(0o600)
    expect(calls.pdfOptions).toEqual(PDF_OPTIONS)
    expect(calls.windowOptions).toBe(PRINT_WINDOW_OPTIONS)
    expect(calls.destroyed).toBe(true)
    expect(existsSync(fileURLToPath(calls.url))).toBe(false)
    expect(await readdir(temp)).toEqual([])
  })

  it.each([
    ['the page fails to load', { failLoad: true }, 'load failed'],
    ['printing fails', { failPrint: true }, 'print failed'],
  ])('closes the window and removes the file even when %s, and passes the failure on', async (_what, options, message) => {
    const { open, calls } = fakeWindow(options)
    await expect(createPdfPrinter(open, () => temp)('<p>x</p>')).rejects.toThrow(message)
    expect(calls.destroyed).toBe(true)
    expect(await readdir(temp)).toEqual([])
  })

  it('passes a failure to create the temporary file on, without opening a window', async () => {
    const { open, calls } = fakeWindow()
    await expect(createPdfPrinter(open, () => join(root, 'no-such-folder'))('<p>x</p>')).rejects.toThrow(/ENOENT/)
    expect(calls.windowOptions).toBeUndefined()
  })
})

describe('PDF export of a large report', () => {
  it('prints the real HTML report of a notebook over 3 MB, which a data: URL could not carry', async () => {
    const { open, calls } = fakeWindow()
    const selection = sampleSelection()
    const target = selection.annotations[0]!.target
    const long = 'A long analyst note on grid storage and its prices. '.repeat(1800)
    for (let i = 0; i < 36; i++) selection.annotations.push(note(`long-${i}`, target, { note: `${i} ${long}` }))
    const [report] = await exportNotes('html', selection, OPTIONS)
    const html = typeof report!.data === 'string' ? report!.data : new TextDecoder().decode(report!.data)
    const pdf = await createPdfPrinter(open, () => temp)(html)
    expect(calls.loaded).toBe(html)
    expect(html.length).toBeGreaterThan(3 * 1024 * 1024)
    // As a base64 data: URL this report is far over Chromium's cap; the file URL is short.
    expect(Math.ceil(Buffer.byteLength(html) / 3) * 4).toBeGreaterThan(CHROMIUM_MAX_URL_CHARS)
    expect(calls.url.length).toBeLessThan(1000)
    expect(new TextDecoder().decode(pdf)).toBe(`%PDF-1.7 ${html.length}`)
    expect(await readdir(temp)).toEqual([])
  })
})
