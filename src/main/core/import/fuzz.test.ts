// Property: whatever bytes arrive, importDocument either gives a well-formed ImportedDocument or rejects
// with a DossierFailure naming the file. Any other error, or a case that never settles, fails the test.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DossierFailure } from '../../../shared/result'
import type { ImportedDocument } from '../../../shared/types'
import { importDocument } from './index'
import { makePdf } from './pdf/make-pdf'

const BLOCK_TYPES = new Set(['heading', 'paragraph', 'list-item', 'quote', 'caption', 'preformatted', 'figure', 'table-row'])
/** A case that takes longer than this has hung; real pages take well under a second. */
const CASE_LIMIT_MS = 20_000

function problemsOf(doc: ImportedDocument): string[] {
  const problems: string[] = []
  if (typeof doc.title !== 'string' || doc.title.trim() === '') problems.push('no title')
  if (!['text', 'markdown', 'html', 'pdf', 'url'].includes(doc.format)) problems.push(`format ${doc.format}`)
  if (!Array.isArray(doc.blocks) || doc.blocks.length === 0) problems.push('no blocks')
  for (const block of doc.blocks) {
    if (!BLOCK_TYPES.has(block.type)) problems.push(`block type ${block.type}`)
    if (typeof block.text !== 'string') problems.push('block text not a string')
    for (const mark of block.marks ?? []) {
      if (!(mark.start >= 0 && mark.start < mark.end && mark.end <= block.text.length)) problems.push(`mark ${mark.start}-${mark.end} outside "${block.text.slice(0, 20)}"`)
      if (mark.href !== undefined && !/^(https?:|mailto:)/i.test(mark.href)) problems.push(`unsafe href ${mark.href}`)
    }
  }
  return problems
}

async function settlesCleanly(name: string, data: Uint8Array): Promise<void> {
  let timer: NodeJS.Timeout | undefined
  const hang = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${name} (${data.length} bytes) did not settle: the importer hangs`)), CASE_LIMIT_MS)
  })
  try {
    const doc = await Promise.race([importDocument({ name, data }), hang])
    expect(problemsOf(doc)).toEqual([])
  } catch (error) {
    if (!(error instanceof DossierFailure)) throw error
    expect(error.message.startsWith(name)).toBe(true)
  } finally {
    clearTimeout(timer)
  }
}

const names = fc.constantFrom('a.txt', 'b.md', 'c.html', 'd.pdf', 'e', 'f.htm', 'g.csv')
const utf8 = (text: string) => new TextEncoder().encode(text)

const HTML_PIECES = [
  '<div>', '</div>', '<p>', '</p>', '<span>', '<b><i>', '</i>', '<li>', '<ul>', '<table><tr><td>', '</td>', '<svg><style>', '</svg>',
  '<math><mi>', '<script>alert(1)</script>', '<script>', '<style>', '<!--', '-->', '<![CDATA[', ']]>', '<a href="javascript:alert(1)">x</a>',
  '<img src=x onerror=alert(1)>', '<a href="/rel">rel</a>', '&amp;', '&#0;', '&#x110000;', '<h1>', '<title>', '<textarea>', '<plaintext>',
  '<template>', '<noscript>', '<iframe srcdoc="<script>">', '<base href="javascript:x">', '<<', '>>', '"', "'", '\u0000', '\uFEFF',
  'Words of an article that goes on for a while. ', 'Another sentence, with a comma; and more. ',
]
const htmlPage = fc
  .tuple(fc.array(fc.constantFrom(...HTML_PIECES), { maxLength: 200 }), fc.nat({ max: 4000 }), fc.constantFrom('<div>', '<p>', '<b>', '<li>', '<table>', '<svg>'))
  .map(([pieces, depth, tag]) => `<!doctype html><html><head><title>Fuzz</title></head><body>${tag.repeat(depth)}${pieces.join('')}</body></html>`)

const markdown = fc
  .tuple(fc.string({ maxLength: 80 }), fc.nat({ max: 200_000 }), fc.array(fc.constantFrom('# ', '- ', '> ', '```', '---', '[x](javascript:y)', '![i](a.png)', '*', '_', '|', '\n', 'text'), { maxLength: 60 }))
  .map(([line, repeat, pieces]) => `---\ntitle: ${line}\ntags: [${line}]\n---\n${pieces.join('')}\n${line.repeat(Math.min(repeat, Math.floor(1_000_000 / Math.max(1, line.length))))}\n`)

let realPdf: Uint8Array | undefined
const aPdf = async () =>
  (realPdf ??= await makePdf({ pages: [[{ text: 'A heading', size: 16 }, { text: 'A line of body text that says something.' }], [{ text: 'Page two.' }]] }))

describe('importDocument never crashes or hangs, whatever the input', () => {
  it('on arbitrary bytes under any name', async () => {
    await fc.assert(fc.asyncProperty(names, fc.uint8Array({ maxLength: 4096 }), settlesCleanly), { numRuns: 150 })
  })

  it('on arbitrary Unicode text under any name', async () => {
    await fc.assert(fc.asyncProperty(names, fc.string({ unit: 'binary', maxLength: 2000 }), (name, text) => settlesCleanly(name, utf8(text))), { numRuns: 150 })
  })

  it('on generated HTML: deep nesting, hostile tags and garbage', async () => {
    await fc.assert(fc.asyncProperty(htmlPage, (html) => settlesCleanly('page.html', utf8(html))), { numRuns: 40 })
  }, 300_000)

  it('on Markdown with front matter garbage and huge lines', async () => {
    await fc.assert(fc.asyncProperty(markdown, (md) => settlesCleanly('notes.md', utf8(md))), { numRuns: 40 })
  }, 300_000)

  it('on PDF headers followed by garbage', async () => {
    const header = fc.constantFrom('%PDF-1.4\n', '%PDF-1.7\n%\u00e2\u00e3\n', '%PDF-2.0\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\n')
    await fc.assert(
      fc.asyncProperty(header, fc.uint8Array({ maxLength: 3000 }), (head, tail) => settlesCleanly('x.pdf', new Uint8Array([...utf8(head), ...tail]))),
      { numRuns: 80 },
    )
  }, 300_000)

  it('on real PDFs truncated or with bytes overwritten', async () => {
    const pdf = await aPdf()
    const damage = fc.record({ cut: fc.nat({ max: pdf.length }), hits: fc.array(fc.tuple(fc.nat({ max: pdf.length - 1 }), fc.integer({ min: 0, max: 255 })), { maxLength: 30 }) })
    await fc.assert(
      fc.asyncProperty(damage, async ({ cut, hits }) => {
        const data = pdf.slice(0, Math.max(cut, 8))
        for (const [at, value] of hits) if (at < data.length) data[at] = value
        await settlesCleanly('damaged.pdf', data)
      }),
      { numRuns: 80 },
    )
  }, 300_000)
})
