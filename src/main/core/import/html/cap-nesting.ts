// Markup nested thousands deep makes jsdom crawl (10,000 levels: two minutes) and then overflow the stack.
// So before jsdom sees a page, parse5's tokenizer (the one jsdom itself uses, streaming, no tree) walks it
// and cuts out the tags that open below MAX_SOURCE_DEPTH: their text stays, lifted into the deepest
// element allowed. Depth is tracked as the tree builder would for the common implied end tags; the DOM
// pass in flatten.ts still checks the real tree afterwards.
import { Tokenizer, TokenizerMode, type Token } from 'parse5'

export const MAX_SOURCE_DEPTH = 120

const VOID = new Set(['area', 'base', 'basefont', 'bgsound', 'br', 'col', 'embed', 'frame', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr'])

type Mode = (typeof TokenizerMode)[keyof typeof TokenizerMode]
const RAW_TEXT: Record<string, Mode> = {
  script: TokenizerMode.SCRIPT_DATA,
  style: TokenizerMode.RAWTEXT,
  xmp: TokenizerMode.RAWTEXT,
  iframe: TokenizerMode.RAWTEXT,
  noembed: TokenizerMode.RAWTEXT,
  noframes: TokenizerMode.RAWTEXT,
  textarea: TokenizerMode.RCDATA,
  title: TokenizerMode.RCDATA,
  plaintext: TokenizerMode.PLAINTEXT,
}

/** Elements a start tag of the same kind closes (an unclosed <p> or <li> is a sibling, not a parent). */
const SELF_SIBLING = new Set(['p', 'li', 'dt', 'dd', 'option', 'optgroup', 'tr', 'td', 'th'])
const CLOSES_P = new Set(['address', 'article', 'aside', 'blockquote', 'div', 'dl', 'fieldset', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'main', 'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul'])
/** How far down the stack an implied end tag is looked for; deeper matches are real nesting. */
const SIBLING_REACH = 4

export interface Capped {
  html: string
  /** How many tags were cut out. */
  cut: number
}

export function capNesting(html: string, maxDepth = MAX_SOURCE_DEPTH): Capped {
  // A page cannot nest deeper than it has tags.
  if (countOf(html, '<') <= maxDepth) return { html, cut: 0 }
  const cuts: [number, number][] = []
  const stack: string[] = []
  const dropped = new Map<string, number>()
  let rawCutFrom: number | undefined
  const span = (token: { location: Token.Location | null }): [number, number] | undefined =>
    token.location ? [token.location.startOffset, token.location.endOffset] : undefined
  const tokenizer = new Tokenizer(
    { sourceCodeLocationInfo: true },
    {
      onStartTag(token) {
        const name = token.tagName
        const raw = RAW_TEXT[name]
        if (raw !== undefined) tokenizer.state = raw
        if (VOID.has(name) || token.selfClosing) return
        // Inside a table cut below the cap, everything nests deeper than the whole stack: nothing on it is closed.
        if ((dropped.get('table') ?? 0) === 0) closeImplied(stack, name)
        if (stack.length < maxDepth) {
          stack.push(name)
          return
        }
        // Below the cap: script and style go whole (their text must never surface), other tags go and leave their text.
        const at = span(token)
        if (raw !== undefined && raw !== TokenizerMode.RCDATA) rawCutFrom = at?.[0]
        else if (at) {
          cuts.push(at)
          dropped.set(name, (dropped.get(name) ?? 0) + 1)
        }
      },
      onEndTag(token) {
        const at = span(token)
        if (rawCutFrom !== undefined) {
          if (at) cuts.push([rawCutFrom, at[1]])
          rawCutFrom = undefined
          return
        }
        const name = token.tagName
        const pending = dropped.get(name) ?? 0
        if (pending > 0) {
          dropped.set(name, pending - 1)
          if (at) cuts.push(at)
          return
        }
        const open = stack.lastIndexOf(name)
        if (open !== -1) stack.length = open
      },
      onComment: () => undefined,
      onDoctype: () => undefined,
      onEof: () => undefined,
      onCharacter: () => undefined,
      onNullCharacter: () => undefined,
      onWhitespaceCharacter: () => undefined,
    },
  )
  tokenizer.write(html, true)
  if (rawCutFrom !== undefined) cuts.push([rawCutFrom, html.length])
  if (cuts.length === 0) return { html, cut: 0 }
  const parts: string[] = []
  let from = 0
  for (const [start, end] of cuts) {
    if (start < from) continue
    // One space where tags were cut keeps words apart; adjacent cuts share it.
    if (start > from || parts.length === 0) parts.push(html.slice(from, start), ' ')
    from = end
  }
  parts.push(html.slice(from))
  return { html: parts.join(''), cut: cuts.length }
}

function closeImplied(stack: string[], name: string): void {
  // A nested <table> opens a new scope: a <tr>/<td> inside it nests below the outer cell, it closes nothing outside.
  const reach = Math.max(0, stack.length - SIBLING_REACH, stack.lastIndexOf('table') + 1)
  if (SELF_SIBLING.has(name)) {
    const open = stack.lastIndexOf(name)
    if (open >= reach) stack.length = open
  }
  if (CLOSES_P.has(name)) {
    const open = stack.lastIndexOf('p')
    if (open >= reach) stack.length = open
  }
}

function countOf(text: string, char: string): number {
  let count = 0
  for (let at = text.indexOf(char); at !== -1; at = text.indexOf(char, at + 1)) count++
  return count
}
