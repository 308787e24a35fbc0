// Notes export: one entry point for every format over one selection shape.
// Async so that progress reaches the UI and an AbortSignal is seen between articles.

import { exportCsv } from './csv'
import { exportHtml } from './html'
import { exportJson } from './json-ld'
import { exportMarkdownCombined, exportMarkdownFiles } from './markdown'
import type { ExportFile, ExportFormat, ExportOptions, NotesSelection } from './selection'

export type { ExportArticle, ExportFile, ExportFormat, ExportOptions, NotesSelection } from './selection'
export { EXPORT_FORMATS } from './selection'
export { SHARE_FORMAT_VERSION } from './json-ld'

/** 'markdown' gives one file per article; every other format gives one file. Throws DossierFailure('cancelled') on abort. */
export async function exportNotes(
  format: ExportFormat,
  selection: NotesSelection,
  options: ExportOptions,
): Promise<ExportFile[]> {
  switch (format) {
    case 'markdown':
      return exportMarkdownFiles(selection, options)
    case 'markdown-combined':
      return [await exportMarkdownCombined(selection, options)]
    case 'csv':
      return [await exportCsv(selection, options)]
    case 'json':
      return [await exportJson(selection, options)]
    case 'html':
      return [await exportHtml(selection, options)]
  }
}
