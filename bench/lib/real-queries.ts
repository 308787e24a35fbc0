// Queries of the shapes people type, drawn from the Brown texts by a seed (not
// picked by hand): names and places the corpus tags as proper nouns, two and
// three words from one paragraph, 3-letter prefixes, one-edit typos, phrases,
// common words, NOT and OR, and filters. Frequencies are counted in texts (of
// 500), so the mix is the same at every scale.

import { STOP_WORDS } from '../../src/main/core/search/tokenize'
import { BROWN_SOURCES, brownTexts, properNames, tagOf, type BrownText } from './brown'
import { rng } from './generate'
import type { BenchQuery } from './queries'
import { isTypoCandidate, nearWords } from './typos'

const wordsOf = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '')
const CONTENT_TAG = /^(nn|nns|jj|vb|vbd|vbg|vbn|vbz|rb)$/

interface Stats {
  /** Texts holding each word (as the answer check splits words). */
  textFrequency: Map<string, number>
  /** Words tagged as nouns, adjectives, verbs or adverbs somewhere, lower case, 4+ letters. */
  content: Set<string>
  /** Index terms Dossier forms that the plain split does not ("don't" → "dont", "term-end" → "termend"). */
  joined: Set<string>
}

function statsOf(texts: readonly BrownText[]): Stats {
  const textFrequency = new Map<string, number>()
  const content = new Set<string>()
  const joined = new Set<string>()
  for (const text of texts) {
    const seen = new Set<string>()
    for (const p of text.paragraphs) {
      for (const w of wordsOf(p)) seen.add(w)
      for (const [word] of p.toLowerCase().matchAll(/\p{L}+(?:['’-]\p{L}+)+/gu)) joined.add(word.replace(/['’]s$/, '').replace(/['’-]/g, ''))
    }
    for (const w of seen) textFrequency.set(w, (textFrequency.get(w) ?? 0) + 1)
    for (const t of text.tokens) if (CONTENT_TAG.test(t.tag) && /^[a-z]{4,}$/.test(t.word) && !STOP_WORDS.has(t.word)) content.add(t.word)
  }
  for (const extra of [...BROWN_SOURCES, ...texts.map((t) => tagOf(t.category))]) for (const w of wordsOf(extra)) textFrequency.set(w, textFrequency.get(w) ?? 1)
  return { textFrequency, content, joined }
}

/** The queries for the Brown corpus, the same for the same seed. */
export function realQueries(seed = 13, texts: readonly BrownText[] = brownTexts()): BenchQuery[] {
  const r = rng(seed)
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!
  const stats = statsOf(texts)
  const df = (w: string) => stats.textFrequency.get(w) ?? 0
  const band = (from: number, to: number) => [...stats.content].filter((w) => df(w) >= from && df(w) <= to).sort()
  const common = band(200, 500)
  const mid = band(15, 80)
  const paragraphs = texts.flatMap((t, ti) => t.paragraphs.filter((p) => p.split(' ').length >= 60).map((p) => ({ p, ti })))
  const used = new Set<string>()
  const out: BenchQuery[] = []
  const add = (q: BenchQuery, count: number) => {
    if (used.has(q.query) || out.filter((x) => x.kind === q.kind).length >= count) return false
    used.add(q.query)
    out.push(q)
    return true
  }
  /** Distinct content words of a random paragraph with at least `minDf` texts holding them. */
  const wordsFrom = (minDf: number): { words: string[]; ti: number } => {
    const { p, ti } = pick(paragraphs)
    return { words: [...new Set(wordsOf(p))].filter((w) => stats.content.has(w) && df(w) >= minDf), ti }
  }
  const choose = (list: string[], n: number): string[] => {
    const pool = [...list]
    const chosen: string[] = []
    while (chosen.length < n && pool.length > 0) chosen.push(pool.splice(Math.floor(r() * pool.length), 1)[0]!)
    return chosen
  }
  const until = (kind: BenchQuery['kind'], count: number, make: () => BenchQuery | undefined) => {
    for (let tries = 0; out.filter((x) => x.kind === kind).length < count && tries < 10_000; tries++) {
      const q = make()
      if (q !== undefined) add(q, count)
    }
  }

  const names = properNames(texts)
  until('name', 4, () => ({ kind: 'name', query: pick(names.people.slice(0, 60)) }))
  until('place', 4, () => ({ kind: 'place', query: pick(names.places.slice(0, 40)) }))
  until('two-terms', 4, () => {
    const words = choose(wordsFrom(5).words, 2)
    return words.length === 2 ? { kind: 'two-terms', query: words.join(' ') } : undefined
  })
  until('three-terms', 4, () => {
    const words = choose(wordsFrom(5).words, 3)
    return words.length === 3 ? { kind: 'three-terms', query: words.join(' ') } : undefined
  })
  until('prefix', 3, () => {
    const prefix = pick(mid).slice(0, 3)
    return STOP_WORDS.has(prefix) ? undefined : { kind: 'prefix', query: prefix }
  })
  until('prefix', 4, () => {
    const [word, next] = choose(wordsFrom(15).words, 2)
    return next === undefined ? undefined : { kind: 'prefix', query: `${word} ${next.slice(0, 3)}` }
  })

  // Typos: one edit of a real word, never a word itself nor the start of one
  // (the engine would read it as a prefix), meaning any word the rule reaches.
  const vocabulary = [...stats.textFrequency]
  const sorted = vocabulary.map(([w]) => w).sort()
  const begins = (typo: string): boolean => {
    let lo = 0
    let hi = sorted.length
    while (lo < hi) {
      const m = (lo + hi) >> 1
      if (sorted[m]! < typo) lo = m + 1
      else hi = m
    }
    return sorted[lo]?.startsWith(typo) ?? false
  }
  const joinedOnly = [...stats.joined].filter((j) => !stats.textFrequency.has(j)).map((j): [string, number] => [j, 1])
  const alphabet = 'abcdefghijklmnopqrstuvwxyz'
  until('fuzzy', 5, () => {
    const word = pick(mid)
    if (word.length < 6) return undefined
    const at = 1 + Math.floor(r() * (word.length - 1))
    const op = r()
    const letter = pick([...alphabet])
    const typo = op < 0.4 ? word.slice(0, at) + word.slice(at + 1) : op < 0.7 ? word.slice(0, at) + letter + word.slice(at + 1) : word.slice(0, at) + letter + word.slice(at)
    if (typo === word || !isTypoCandidate(typo) || begins(typo)) return undefined
    // A joined form ("dont") the plain split lacks would be found by the engine and not by the check.
    if (nearWords(typo, joinedOnly).length > 0) return undefined
    const near = nearWords(typo, vocabulary, Infinity)
    // The trailing space: the meant words are whole words, not prefixes.
    return { kind: 'fuzzy', query: typo, means: near.join(' OR ') + ' ' }
  })

  until('phrase', 4, () => {
    const words = pick(paragraphs).p.split(/\s+/)
    const length = 2 + Math.floor(r() * 2)
    const at = Math.floor(r() * (words.length - length))
    const phrase = words.slice(at, at + length)
    if (!phrase.every((w) => /^[A-Za-z]+$/.test(w))) return undefined
    const lower = phrase.map((w) => w.toLowerCase())
    if (STOP_WORDS.has(lower[0]!) || STOP_WORDS.has(lower.at(-1)!) || !lower.some((w) => stats.content.has(w) && df(w) >= 3)) return undefined
    return { kind: 'phrase', query: `"${phrase.join(' ')}"` }
  })
  until('common', 2, () => ({ kind: 'common', query: pick(common) }))
  until('common', 3, () => ({ kind: 'common', query: choose(common, 2).join(' ') }))
  until('not', 3, () => {
    const { words } = wordsFrom(15)
    const keep = choose(words.filter((w) => df(w) <= 80), 1)[0]
    return keep === undefined ? undefined : { kind: 'not', query: `${keep} -${pick(common)}` }
  })
  until('or', 3, () => ({ kind: 'or', query: `${pick(mid)} OR ${pick(mid)}` }))

  until('filtered', 1, () => ({ kind: 'filtered', query: pick(common), filters: { source: [pick(BROWN_SOURCES)] } }))
  until('filtered', 2, () => {
    const { words, ti } = wordsFrom(15)
    return words.length === 0 ? undefined : { kind: 'filtered', query: pick(words), filters: { tags: [tagOf(texts[ti]!.category)] } }
  })
  until('filtered', 3, () => ({ kind: 'filtered', query: pick(names.places.slice(0, 40)), filters: { publishedFrom: '1962-01-01', publishedTo: '1963-12-31' } }))
  until('filtered', 4, () => {
    const words = choose(wordsFrom(15).words, 2)
    return words.length < 2 ? undefined : { kind: 'filtered', query: words.join(' '), filters: { source: choose(BROWN_SOURCES, 2), publishedFrom: '1964-01-01' } }
  })
  return out
}
