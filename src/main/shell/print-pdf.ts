// PDF export in the desktop app: the standalone HTML report, printed by a hidden
// window that runs no script and loads nothing (the report carries its own CSP).

import type { BrowserWindowConstructorOptions, PrintToPDFOptions } from 'electron'
import { WEB_PREFERENCES } from './security'

export const PDF_OPTIONS = {
  pageSize: 'A4',
  printBackground: true,
  preferCSSPageSize: true,
  generateDocumentOutline: true,
} as const satisfies PrintToPDFOptions

/** The printing window: hidden, sandboxed like the app's window, and without JavaScript. */
export const PRINT_WINDOW_OPTIONS = {
  show: false,
  webPreferences: { ...WEB_PREFERENCES, javascript: false },
} as const satisfies BrowserWindowConstructorOptions

/** The part of a BrowserWindow the printer uses, so it can be tested without Electron. */
export interface PrintingWindow {
  loadURL(url: string): Promise<void>
  webContents: { printToPDF(options: PrintToPDFOptions): Promise<Uint8Array> }
  destroy(): void
}

export function createPdfPrinter(openWindow: (options: BrowserWindowConstructorOptions) => PrintingWindow) {
  return async (html: string): Promise<Uint8Array> => {
    const window = openWindow(PRINT_WINDOW_OPTIONS)
    try {
      await window.loadURL(`data:text/html;charset=utf-8;base64,${Buffer.from(html, 'utf8').toString('base64')}`)
      return new Uint8Array(await window.webContents.printToPDF(PDF_OPTIONS))
    } finally {
      window.destroy()
    }
  }
}
