// Pre-check of Markdown line shapes before markdown-it sees them. Its inline
// rules rescan a block's text at every unclosed "[" and pair emphasis
// delimiters against each other, so one long block dense with them costs time
// quadratic in its length (a 720 KB block of "[[[[" lines: 10 s; a one-line
// "*_a…" of 15 MB: 4.7 GB). Such a block is not prose: its markup characters
// are escaped, which keeps every visible character and drops only the links or
// emphasis it could not have meant. Escaping is by a stand-in character that
// markdown-it reads as plain text (a backslash escape is itself a token each,
// still seconds a megabyte), put back by restoreMarkdownShapes.

/** Block length × count of one kind of markup character beyond which that kind is escaped in the block (about 50 ms of markdown-it time). */
export const MARKUP_BUDGET = 2_000_000_000

/** Kinds of markup character whose cost grows with the block; each kind is escaped as a whole. */
const KINDS: readonly string[] = ['[', '*_', '<']

/** Private-use stand-ins, one UTF-16 unit each like the characters they stand for, so marks' offsets hold. */
const STAND_IN = new Map<number, number>([
  [0x5b, 0xe000], // [
  [0x2a, 0xe001], // *
  [0x5f, 0xe002], // _
  [0x3c, 0xe003], // <
])
const ORIGINAL = new Map([...STAND_IN].map(([original, standIn]) => [standIn, original]))
const STAND_INS = /[\uE000-\uE003]/
const BACKSLASH = 0x5c

const FENCE = /^ {0,3}(`{3,}|~{3,})/
const BLANK = /^[ \t]*$/
const INDENTED = /^(?: {4}|\t)/
const HTML_START = /^ {0,3}</
/** A line that starts its own inline text: a list item or an ATX heading. */
const OWN_INLINE = /^(?: {0,3}>[ ]?)*(?: {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]| {0,3}#{1,6}(?:[ \t]|$))/
/** Block prefixes (quote marks, list marker, heading hashes) that must stay markup. */
const PREFIX = /^(?: {0,3}>[ ]?)*(?: {0,3}(?:[-*+]|\d{1,9}[.)])[ \t]+)?(?: {0,3}#{1,6}[ \t]+)?/
const THEMATIC_BREAK = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/

const utf16 = new TextDecoder('utf-16le')
/** Kind (1-based index into KINDS) of each UTF-16 unit; 0 for none. */
const KIND_OF = new Uint8Array(0x10000)
KINDS.forEach((kind, k) => [...kind].forEach((c) => (KIND_OF[c.charCodeAt(0)] = k + 1)))

/**
 * Maps characters one for one into a typed array, from `from` of each line on
 * (String.replace into private-use characters takes seconds a megabyte).
 */
function mapLines(lines: readonly string[], from: (line: string) => number, map: (code: number) => number | undefined, skipEscaped: boolean): string {
  const codes = new Uint16Array(lines.reduce((sum, line) => sum + line.length + 1, -1))
  let at = 0
  for (const line of lines) {
    if (at > 0) codes[at++] = 0x0a
    const start = from(line)
    for (let i = 0; i < line.length; i++) {
      const code = line.charCodeAt(i)
      // A backslash pair is kept as it is: the character after it is already text.
      if (skipEscaped && code === BACKSLASH && i + 1 < line.length) {
        codes[at++] = code
        codes[at++] = line.charCodeAt(++i)
      } else codes[at++] = i < start ? code : (map(code) ?? code)
    }
  }
  return utf16.decode(codes)
}

function tameRun(lines: string[]): string[] {
  const length = lines.reduce((sum, line) => sum + line.length + 1, 0)
  const counts = new Array<number>(KINDS.length + 1).fill(0)
  for (const line of lines) for (let i = 0; i < line.length; i++) counts[KIND_OF[line.charCodeAt(i)] ?? 0]++
  const escaped = new Set(KINDS.filter((_, k) => length * (counts[k + 1] ?? 0) > MARKUP_BUDGET).flatMap((kind) => [...kind].map((c) => c.charCodeAt(0))))
  if (escaped.size === 0) return lines
  const map = (code: number): number | undefined => (escaped.has(code) ? STAND_IN.get(code) : undefined)
  const from = (line: string): number => (THEMATIC_BREAK.test(line) ? line.length : (PREFIX.exec(line)?.[0].length ?? 0))
  return mapLines(lines, from, map, true).split('\n')
}

/**
 * Escapes the markup characters of blocks whose size and density would make
 * markdown-it's inline parse quadratic. Fenced and indented code and HTML blocks
 * are left alone: markdown-it does not parse them inline. Text that is not
 * pathological comes back unchanged (the same string).
 */
export function tameMarkdownShapes(body: string): string {
  // Below this size no block can reach the budget; a text that already holds a stand-in is left as it is.
  if (body.length * body.length <= MARKUP_BUDGET || STAND_INS.test(body)) return body
  const lines = body.split('\n')
  const out: string[] = []
  let run: string[] = []
  let fence: { char: string; length: number } | undefined
  let html = false
  let changed = false
  const endRun = (): void => {
    if (run.length === 0) return
    const tamed = tameRun(run)
    if (tamed !== run) changed = true
    for (const line of tamed) out.push(line)
    run = []
  }
  for (const line of lines) {
    if (fence) {
      out.push(line)
      const close = FENCE.exec(line)
      if (close?.[1] && close[1][0] === fence.char && close[1].length >= fence.length && BLANK.test(line.slice(close[0].length))) fence = undefined
      continue
    }
    const open = FENCE.exec(line)
    if (open?.[1]) {
      endRun()
      fence = { char: open[1][0] ?? '`', length: open[1].length }
      out.push(line)
      continue
    }
    if (BLANK.test(line)) {
      endRun()
      html = false
      out.push(line)
      continue
    }
    // Code and HTML blocks are not inline-parsed, and escaping would show in them; an HTML block runs to the next blank line.
    if (html || (run.length === 0 && (INDENTED.test(line) || HTML_START.test(line)))) {
      html = html || !INDENTED.test(line)
      out.push(line)
      continue
    }
    if (OWN_INLINE.test(line)) endRun()
    run.push(line)
  }
  endRun()
  return changed ? out.join('\n') : body
}

/** Puts back the characters tameMarkdownShapes stood in for. */
export function restoreMarkdownShapes(text: string): string {
  return STAND_INS.test(text) ? mapLines([text], () => 0, (code) => ORIGINAL.get(code), false) : text
}

/** The same for a link address, where markdown-it has percent-encoded the stand-ins as UTF-8. */
export function restoreMarkdownLink(href: string): string {
  const decoded = href.replace(/%EE%80%8([0-3])/gi, (_, digit: string) => String.fromCharCode(0xe000 + Number(digit)))
  return restoreMarkdownShapes(decoded)
}
