// CSV export: one row per annotation, for spreadsheet programs. UTF-8 with a
// BOM (Excel needs it to read UTF-8), CRLF rows, and formula injection
// neutralised: a cell that a spreadsheet would evaluate gets a leading apostrophe.

import { stringify } from 'csv-stringify/sync'
import { linkSummary, linksOfAnnotation } from './link-text'
import { forEachArticle, indexSelection, type ExportFile, type ExportOptions, type NotesSelection } from './selection'

export const CSV_COLUMNS = [
  'article',
  'source',
  'url',
  'published',
  'date',
  'quote',
  'note',
  'tags',
  'colour',
  'author',
  'links',
  'article id',
  'annotation id',
] as const

/**
 * OWASP's list (=, +, -, @, tab, carriage return) and line feed start a formula
 * in some program; spreadsheets also skip leading spaces and invisible format
 * characters (U+200B, U+FEFF, U+2060...) and some read fullwidth ＝＋－＠ as the
 * ASCII ones, so those disguises count too.
 */
const FORMULA_START = /^(?:[\t\r\n]|[\s\p{Cf}]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u

export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell
}

export async function exportCsv(selection: NotesSelection, options: ExportOptions): Promise<ExportFile> {
  const index = indexSelection(selection)
  const rows: string[][] = []
  await forEachArticle(index, options, (article) => {
    for (const annotation of index.annotationsOf(article.id)) {
      const links = linksOfAnnotation(annotation.id, article.id, index).map(({ link, fromSide }) =>
        linkSummary(link, fromSide, index),
      )
      rows.push(
        [
          article.title,
          article.source ?? '',
          article.url ?? '',
          article.publishedAt ?? '',
          annotation.created,
          annotation.target.quote.exact,
          annotation.note,
          annotation.tags.join(', '),
          annotation.color,
          annotation.author,
          links.join('\n'),
          article.id,
          annotation.id,
        ].map(neutraliseFormula),
      )
    }
  })
  const text = stringify(rows, { header: true, columns: [...CSV_COLUMNS], record_delimiter: 'windows' })
  return { name: 'dossier-notes.csv', data: `\uFEFF${text}` }
}
