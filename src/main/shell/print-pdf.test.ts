import type { BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron'
import { describe, expect, it } from 'vitest'
import { PDF_OPTIONS, PRINT_WINDOW_OPTIONS, createPdfPrinter, type PrintingWindow } from './print-pdf'

function fakeWindow(options: { failLoad?: boolean } = {}) {
  const calls = { url: '', pdfOptions: undefined as PrintToPDFOptions | undefined, destroyed: false, windowOptions: undefined as BrowserWindowConstructorOptions | undefined }
  const open = (windowOptions: BrowserWindowConstructorOptions): PrintingWindow => {
    calls.windowOptions = windowOptions
    return {
      loadURL: async (url) => {
        if (options.failLoad) throw new Error('load failed')
        calls.url = url
      },
      webContents: {
        printToPDF: async (pdfOptions) => {
          calls.pdfOptions = pdfOptions
          return new TextEncoder().encode('%PDF-1.7 fake')
        },
      },
      destroy: () => {
        calls.destroyed = true
      },
    }
  }
  return { open, calls }
}

describe('PDF export in the desktop app', () => {
  it('prints the report in a hidden window without JavaScript, sandboxed like the app window', () => {
    expect(PRINT_WINDOW_OPTIONS.show).toBe(false)
    expect(PRINT_WINDOW_OPTIONS.webPreferences).toMatchObject({ javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false })
    expect(PRINT_WINDOW_OPTIONS.webPreferences).not.toHaveProperty('preload')
    expect(PDF_OPTIONS).toMatchObject({ pageSize: 'A4', printBackground: true })
  })

  it('loads exactly the given HTML as a data URL and returns the printed bytes, then closes the window', async () => {
    const { open, calls } = fakeWindow()
    const html = '<!doctype html><title>Notes — “46 people”</title><p>Über</p>'
    const pdf = await createPdfPrinter(open)(html)
    expect(new TextDecoder().decode(pdf)).toBe('%PDF-1.7 fake')
    const [, base64] = calls.url.split(';base64,')
    expect(calls.url.startsWith('data:text/html;charset=utf-8;base64,')).toBe(true)
    expect(Buffer.from(base64!, 'base64').toString('utf8')).toBe(html)
    expect(calls.pdfOptions).toEqual(PDF_OPTIONS)
    expect(calls.windowOptions).toBe(PRINT_WINDOW_OPTIONS)
    expect(calls.destroyed).toBe(true)
  })

  it('closes the window even when the page fails to load, and passes the failure on', async () => {
    const { open, calls } = fakeWindow({ failLoad: true })
    await expect(createPdfPrinter(open)('<p>x</p>')).rejects.toThrow('load failed')
    expect(calls.destroyed).toBe(true)
  })
})
