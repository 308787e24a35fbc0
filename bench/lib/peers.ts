// Peers measured on the same corpus and queries: a plain linear scan (the floor
// any index must beat), FlexSearch and Orama, each with its ordinary options.
// They return ids only (no snippets), which favours them.

import FlexSearch from 'flexsearch'
import { create, insertMultiple, search as oramaSearch, type AnyOrama } from '@orama/orama'
import type { SearchFilters } from '../../src/shared/search'
import type { GeneratedArticle } from './generate'
import { plainWords, type BenchQuery } from './queries'

export interface Peer {
  name: string
  build(articles: GeneratedArticle[]): Promise<void>
  search(query: BenchQuery): Promise<number>
}

interface Meta {
  source?: string
  publishedAt?: string
  tags: string[]
}

function passes(meta: Meta, filters: SearchFilters | undefined): boolean {
  if (filters === undefined) return true
  if (filters.source !== undefined && !filters.source.includes(meta.source ?? '')) return false
  if (filters.tags !== undefined && !filters.tags.every((t) => meta.tags.includes(t))) return false
  if (filters.publishedFrom !== undefined && (meta.publishedAt ?? '') < filters.publishedFrom) return false
  if (filters.publishedTo !== undefined && (meta.publishedAt ?? '') > filters.publishedTo) return false
  return true
}

export class LinearScan implements Peer {
  name = 'linear scan'
  private docs: { text: string; meta: Meta }[] = []
  async build(articles: GeneratedArticle[]): Promise<void> {
    this.docs = articles.map((a) => ({ text: (a.title + '\n' + a.text).toLowerCase(), meta: a }))
  }
  async search(query: BenchQuery): Promise<number> {
    const phrase = /"([^"]+)"/.exec(query.query)?.[1]?.toLowerCase()
    const words = plainWords(query.query.replace(/"[^"]+"/, ' '))
    let found = 0
    for (const doc of this.docs) {
      if (!passes(doc.meta, query.filters)) continue
      if (phrase !== undefined && !doc.text.includes(phrase)) continue
      if (words.every((w) => doc.text.includes(w))) found++
    }
    return found
  }
}

export class FlexSearchPeer implements Peer {
  name = 'FlexSearch'
  private index = new FlexSearch.Index({ tokenize: 'forward' })
  private meta: Meta[] = []
  async build(articles: GeneratedArticle[]): Promise<void> {
    articles.forEach((a, i) => {
      this.meta[i] = a
      this.index.add(i, a.title + '\n' + a.text)
    })
  }
  async search(query: BenchQuery): Promise<number> {
    const ids = this.index.search(plainWords(query.query).join(' '), { limit: query.filters === undefined ? 20 : 1000 }) as number[]
    return ids.filter((id) => passes(this.meta[id]!, query.filters)).slice(0, 20).length
  }
}

export class OramaPeer implements Peer {
  name = 'Orama'
  private db: AnyOrama | undefined
  async build(articles: GeneratedArticle[]): Promise<void> {
    const db = create({ schema: { title: 'string', text: 'string', source: 'enum', publishedAt: 'string', tags: 'enum[]' } as const })
    await insertMultiple(db, articles.map((a) => ({ title: a.title, text: a.text, source: a.source ?? '', publishedAt: a.publishedAt ?? '', tags: a.tags })), 500)
    this.db = db
  }
  async search(query: BenchQuery): Promise<number> {
    const where: Record<string, unknown> = {}
    if (query.filters?.source !== undefined) where.source = { in: query.filters.source }
    if (query.filters?.tags !== undefined) where.tags = { containsAll: query.filters.tags }
    const result = await oramaSearch(this.db!, {
      term: plainWords(query.query).join(' '),
      limit: 20,
      tolerance: query.kind === 'fuzzy' ? 1 : 0,
      ...(Object.keys(where).length > 0 ? { where } : {}),
    } as Parameters<typeof oramaSearch>[1])
    return (result as { hits: unknown[] }).hits.length
  }
}
