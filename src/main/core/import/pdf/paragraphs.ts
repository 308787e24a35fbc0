// PDF lines → blocks: paragraphs joined across line breaks (and page breaks, when a sentence runs on),
// words split by hyphenation rejoined, headings where the font is larger than the body text.
import type { Block } from '../../../../shared/types'
import type { PdfLine } from './lines'

type Draft = Omit<Block, 'id'>

const BULLET = /^(?:[•●▪◦‣∙·■□➢►✓*]|[-–—](?=\s))\s*/
const NUMBERED = /^(?:\d{1,3}[.)]|\(\d{1,3}\)|\(?[a-z]\))\s+(?=\S)/
const SENTENCE_END = /[.!?:;…"”’)\]]$/
/** Headings are set at least this much larger than the body text. */
const HEADING_RATIO = 1.15
const MAX_HEADING_CHARS = 200

const rounded = (size: number) => Math.round(size * 2) / 2

/** The size most characters are set in: the body text. */
export function bodySize(lines: PdfLine[]): number {
  const weights = new Map<number, number>()
  for (const line of lines) weights.set(rounded(line.size), (weights.get(rounded(line.size)) ?? 0) + line.text.length)
  let body = 0
  let best = -1
  for (const [size, weight] of weights) if (weight > best || (weight === best && size < body)) [body, best] = [size, weight]
  return body
}

/** Typical distance between the baselines of two lines of one body paragraph. */
function bodyLeading(lines: PdfLine[], body: number): number {
  const gaps: number[] = []
  for (let i = 1; i < lines.length; i++) {
    const [a, b] = [lines[i - 1], lines[i]]
    if (!a || !b || a.page !== b.page || rounded(a.size) !== body || rounded(b.size) !== body) continue
    const gap = a.y - b.y
    if (gap > body * 0.8 && gap < body * 3) gaps.push(gap)
  }
  gaps.sort((x, y) => x - y)
  // The lower quartile: most gaps are within paragraphs, the larger ones are between them.
  return gaps[Math.floor(gaps.length / 4)] ?? body * 1.2
}

/** Joins a line onto the text before it: a word broken by a hyphen at the line end is made whole again. */
export function joinLine(before: string, line: string): string {
  if (before === '') return line
  if (before.endsWith('\u00ad')) return before.slice(0, -1) + line
  if (/\p{L}-$/u.test(before) && /^\p{Ll}/u.test(line)) return before.slice(0, -1) + line
  return `${before} ${line}`
}

export function blocksFromLines(pages: PdfLine[][]): Draft[] {
  const lines = pages.flat()
  const body = bodySize(lines)
  const leading = bodyLeading(lines, body)
  const headingSizes = [...new Set(lines.filter((l) => isHeadingSize(l, body)).map((l) => rounded(l.size)))].sort((a, b) => b - a)
  const levelOf = (size: number) => Math.min(6, headingSizes.indexOf(rounded(size)) + 1)
  const blocks: Draft[] = []
  let open: (Draft & { left: number; right: number; last: PdfLine }) | undefined
  const close = () => {
    if (open) {
      const { left: _left, right: _right, last: _last, ...block } = open
      blocks.push(block)
    }
    open = undefined
  }
  for (const line of lines) {
    const heading = isHeadingSize(line, body) && line.text.length <= MAX_HEADING_CHARS
    const bullet = !heading && (BULLET.test(line.text) || NUMBERED.test(line.text))
    if (open && !bullet && continues(open, line, heading, leading)) {
      open.text = joinLine(open.text, line.text)
      open.last = line
      open.right = Math.max(open.right, line.right)
      continue
    }
    close()
    if (heading) {
      open = { type: 'heading', level: levelOf(line.size), text: line.text, page: line.page, left: line.x, right: line.right, last: line }
    } else if (bullet) {
      const ordered = !BULLET.test(line.text)
      const text = ordered ? line.text.replace(NUMBERED, '') : line.text.replace(BULLET, '')
      open = { type: 'list-item', ordered, depth: 0, text, page: line.page, left: line.x + (line.text.length - text.length) * line.size * 0.3, right: line.right, last: line }
    } else {
      open = { type: 'paragraph', text: line.text, page: line.page, left: line.x, right: line.right, last: line }
    }
  }
  close()
  return blocks.filter((b) => b.text.trim() !== '')
}

function isHeadingSize(line: PdfLine, body: number): boolean {
  return body > 0 && line.size >= body * HEADING_RATIO && /\p{L}/u.test(line.text)
}

/** Whether `line` carries on the block in hand rather than starting a new one. */
function continues(open: Draft & { left: number; right: number; last: PdfLine }, line: PdfLine, heading: boolean, leading: number): boolean {
  const prev = open.last
  if ((open.type === 'heading') !== heading) return false
  if (Math.abs(rounded(prev.size) - rounded(line.size)) > 0.5) return false
  const runsOn = !SENTENCE_END.test(open.text) && /^\p{Ll}/u.test(line.text)
  // A new page, or a jump up to the next column: the paragraph goes on only if its sentence does.
  if (line.page !== prev.page || line.y > prev.y + line.size) return open.type !== 'heading' && runsOn
  const gap = prev.y - line.y
  // A title set large spaces its lines by its own size, not the body's leading.
  if (heading) return gap <= Math.max(leading * 1.45, line.size * 1.6)
  if (gap > leading * 1.45) return false
  // A first-line indent, or a short last line that ends a sentence, marks a paragraph boundary.
  const indented = line.x > open.left + line.size * 0.9 && line.x < open.left + line.size * 8
  if (indented && open.type === 'paragraph' && SENTENCE_END.test(open.text)) return false
  const short = prev.right < open.right - line.size * 4
  if (short && SENTENCE_END.test(open.text)) return false
  // A list item's wrapped lines hang under its text.
  if (open.type === 'list-item') return line.x > open.left - line.size * 1.5 && !SENTENCE_END.test(open.text)
  return true
}
