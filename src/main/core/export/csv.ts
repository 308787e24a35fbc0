// CSV export per RFC 4180, for spreadsheets and scripts: one row per annotation
// and one per link between passages, told apart by the `kind` column. UTF-8
// with a BOM (Excel needs it to read UTF-8), CRLF after every record, and any
// field holding a comma, quote, CR or LF quoted, so Python's csv, csv-parse,
// LibreOffice and Excel all read the same rows. Line breaks inside a field are
// LF only. Formula injection is neutralised: a cell that a spreadsheet would
// evaluate gets a leading apostrophe.

import { stringify } from 'csv-stringify/sync'
import type { Annotation, PassageLink } from '../../../shared/notes'
import { linkSummary, linksOfAnnotation } from './link-text'
import { normaliseLines } from './markdown-text'
import {
  forEachArticle,
  indexSelection,
  type ExportArticle,
  type ExportFile,
  type ExportOptions,
  type IndexedSelection,
  type NotesSelection,
} from './selection'

export const CSV_COLUMNS = [
  'kind',
  'article',
  'source',
  'url',
  'published',
  'date',
  'modified',
  'quote',
  'note',
  'tags',
  'colour',
  'author',
  'relation',
  'linked article',
  'linked quote',
  'links',
  'article id',
  'annotation id',
  'link id',
  'linked article id',
  'linked annotation id',
] as const

type Column = (typeof CSV_COLUMNS)[number]
type Row = Partial<Record<Column, string>>

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

function articleCells(article: ExportArticle | undefined, title: string): Row {
  return {
    article: title,
    source: article?.source ?? '',
    url: article?.url ?? '',
    // Stored as ISO 8601 (a date, or a date and time), like every other date here.
    published: article?.publishedAt ?? '',
  }
}

function annotationRow(annotation: Annotation, article: ExportArticle, index: IndexedSelection): Row {
  const links = linksOfAnnotation(annotation.id, article.id, index).map(({ link, fromSide }) => linkSummary(link, fromSide, index))
  return {
    kind: 'annotation',
    ...articleCells(article, article.title),
    date: annotation.created,
    modified: annotation.modified,
    quote: annotation.target.quote.exact,
    note: annotation.note,
    tags: annotation.tags.join(', '),
    colour: annotation.color,
    author: annotation.author,
    links: links.join('\n'),
    'article id': article.id,
    'annotation id': annotation.id,
  }
}

function linkRow(link: PassageLink, index: IndexedSelection, articles: Map<string, ExportArticle>): Row {
  return {
    kind: 'link',
    ...articleCells(articles.get(link.from.articleId), index.titleOf(link.from.articleId)),
    date: link.created,
    modified: link.modified,
    quote: link.from.quote.exact,
    note: link.note,
    author: link.author,
    relation: link.relation,
    'linked article': index.titleOf(link.to.articleId),
    'linked quote': link.to.quote.exact,
    'article id': link.from.articleId,
    'annotation id': link.from.annotationId ?? '',
    'link id': link.id,
    'linked article id': link.to.articleId,
    'linked annotation id': link.to.annotationId ?? '',
  }
}

const cell = (value: string | undefined): string => neutraliseFormula(normaliseLines(value ?? ''))

export async function exportCsv(selection: NotesSelection, options: ExportOptions): Promise<ExportFile> {
  const index = indexSelection(selection)
  const articles = new Map(index.articles.map((article) => [article.id, article]))
  const rows: string[][] = []
  const seenLinks = new Set<string>()
  await forEachArticle(index, options, (article) => {
    for (const annotation of index.annotationsOf(article.id)) rows.push(CSV_COLUMNS.map((c) => cell(annotationRow(annotation, article, index)[c])))
    // Each link once, under the first of its articles in the export.
    for (const link of index.linksOf(article.id)) {
      if (seenLinks.has(link.id)) continue
      seenLinks.add(link.id)
      const row = linkRow(link, index, articles)
      rows.push(CSV_COLUMNS.map((c) => cell(row[c])))
    }
  })
  const text = stringify(rows, {
    header: true,
    columns: [...CSV_COLUMNS],
    record_delimiter: 'windows',
    // csv-stringify quotes a field holding the whole record delimiter; a lone LF or CR must be quoted too.
    quoted_match: /[\r\n]/,
  })
  return { name: 'dossier-notes.csv', data: `\uFEFF${text}` }
}
