import { describe, expect, it } from 'vitest'
import { importDocument } from '../index'
import { failureOf, readFixture, textsOf } from '../test-helpers'
import { makePdf, makeScannedPdf, type DrawnLine } from './make-pdf'

const para = (...lines: string[]): DrawnLine[] => lines.map((text, i) => ({ text, gapBefore: i === 0 ? 10 : 0 }))

/** A two-page report: a title, section headings, hyphenated line ends, a sentence running over the page break. */
const report = () =>
  makePdf({
    title: 'Microsoft Word - ports-final.docx',
    author: 'Harbour Research Unit',
    pageNumbers: true,
    pages: [
      [
        { text: 'Annual Review of Coastal Shipping', size: 20 },
        { text: 'Container traffic', size: 15, gapBefore: 12 },
        ...para('The harbour authority recorded a sharp in-', 'crease in container traffic during the year, led', 'by transshipment cargo from the southern routes.'),
        ...para('Dock workers walked out in November over auto-', 'mation plans and the terminal stood idle for nine days.'),
        ...para('Operators expect volumes to recover once the new', 'cranes are commissioned, although insurers have'),
      ],
      [
        ...para('raised premiums for vessels waiting at anchor.').map((l) => ({ ...l, gapBefore: 0 })),
        { text: 'Outlook', size: 15, gapBefore: 12 },
        ...para('Freight rates are forecast to ease in the second half.'),
        { text: '• Berth 4 reopens in March after dredging.', gapBefore: 10 },
        { text: '• A second rail spur is under study.' },
      ],
    ],
  })

describe('PDF importer: a report laid out line by line', () => {
  it('joins lines into paragraphs and rejoins words hyphenated across line ends', async () => {
    const doc = await importDocument({ name: 'ports.pdf', data: await report() })
    const paragraphs = textsOf(doc, 'paragraph')
    expect(paragraphs[0]).toBe('The harbour authority recorded a sharp increase in container traffic during the year, led by transshipment cargo from the southern routes.')
    expect(paragraphs[1]).toBe('Dock workers walked out in November over automation plans and the terminal stood idle for nine days.')
  })

  it('carries a sentence over the page break into one paragraph that starts on its first page', async () => {
    const doc = await importDocument({ name: 'ports.pdf', data: await report() })
    const carried = doc.blocks.find((b) => b.text.startsWith('Operators expect'))
    expect(carried).toMatchObject({
      text: 'Operators expect volumes to recover once the new cranes are commissioned, although insurers have raised premiums for vessels waiting at anchor.',
      page: 1,
    })
  })

  it('takes headings from larger type, the title from the first heading when the stated one is generic, and the author', async () => {
    const doc = await importDocument({ name: 'ports.pdf', data: await report() })
    expect(doc.title).toBe('Annual Review of Coastal Shipping')
    expect(doc.byline).toBe('Harbour Research Unit')
    expect(doc.format).toBe('pdf')
    // The title's size is level 1, so the sections under it are level 2.
    expect(doc.blocks.filter((b) => b.type === 'heading').map((b) => [b.text, b.level, b.page])).toEqual([
      ['Container traffic', 2, 1],
      ['Outlook', 2, 2],
    ])
  })

  it('sets a page on every block, drops the page numbers and reads bullets as list items', async () => {
    const doc = await importDocument({ name: 'ports.pdf', data: await report() })
    expect(doc.blocks.every((b) => typeof b.page === 'number' && b.page >= 1)).toBe(true)
    expect(textsOf(doc).some((t) => /^\d+$/.test(t))).toBe(false)
    expect(doc.blocks.filter((b) => b.type === 'list-item').map((b) => [b.text, b.page])).toEqual([
      ['Berth 4 reopens in March after dredging.', 2],
      ['A second rail spur is under study.', 2],
    ])
  })

  it('uses a real stated title and drops the heading that repeats it', async () => {
    const data = await makePdf({ title: 'Fisheries Outlook 2025', pages: [[{ text: 'Fisheries Outlook 2025', size: 18 }, ...para('Catches in the northern grounds fell for a third year.')]] })
    const doc = await importDocument({ name: 'x.pdf', data })
    expect(doc.title).toBe('Fisheries Outlook 2025')
    expect(textsOf(doc)).toEqual(['Catches in the northern grounds fell for a third year.'])
  })

  it('keeps a hyphen that joins a compound (the next line starts with a capital)', async () => {
    const data = await makePdf({ pages: [para('Talks between the port authority and the Franco-', 'German consortium resumed on Monday morning.')] })
    const doc = await importDocument({ name: 'compound.pdf', data })
    expect(textsOf(doc, 'paragraph')).toEqual(['Talks between the port authority and the Franco- German consortium resumed on Monday morning.'])
  })

  it('imports a PDF that is misnamed .txt as a PDF', async () => {
    const doc = await importDocument({ name: 'report.txt', data: await report() })
    expect(doc.format).toBe('pdf')
  })
})

describe('PDF importer: PDFs it cannot read say why, naming the file', () => {
  it('refuses a scanned PDF (no text layer) with no-text, saying it looks scanned', async () => {
    const failure = await failureOf(importDocument({ name: 'scan.pdf', data: await makeScannedPdf() }))
    expect(failure.code).toBe('no-text')
    expect(failure.message).toMatch(/^scan\.pdf has no text layer.*scanned/)
  })

  it('refuses a password-protected PDF with encrypted', async () => {
    const failure = await failureOf(importDocument({ name: 'encrypted.pdf', data: readFixture('encrypted.pdf') }))
    expect(failure.code).toBe('encrypted')
    expect(failure.message).toMatch(/^encrypted\.pdf is protected by a password/)
  })

  it('refuses a PDF header followed by garbage with parse-failed', async () => {
    const data = new TextEncoder().encode('%PDF-1.7\n' + 'garbage \u0001 obj << >> stream x endstream '.repeat(40))
    const failure = await failureOf(importDocument({ name: 'junk.pdf', data }))
    expect(failure.code).toBe('parse-failed')
    expect(failure.message).toMatch(/^junk\.pdf /)
  })

  it('refuses a PDF truncated to its first bytes with parse-failed', async () => {
    const whole = await report()
    const failure = await failureOf(importDocument({ name: 'cut.pdf', data: whole.slice(0, 200) }))
    expect(failure.code).toBe('parse-failed')
    expect(failure.message).toContain('cut.pdf is damaged')
  })

  it('leaves the caller\'s bytes untouched', async () => {
    const data = await report()
    const copy = data.slice()
    await importDocument({ name: 'ports.pdf', data })
    expect(data).toEqual(copy)
  })
})

describe('PDF importer: short, sparse and titled files no one here wrote', () => {
  it('imports a file whose whole text layer is one short line instead of calling it scanned', async () => {
    const doc = await importDocument({ name: 'hello.pdf', data: await makePdf({ pages: [[{ text: 'Hello PDF.js World' }]] }) })
    expect(textsOf(doc).join(' ')).toContain('Hello PDF.js World')
  })

  it('keeps the one line of each page of a five-page file, though the line repeats', async () => {
    const pages = Array.from({ length: 5 }, () => [{ text: 'Draft for discussion only' }])
    const doc = await importDocument({ name: 'slides.pdf', data: await makePdf({ pages }) })
    expect(doc.blocks.filter((b) => b.text === 'Draft for discussion only').map((b) => b.page)).toEqual([1, 2, 3, 4, 5])
  })

  it('still drops a running head repeated at the top of pages full of other text', async () => {
    const pages = Array.from({ length: 4 }, (_, i) => [{ text: 'Harbour Research Unit — Confidential' }, ...para(`Section ${i + 1} describes the berths in detail and how they are run.`, 'It carries on for a second line of plain report text.')])
    const doc = await importDocument({ name: 'heads.pdf', data: await makePdf({ pages }) })
    expect(textsOf(doc).join('\n')).not.toContain('Confidential')
    expect(textsOf(doc).join('\n')).toContain('Section 4 describes')
  })

  it('joins a title set on two lines into one title', async () => {
    const pages = [[{ text: 'Maritime Security in the', size: 22 }, { text: 'Gulf of Guinea, 2019–2023', size: 22 }, ...para('Piracy incidents fell for a third year, according to the regional centre.', 'Kidnappings for ransom remain the main concern of crews.')]]
    const doc = await importDocument({ name: 'gog.pdf', data: await makePdf({ pages }) })
    expect(doc.title).toBe('Maritime Security in the Gulf of Guinea, 2019–2023')
    expect(textsOf(doc, 'heading')).toEqual([])
  })

  it('takes the title from the document metadata when it is a real one, not a tool name', async () => {
    const pages = [[...para('Body text of a memo that has no heading of its own at all.', 'A second line of it.')]]
    const titled = await importDocument({ name: 'memo-7.pdf', data: await makePdf({ title: 'Memo on berth allocation', pages }) })
    expect(titled.title).toBe('Memo on berth allocation')
    const generic = await importDocument({ name: 'memo-7.pdf', data: await makePdf({ title: 'Microsoft Word - memo7.docx', pages }) })
    expect(generic.title).not.toMatch(/Microsoft Word/)
  })

  it('takes the largest text on page 1 for the title when a smaller label comes first', async () => {
    const pages = [[{ text: 'Briefing note 14', size: 9 }, { text: 'Fuel subsidies and unrest', size: 20, gapBefore: 10 }, ...para('Protests followed the removal of fuel subsidies in three provinces this week.', 'Police reported arrests in two of them.')]]
    const doc = await importDocument({ name: 'note.pdf', data: await makePdf({ pages }) })
    expect(doc.title).toBe('Fuel subsidies and unrest')
  })
})
