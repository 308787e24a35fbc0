import { existsSync, readFileSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openService } from '../service'
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

describe('PDF export of a large report through the service', () => {
  it('prints a report over 3 MB, which a data: URL could not carry', async () => {
    const { open, calls } = fakeWindow()
    const service = await openService(join(root, 'archive'), { printToPdf: createPdfPrinter(open, () => temp) })
    try {
      const body = Array.from({ length: 40 }, (_, i) => `Paragraph ${i} of the long article about storage and grids.`).join('\n\n')
      const imported = await service.api.importFiles([{ name: 'long.txt', data: new TextEncoder().encode(`Large Report\n\n${body}\n`) }])
      if (!imported.ok || !imported.value.imported[0]) throw new Error('fixture import failed')
      const articleId = imported.value.imported[0].id
      const note = 'A long analyst note on grid storage. '.repeat(2600)
      for (let i = 0; i < 36; i++) {
        const created = await service.api.createAnnotation(articleId, { start: i * 10, end: i * 10 + 8, note: `${i} ${note}` })
        if (!created.ok) throw new Error(created.error.message)
      }
      const outcome = await service.api.exportNotes({ format: 'pdf', scope: { all: true } })
      if (!outcome.ok) throw new Error(outcome.error.message)
      expect(calls.loaded.length).toBeGreaterThan(3 * 1024 * 1024)
      // As a base64 data: URL this report would be over Chromium's cap.
      expect(Buffer.byteLength(calls.loaded) * (4 / 3)).toBeGreaterThan(CHROMIUM_MAX_URL_CHARS)
      expect(calls.url.length).toBeLessThan(CHROMIUM_MAX_URL_CHARS)
      expect(new TextDecoder().decode(outcome.value.files[0]!.data)).toBe(`%PDF-1.7 ${calls.loaded.length}`)
      expect(await readdir(temp)).toEqual([])
    } finally {
      await service.close()
    }
  }, 60_000)
})
