// Line-level helpers for plain text: bullets, re-joining hard-wrapped lines, wholly-quoted paragraphs.

export interface BulletLine {
  indent: number
  ordered: boolean
  number?: string
  text: string
}

// •, -, *, – and friends, or "1." "1)" "a)" then at least one space.
const BULLET = /^([ \t]*)(?:([•◦▪‣●○■□·*\-–+])|(\d{1,3}(?:\.\d{1,3})+[.)]?|\d{1,3}[.)]|[a-z][.)]|\(\d{1,3}\)))[ \t]+(\S.*)$/

export function parseBullet(line: string): BulletLine | undefined {
  const m = BULLET.exec(line)
  if (!m || m[4] === undefined) return undefined
  const indent = (m[1] ?? '').replace(/\t/g, '    ').length
  if (m[2] !== undefined) return { indent, ordered: false, text: m[4].trim() }
  return { indent, ordered: true, number: m[3], text: m[4].trim() }
}

/** A section number such as "2." or "2.1" or "2.1.3" at the start of a heading, and the level it implies. */
export function sectionNumberLevel(number: string | undefined): number {
  if (number === undefined) return 2
  const parts = number.replace(/[.)]$/, '').split('.').length
  return Math.min(6, parts + 1)
}

/** Joins hard-wrapped lines into one paragraph; a line ending in a hyphen joins the next without a space. */
export function joinLines(lines: string[]): string {
  let out = ''
  for (const raw of lines) {
    const line = raw.trim().replace(/[ \t]+/g, ' ')
    if (line === '') continue
    if (out === '') out = line
    else if (/\p{L}-$/u.test(out) && /^\p{L}/u.test(line)) out += line
    else out += ' ' + line
  }
  return out
}

const OPENERS = '“"«‘\''
const CLOSERS: Record<string, string> = { '“': '”', '"': '"', '«': '»', '‘': '’', "'": "'" }

/** True when the whole paragraph is one quotation (no attribution outside the quotes). */
export function isWhollyQuoted(text: string): boolean {
  const first = text[0]
  if (first === undefined || !OPENERS.includes(first) || text.length < 20) return false
  const closer = CLOSERS[first] ?? first
  const body = text.replace(/[.!?]$/, '')
  if (!body.endsWith(closer)) return false
  const inner = body.slice(1, -1)
  // An inner closing quote means a quote, then other words, then another quote.
  return first === closer ? !inner.includes(closer) : !inner.includes(closer) && !inner.includes(first)
}

export function wordCount(text: string): number {
  const m = text.match(/\S+/g)
  return m ? m.length : 0
}

/** Short line, no final sentence punctuation, starts like a title: the shape of a heading. */
export function isHeadingShaped(line: string): boolean {
  const words = wordCount(line)
  if (line.length > 120 || words === 0 || words > 16) return false
  if (!/\p{L}/u.test(line)) return false
  if (/^[\p{Ll}“"«‘'([]/u.test(line)) return false
  if (/[.,;:!…\]]$/.test(line)) return false
  if (line.endsWith('?') && words > 12) return false
  return true
}
