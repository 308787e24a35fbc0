// Tokenisation tuned for news and research articles. The index, the query parser,
// phrase checks and highlighting all use these functions, so a term found in one
// is found the same way in the others.

/**
 * A word: letters/digits joined by inner apostrophes or hyphens ("Pakistan’s",
 * "Tehrik-i-Taliban"), and by , or . only between digits ("1,500", "3.5").
 * En and em dashes are not joiners: "2020–2024" is a range of two numbers.
 */
const WORD = /[\p{L}\p{N}\p{M}]+(?:(?:['’‘ʼ\-‐‑]|(?<=\p{N})[.,](?=\p{N}))[\p{L}\p{N}\p{M}]+)*/gu
const HYPHENS = /[-‐‑]/
const APOSTROPHES = /['’‘ʼ]/g
const POSSESSIVE = /['’‘ʼ]s$/
const MARKS = /\p{M}/gu
const DIGIT = /\p{N}/u

/** Common English function words: too frequent to rank anything, kept inside phrases. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  ('a an and are as at be been but by for from had has have he her his if in into is it its ' +
    'of on or our she so than that the their them then there these they this those to was we ' +
    'were what when where which while who will with would you your').split(' '),
)

export interface Token {
  /** Folded form: lower case, no diacritics, no possessive, no digit grouping. */
  term: string
  /** Offsets in the original text, [start, end). */
  start: number
  end: number
  isStop: boolean
  /** For a part of a hyphenated word: the whole word's folded form and span. */
  joined?: { term: string; start: number; end: number }
}

/** Lower case without diacritics: "Khowārazmī" → "khowarazmi". */
export function foldCase(text: string): string {
  // ASCII has nothing to decompose or strip: skip normalize(), the costliest step.
  if (ASCII.test(text)) return text.toLowerCase()
  return text.normalize('NFKD').replace(MARKS, '').toLowerCase()
}
const ASCII = /^[\x20-\x7e]*$/

function foldWord(word: string): string {
  let folded = foldCase(word).replace(POSSESSIVE, '').replace(APOSTROPHES, '')
  // "1,500" and "1500" are the same number; a decimal point stays.
  if (DIGIT.test(folded[0] ?? '')) folded = folded.replace(/,/g, '')
  return folded
}

function isIndexable(term: string): boolean {
  // Single letters ("i" in Tehrik-i-Taliban) add noise; single digits are kept ("16", "9").
  return term.length > 1 || DIGIT.test(term)
}

/** Every word of `text` in order, hyphenated words as their parts, with offsets. */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = []
  for (const match of text.matchAll(WORD)) {
    const word = match[0]
    const start = match.index
    if (!HYPHENS.test(word)) {
      const term = foldWord(word)
      if (term !== '') tokens.push({ term, start, end: start + word.length, isStop: STOP_WORDS.has(term) })
      continue
    }
    const whole = { term: '', start, end: start + word.length }
    const parts: Token[] = []
    let offset = start
    for (const piece of word.split(HYPHENS)) {
      const term = foldWord(piece)
      if (term !== '') {
        parts.push({ term, start: offset, end: offset + piece.length, isStop: STOP_WORDS.has(term), joined: whole })
      }
      offset += piece.length + 1
    }
    whole.term = parts.map((p) => p.term).join('')
    tokens.push(...parts)
  }
  return tokens
}

/** The terms the index holds for a text: parts and whole hyphenated words, no stop words. */
export function indexTerms(text: string): string[] {
  const terms: string[] = []
  let lastJoined: Token['joined']
  for (const token of tokenize(text)) {
    if (!token.isStop && isIndexable(token.term)) terms.push(token.term)
    if (token.joined !== undefined && token.joined !== lastJoined) {
      lastJoined = token.joined
      terms.push(token.joined.term)
    }
  }
  return terms
}

/**
 * The search terms a query word stands for. A hyphenated word is searched whole
 * ("cross-border" → "crossborder", which the index holds for either spelling);
 * stop words and lone letters give nothing.
 */
export function queryTerms(word: string): string[] {
  const terms: string[] = []
  let lastJoined: Token['joined']
  for (const token of tokenize(word)) {
    if (token.joined !== undefined) {
      if (token.joined !== lastJoined) terms.push(token.joined.term)
      lastJoined = token.joined
    } else if (!token.isStop && isIndexable(token.term)) {
      terms.push(token.term)
    }
  }
  return terms
}

/** The word sequence a phrase is checked against (stop words kept, hyphens split). */
export function phraseWords(text: string): string[] {
  return tokenize(text).map((t) => t.term)
}
