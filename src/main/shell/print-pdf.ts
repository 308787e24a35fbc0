// PDF export in the desktop app: the standalone HTML report, printed by a hidden
// window that runs no script and loads nothing (the report carries its own CSP).
// The report is loaded from a private temporary file, not a data: URL, which Chromium
// refuses past 2,097,152 characters (about 1.5 MB of HTML).

import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
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

export function createPdfPrinter(openWindow: (options: BrowserWindowConstructorOptions) => PrintingWindow, tempRoot: () => string = tmpdir) {
  return async (html: string): Promise<Uint8Array> => {
    // A folder only this user can read (mkdtemp makes it 0700), removed whatever happens.
    const folder = await mkdtemp(join(tempRoot(), 'dossier-print-'))
    try {
      const file = join(folder, 'report.html')
      await writeFile(file, html, { encoding: 'utf8', mode: 0o600 })
      const window = openWindow(PRINT_WINDOW_OPTIONS)
      try {
        await window.loadURL(pathToFileURL(file).href)
        return new Uint8Array(await window.webContents.printToPDF(PDF_OPTIONS))
      } finally {
        window.destroy()
      }
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  }
}
