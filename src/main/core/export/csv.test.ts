import { spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { CSV_COLUMNS, exportCsv, neutraliseFormula } from './csv'
import { OPTIONS, note, sampleSelection } from './test-fixtures'
import type { NotesSelection } from './selection'

async function csvOf(selection: NotesSelection = sampleSelection()): Promise<string> {
  return (await exportCsv(selection, OPTIONS)).data as string
}

async function rows(selection?: NotesSelection): Promise<{ text: string; records: Record<string, string>[] }> {
  const text = await csvOf(selection)
  const records = parse(text, { bom: true, columns: true }) as Record<string, string>[]
  return { text, records }
}

/** A selection whose notes hold every character that breaks a naive CSV: lone LF, lone CR, CRLF, tabs, quotes, commas. */
function awkwardSelection(): NotesSelection {
  const selection = sampleSelection()
  const texts = ['line one\nline two', 'carriage\rreturn', 'windows\r\nbreak', 'tab\there', 'say "hi"', 'a, b', 'plain', '\n', '"']
  const template = selection.annotations[0]!
  const annotations = texts.map((text, i) => note(`w${i}`, template.target, { note: text, tags: [text] }))
  return { ...selection, annotations: [...selection.annotations, ...annotations] }
}

const hasPython = spawnSync('python3', ['--version']).status === 0
if (!hasPython) console.warn('csv.test.ts: python3 is not on this machine, so the Python csv reader check is skipped')

/** Python's csv module, as a spreadsheet script would use it: every record as a list of fields. */
function readWithPython(text: string): string[][] {
  const dir = mkdtempSync(join(tmpdir(), 'dossier-csv-'))
  try {
    const path = join(dir, 'notes.csv')
    writeFileSync(path, text, 'utf8')
    const script = 'import csv, json, sys\nwith open(sys.argv[1], newline="", encoding="utf-8-sig") as f:\n    print(json.dumps(list(csv.reader(f))))'
    const run = spawnSync('python3', ['-c', script, path], { encoding: 'utf8' })
    if (run.status !== 0) throw new Error(run.stderr)
    return JSON.parse(run.stdout) as string[][]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

describe('exportCsv', () => {
  it('starts with a UTF-8 BOM and has one row per annotation and one per link under the documented header', async () => {
    const { text, records } = await rows()
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(Object.keys(records[0] ?? {})).toEqual([...CSV_COLUMNS])
    const annotations = records.filter((r) => r.kind === 'annotation')
    expect(annotations.map((r) => r['annotation id']).sort()).toEqual(['a1', 'a2', 'a3', 'a4'])
    expect(records.filter((r) => r.kind === 'link').map((r) => r['link id']).sort()).toEqual(['l1', 'l2', 'l3'])
    expect(records).toHaveLength(7)
  })

  it('writes each link with both ends, the relation and its note', async () => {
    const { records } = await rows()
    const l1 = records.find((r) => r['link id'] === 'l1')
    expect(l1).toMatchObject({
      kind: 'link',
      article: 'Grid / Storage: a "report"',
      quote: 'added 2 GW of storage',
      relation: 'supports',
      'linked article': 'Prices',
      'linked quote': 'Wholesale prices fell by *a third*',
      note: 'Storage pushed prices down',
      author: 'Ana',
      date: '2024-03-03T09:00:00.000Z',
      'article id': 'art-grid',
      'annotation id': 'a1',
      'linked article id': 'art-prices',
      'linked annotation id': 'a3',
    })
    // A link to an article outside the export still names that article and its passage.
    expect(records.find((r) => r['link id'] === 'l3')).toMatchObject({ 'linked article': 'An article left out', 'linked quote': 'elsewhere', 'annotation id': '' })
  })

  it('writes dates as ISO 8601', async () => {
    const { records } = await rows()
    for (const record of records) {
      expect(record.date).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/)
      expect(record.modified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/)
    }
    expect(records.find((r) => r['annotation id'] === 'a1')?.published).toBe('2024-01-15')
  })

  it('keeps commas, quotes and newlines inside cells intact', async () => {
    const { records } = await rows()
    const a1 = records.find((r) => r['annotation id'] === 'a1' && r.kind === 'annotation')
    expect(a1?.article).toBe('Grid / Storage: a "report"')
    expect(a1?.tags).toBe('storage, to verify')
    expect(a1?.note).toBe('Check against **ENTSO-E** data. See [the source](https://example.net/x).')
    expect(a1?.links).toContain('supports → Prices: “Wholesale prices fell by *a third*”')
  })

  it('quotes every field holding CR, LF, comma or quote, and ends every record with CRLF and nothing else', async () => {
    const text = (await csvOf(awkwardSelection())).slice(1)
    // Outside quoted fields the only line break is the CRLF that ends a record.
    const outside = text.replace(/"(?:[^"]|"")*"/g, '')
    expect(outside.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/)
    expect(text.endsWith('\r\n')).toBe(true)
    // Inside fields line breaks are LF only.
    expect(text.replace(/\r\n/g, '')).not.toMatch(/\r/)
  })

  it('reads back as the same rows with csv-parse’s default options', async () => {
    const selection = awkwardSelection()
    const text = await csvOf(selection)
    const [header, ...records] = parse(text) as string[][]
    expect(header?.map((h) => h.replace(/^\uFEFF/, ''))).toEqual([...CSV_COLUMNS])
    expect(records).toHaveLength(selection.annotations.length + selection.links.length)
    for (const record of records) expect(record).toHaveLength(CSV_COLUMNS.length)
    const notes = records.filter((r) => r[0] === 'annotation').map((r) => r[CSV_COLUMNS.indexOf('note')])
    expect(notes).toEqual(expect.arrayContaining(['line one\nline two', 'carriage\nreturn', 'windows\nbreak', 'tab\there', 'say "hi"', 'a, b', "'\n", '"']))
  })

  it.skipIf(!hasPython)('reads back as the same rows with Python’s csv module', async () => {
    const selection = awkwardSelection()
    const text = await csvOf(selection)
    const fromPython = readWithPython(text)
    expect(fromPython).toEqual(parse(text, { bom: true }))
    expect(fromPython).toHaveLength(1 + selection.annotations.length + selection.links.length)
    for (const record of fromPython) expect(record).toHaveLength(CSV_COLUMNS.length)
  })

  it('neutralises cells a spreadsheet would evaluate as formulas', async () => {
    const { records } = await rows()
    const a2 = records.find((r) => r['annotation id'] === 'a2')
    expect(a2?.quote.startsWith("'=SUM")).toBe(true)
    expect(a2?.note.startsWith("'+1")).toBe(true)
    expect(a2?.tags).toBe("'@risk")
    expect(records.find((r) => r['annotation id'] === 'a4')?.note).toBe("'- starts like a list")
  })

  it('prefixes every dangerous first character and leaves others alone', () => {
    for (const cell of ['=1', '+1', '-1', '@x', '\tx', '\rx', '\nx', ' =1', '\u200B+1', '\uFEFF-1', '\u2060@x', '＝1', '＋1', '－1', '＠x', ' \u200B＝1'])
      expect(neutraliseFormula(cell)).toBe(`'${cell}`)
    for (const cell of ['', 'a=1', ' a=1', '\u200Bx', '１=1', "'quoted", 'x\n=1']) expect(neutraliseFormula(cell)).toBe(cell)
  })

  it('writes only the header for an empty selection', async () => {
    const file = await exportCsv({ articles: [], annotations: [], links: [] }, OPTIONS)
    const records = parse(file.data as string, { bom: true, columns: true }) as unknown[]
    expect(records).toEqual([])
  })
})
