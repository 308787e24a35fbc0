// Peers measured on the same corpus and queries: a plain linear scan (the floor
// any index must beat), MiniSearch (the library the stack names), FlexSearch and
// Orama. Each answers the top 20 article ids, so each answer can be checked
// against the corpus itself (see answers.ts); none cuts snippets, which favours
// them.

import FlexSearch from 'flexsearch'
import MiniSearch from 'minisearch'
import { create, insertMultiple, search as oramaSearch, type AnyOrama } from '@orama/orama'
import type { SearchFilters } from '../../src/shared/search'
import type { GeneratedArticle } from './generate'
import { partsOf, phraseOf, plainWords, type BenchQuery } from './queries'

export const TOP = 20

export interface Peer {
  name: string
  /** What its configuration does, for the table. */
  about: string
  build(articles: GeneratedArticle[]): Promise<void>
  /** The ids of the best TOP articles, best first. */
  search(query: BenchQuery): Promise<string[]>
}

interface Meta {
  id: string
  source?: string
  publishedAt?: string
  tags: string[]
  /** Lower-cased title and text, for the phrase check. */
  lower: string
}

export function passes(meta: Omit<Meta, 'lower' | 'id'>, filters: SearchFilters | undefined): boolean {
  if (filters === undefined) return true
  if (filters.source !== undefined && !filters.source.includes(meta.source ?? '')) return false
  if (filters.tags !== undefined && !filters.tags.every((t) => meta.tags.includes(t))) return false
  if (filters.publishedFrom !== undefined && (meta.publishedAt ?? '') < filters.publishedFrom) return false
  if (filters.publishedTo !== undefined && (meta.publishedAt ?? '') > filters.publishedTo) return false
  return true
}

const metaOf = (a: GeneratedArticle): Meta => ({
  id: a.id,
  ...(a.source !== undefined ? { source: a.source } : {}),
  ...(a.publishedAt !== undefined ? { publishedAt: a.publishedAt } : {}),
  tags: a.tags,
  lower: (a.title + '\n' + a.text).toLowerCase(),
})

/**
 * Walks a ranked candidate list and keeps the first TOP that pass the filters
 * and hold the quoted phrase: the check every engine without phrase support
 * needs to give the asked-for answer.
 */
function firstPassing(candidates: Iterable<number>, meta: Meta[], query: BenchQuery): string[] {
  const phrase = phraseOf(query.query)
  const excluded = partsOf(query.query).excluded.map((w) => new RegExp(`(?<![\\p{L}\\p{N}])${w}(?![\\p{L}\\p{N}])`, 'u'))
  const out: string[] = []
  const seen = new Set<number>()
  for (const i of candidates) {
    const m = meta[i]!
    if (seen.has(i)) continue
    seen.add(i)
    if (!passes(m, query.filters)) continue
    if (phrase !== undefined && !m.lower.includes(phrase)) continue
    if (excluded.some((re) => re.test(m.lower))) continue
    out.push(m.id)
    if (out.length === TOP) break
  }
  return out
}

/** Whether a peer without boolean syntax must see every match to apply phrases, filters or exclusions itself. */
const needsAll = (query: BenchQuery): boolean => query.filters !== undefined || phraseOf(query.query) !== undefined || partsOf(query.query).excluded.length > 0

/**
 * The word lists to ask a peer without OR for, one per choice of alternative
 * ("a OR b c" → [a c], [b c]); their answers are merged in order.
 */
function alternatives(query: BenchQuery): string[] {
  const { groups } = partsOf(query.query.replace(/"[^"]*"/g, ' '))
  const phraseWords = plainWords(phraseOf(query.query) ?? '')
  let lists: string[][] = [[]]
  for (const group of groups) lists = lists.flatMap((l) => group.map((w) => [...l, w]))
  return lists.map((l) => [...phraseWords, ...l].join(' '))
}

export class LinearScan implements Peer {
  name = 'linear scan'
  about = 'substring test of every word in every article (all of them: the total, as Dossier gives it)'
  private meta: Meta[] = []
  /** Matches counted by the last search: every article is tested, as a total needs. */
  total = 0
  async build(articles: GeneratedArticle[]): Promise<void> {
    this.meta = articles.map(metaOf)
  }
  async search(query: BenchQuery): Promise<string[]> {
    const { groups } = partsOf(query.query.replace(/"[^"]*"/g, ' '))
    const out: string[] = []
    this.total = 0
    for (const m of this.meta) {
      if (!groups.every((g) => g.some((w) => m.lower.includes(w))) || firstPassing([0], [m], query).length === 0) continue
      this.total++
      if (out.length < TOP) out.push(m.id)
    }
    return out
  }
}

/** One MiniSearch document per article (fewer documents than passages, which favours it), its usual options. */
export class MiniSearchPeer implements Peer {
  name = 'MiniSearch'
  about = 'one document per article; AND, prefix on the last word, fuzzy 0.2 on words of 4+ letters'
  private index = new MiniSearch<{ id: number; title: string; text: string; byline: string; source: string; tags: string }>({
    fields: ['title', 'text', 'byline', 'source', 'tags'],
  })
  private meta: Meta[] = []
  async build(articles: GeneratedArticle[]): Promise<void> {
    this.meta = articles.map(metaOf)
    this.index.addAll(articles.map((a, id) => ({ id, title: a.title, text: a.text, byline: a.byline ?? '', source: a.source ?? '', tags: a.tags.join(' ') })))
  }
  async search(query: BenchQuery): Promise<string[]> {
    const { groups, phrases, prefixLast } = partsOf(query.query)
    const last = prefixLast ? groups.at(-1)?.at(-1) : undefined
    const words = [...phrases.flatMap((p) => plainWords(p)).map((w) => [w]), ...groups]
    const options = {
      boost: { title: 2.5 },
      prefix: (term: string) => term === last,
      fuzzy: (term: string) => (term.length >= 4 ? 0.2 : false),
    }
    const results = this.index.search(
      { combineWith: 'AND', queries: words.map((g) => (g.length === 1 ? g[0]! : { combineWith: 'OR', queries: g, ...options })), ...options },
      options,
    )
    return firstPassing(
      results.map((r) => r.id as number),
      this.meta,
      query,
    )
  }
}

/** FlexSearch as its documentation starts: forward tokenizer, default encoder; no typo tolerance. */
export class FlexSearchPeer implements Peer {
  name = 'FlexSearch'
  about = 'forward tokenizer, default encoder (no typo tolerance)'
  private meta: Meta[] = []
  constructor(private readonly index = new FlexSearch.Index({ tokenize: 'forward' })) {}
  async build(articles: GeneratedArticle[]): Promise<void> {
    this.meta = articles.map(metaOf)
    articles.forEach((a, i) => this.index.add(i, a.title + '\n' + a.text))
  }
  async search(query: BenchQuery): Promise<string[]> {
    // Filters, phrases and exclusions are checked after the index answers, so those queries ask it for every match.
    const limit = needsAll(query) ? this.meta.length : TOP
    const ids = alternatives(query).flatMap((words) => this.index.search(words, { limit }) as number[])
    return firstPassing(ids, this.meta, query)
  }
}

/**
 * FlexSearch as an app would use it to forgive typos: the default index first,
 * and when that finds nothing, a second index with its phonetic (Soundex) encoder.
 */
export class FlexSearchFallbackPeer extends FlexSearchPeer {
  override name = 'FlexSearch (+soundex)'
  override about = 'as above, then a LatinSoundex index when that finds nothing'
  private readonly phonetic = new FlexSearchPeer(new FlexSearch.Index({ tokenize: 'forward', encoder: FlexSearch.Charset.LatinSoundex }))
  override async build(articles: GeneratedArticle[]): Promise<void> {
    await super.build(articles)
    await this.phonetic.build(articles)
  }
  override async search(query: BenchQuery): Promise<string[]> {
    const exact = await super.search(query)
    return exact.length > 0 ? exact : this.phonetic.search(query)
  }
}

export class OramaPeer implements Peer {
  name = 'Orama'
  about = 'default BM25; tolerance 1 on the fuzzy queries only (told the query kind)'
  private db: AnyOrama | undefined
  private meta: Meta[] = []
  async build(articles: GeneratedArticle[]): Promise<void> {
    this.meta = articles.map(metaOf)
    const db = create({ schema: { n: 'number', title: 'string', text: 'string', source: 'enum', publishedAt: 'string', tags: 'enum[]' } as const })
    await insertMultiple(db, articles.map((a, n) => ({ n, title: a.title, text: a.text, source: a.source ?? '', publishedAt: a.publishedAt ?? '', tags: a.tags })), 500)
    this.db = db
  }
  async search(query: BenchQuery): Promise<string[]> {
    const where: Record<string, unknown> = {}
    if (query.filters?.source !== undefined) where.source = { in: query.filters.source }
    if (query.filters?.tags !== undefined) where.tags = { containsAll: query.filters.tags }
    const everything = phraseOf(query.query) !== undefined || query.filters?.publishedFrom !== undefined || partsOf(query.query).excluded.length > 0
    const ids: number[] = []
    for (const term of alternatives(query)) {
      const result = await oramaSearch(this.db!, {
        term,
        limit: everything ? this.meta.length : TOP,
        tolerance: query.kind === 'fuzzy' ? 1 : 0,
        ...(Object.keys(where).length > 0 ? { where } : {}),
      } as Parameters<typeof oramaSearch>[1])
      ids.push(...(result as { hits: { document: { n: number } }[] }).hits.map((h) => h.document.n))
    }
    return firstPassing(ids, this.meta, query)
  }
}
