// The answer check: which articles truly match each bench query, worked out from
// the corpus itself with no index (whole words; the last word also as a prefix,
// as it is while typing; a phrase as consecutive words; a OR b; -excluded words;
// a typo read as the word meant; the filters). An engine's answer is right when it returns as many
// articles as it should (TOP, or fewer when fewer match) and every one matches.
// Ranking is not judged: engines score differently.

import type { GeneratedArticle } from './generate'
import { passes, TOP } from './peers'
import { partsOf, type BenchQuery } from './queries'

interface Entry {
  id: string
  words: Set<string>
  lower: string
  article: GeneratedArticle
}

const JOINED = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)+/gu
const wordsOf = (text: string): string[] => text.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '')

export class AnswerKey {
  private readonly truth = new Map<BenchQuery, Set<string>>()

  /** `joinedWords: false` reads words as SQLite's unicode61 does, split at every hyphen and apostrophe. */
  constructor(articles: GeneratedArticle[], queries: BenchQuery[], { joinedWords = true } = {}) {
    const entries: Entry[] = articles.map((a) => {
      const all = [a.title, a.byline ?? '', a.source ?? '', a.tags.join(' '), a.text].join('\n')
      const words = wordsOf(all)
      // Dossier also indexes a hyphenated or apostrophised word whole ("co-operation" → "cooperation", "don't" → "dont").
      const joined = !joinedWords ? [] : [...all.toLowerCase().matchAll(JOINED)].map((m) => m[0].replace(/['’]s$/, '').replace(/['’-]/g, ''))
      return { id: a.id, words: new Set([...words, ...joined]), lower: words.join(' '), article: a }
    })
    for (const query of queries) {
      const { groups, excluded, phrases, prefixLast } = partsOf(query.means ?? query.query)
      const last = groups.at(-1)?.at(-1)
      const has = (e: Entry, w: string, prefix: boolean): boolean => e.words.has(w) || (prefix && [...e.words].some((x) => x.startsWith(w)))
      const matches = (e: Entry): boolean =>
        groups.every((g, gi) => g.some((w, wi) => has(e, w, prefixLast && gi === groups.length - 1 && wi === g.length - 1 && w === last))) &&
        !excluded.some((w) => e.words.has(w)) &&
        phrases.every((phrase) => ` ${e.lower} `.includes(` ${wordsOf(phrase).join(' ')} `)) &&
        passes(e.article, query.filters)
      this.truth.set(query, new Set(entries.filter(matches).map((e) => e.id)))
    }
  }

  /** How many articles match the query in the corpus. */
  matching(query: BenchQuery): number {
    return this.truth.get(query)!.size
  }

  /** Whether `ids` is a right answer: the expected count, no repeats, every one matching. */
  isRight(query: BenchQuery, ids: readonly string[]): boolean {
    const truth = this.truth.get(query)!
    return ids.length === Math.min(TOP, truth.size) && new Set(ids).size === ids.length && ids.every((id) => truth.has(id))
  }
}
