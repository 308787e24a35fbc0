import { parse } from 'csv-parse/sync'
import { describe, expect, it } from 'vitest'
import { CSV_COLUMNS, exportCsv, neutraliseFormula } from './csv'
import { OPTIONS, sampleSelection } from './test-fixtures'

async function rows(): Promise<{ text: string; records: Record<string, string>[] }> {
  const file = await exportCsv(sampleSelection(), OPTIONS)
  const text = file.data as string
  const records = parse(text, { bom: true, columns: true }) as Record<string, string>[]
  return { text, records }
}

describe('exportCsv', () => {
  it('starts with a UTF-8 BOM and has one row per annotation under the documented header', async () => {
    const { text, records } = await rows()
    expect(text.startsWith('\uFEFF')).toBe(true)
    expect(Object.keys(records[0] ?? {})).toEqual([...CSV_COLUMNS])
    expect(records.map((r) => r['annotation id']).sort()).toEqual(['a1', 'a2', 'a3', 'a4'])
  })

  it('keeps commas, quotes and newlines inside cells intact', async () => {
    const { records } = await rows()
    const a1 = records.find((r) => r['annotation id'] === 'a1')
    expect(a1?.article).toBe('Grid / Storage: a "report"')
    expect(a1?.tags).toBe('storage, to verify')
    expect(a1?.note).toBe('Check against **ENTSO-E** data. See [the source](https://example.net/x).')
    expect(a1?.links).toContain('supports → Prices: “Wholesale prices fell by *a third*”')
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
