// One segment of the index: a MiniSearch over a few thousand articles' passages,
// metadata and annotations, plus the tables that turn a MiniSearch document back
// into an article, a passage or an annotation. Segments are independent, so they
// load, answer and save one at a time.

import MiniSearch, { type AsPlainObject } from 'minisearch'
import type SearchableMap from 'minisearch/SearchableMap'
import type { Article } from '../../../shared/types'
import { BLOCK_SEPARATOR } from '../../../shared/types'
import type { Annotation } from '../../../shared/notes'
import { indexTerms } from './tokenize'

export type IndexField = 'text' | 'title' | 'author' | 'source' | 'tag' | 'note'
export const INDEX_FIELDS: IndexField[] = ['text', 'title', 'author', 'source', 'tag', 'note']

/** What the engine indexes for one article. */
export interface IndexInput {
  article: Article
  annotations: Annotation[]
  /** Changes whenever the article or its annotations change (see stampOf). */
  stamp: string
}

/** The article metadata a segment keeps for filters, sorting and result groups. */
export interface IndexedArticle {
  id: string
  title: string
  byline?: string
  source?: string
  publishedAt?: string
  addedAt: string
  tags: string[]
  annotationCount: number
  stamp: string
  /** MiniSearch ids of this article's documents; the first is its metadata document. */
  docs: number[]
}

export type DocKind = 'meta' | 'passage' | 'annotation'

export interface DocRecord {
  articleId: string
  kind: DocKind
  blockId?: string
  annotationId?: string
  /** Passage text or note text; '' for the metadata document. */
  text: string
}

interface IndexDoc {
  id: number
  text?: string
  title?: string
  author?: string
  source?: string
  tag?: string
  note?: string
}

export interface SegmentSnapshot {
  id: number
  nextDoc: number
  articles: IndexedArticle[]
  docs: [number, DocRecord][]
  index: AsPlainObject
}

/** MiniSearch's term tree: term → field id → document id → frequency. */
type TermTree = SearchableMap<Map<number, Map<number, number>>>

const MINISEARCH_OPTIONS = {
  fields: INDEX_FIELDS,
  idField: 'id',
  tokenize: indexTerms,
  // Terms arrive folded from indexTerms, and queries are folded by the parser.
  processTerm: (term: string) => term,
  searchOptions: { tokenize: (text: string) => [text], processTerm: (term: string) => term },
  autoVacuum: { minDirtCount: 200, minDirtFactor: 0.2, batchSize: 2000, batchWait: 5 },
}

/** The passage an annotation starts in, from its position in the article's plain text. */
function blockAt(article: Article, offset: number): string | undefined {
  let start = 0
  for (const block of article.blocks) {
    const end = start + block.text.length
    if (offset < end) return block.id
    start = end + BLOCK_SEPARATOR.length
  }
  return article.blocks[article.blocks.length - 1]?.id
}

export class Segment {
  readonly articles = new Map<string, IndexedArticle>()
  readonly docs = new Map<number, DocRecord>()
  /** Unsaved changes since the last snapshot. */
  dirty = false
  private nextDoc = 0

  private constructor(
    readonly id: number,
    private readonly search: MiniSearch<IndexDoc>,
  ) {}

  static create(id: number): Segment {
    return new Segment(id, new MiniSearch<IndexDoc>(MINISEARCH_OPTIONS))
  }

  static fromSnapshot(snapshot: SegmentSnapshot): Segment {
    const segment = new Segment(snapshot.id, MiniSearch.loadJS<IndexDoc>(snapshot.index, MINISEARCH_OPTIONS))
    segment.nextDoc = snapshot.nextDoc
    for (const article of snapshot.articles) segment.articles.set(article.id, article)
    for (const [id, doc] of snapshot.docs) segment.docs.set(id, doc)
    return segment
  }

  toSnapshot(): SegmentSnapshot {
    return {
      id: this.id,
      nextDoc: this.nextDoc,
      articles: [...this.articles.values()],
      docs: [...this.docs.entries()],
      index: this.search.toJSON(),
    }
  }

  get size(): number {
    return this.articles.size
  }

  add({ article, annotations, stamp }: IndexInput): void {
    this.remove(article.id)
    const docs: number[] = []
    const put = (record: DocRecord, fields: Omit<IndexDoc, 'id'>): void => {
      const id = this.nextDoc++
      this.docs.set(id, record)
      this.search.add({ id, ...fields })
      docs.push(id)
    }
    put(
      { articleId: article.id, kind: 'meta', text: '' },
      { title: article.title, author: article.byline, source: article.source, tag: article.tags.join(' ') },
    )
    for (const block of article.blocks) {
      if (block.text.trim() === '') continue
      put({ articleId: article.id, kind: 'passage', blockId: block.id, text: block.text }, { text: block.text })
    }
    for (const note of annotations) {
      put(
        { articleId: article.id, kind: 'annotation', annotationId: note.id, blockId: blockAt(article, note.target.position.start), text: note.note },
        { note: note.note, tag: note.tags.join(' ') },
      )
    }
    this.articles.set(article.id, {
      id: article.id,
      title: article.title,
      byline: article.byline,
      source: article.source,
      publishedAt: article.publishedAt,
      addedAt: article.addedAt,
      tags: [...article.tags],
      annotationCount: annotations.length,
      stamp,
      docs,
    })
    this.dirty = true
  }

  /** Returns whether the article was here. Discarding is lazy; MiniSearch vacuums in the background. */
  remove(articleId: string): boolean {
    const entry = this.articles.get(articleId)
    if (entry === undefined) return false
    for (const id of entry.docs) {
      this.search.discard(id)
      this.docs.delete(id)
    }
    this.articles.delete(articleId)
    this.dirty = true
    return true
  }

  /** Documents matching any of the exact terms in the given fields, with BM25 scores. */
  match(terms: ReadonlyMap<string, number>, fields: IndexField[], boost: Partial<Record<IndexField, number>>): Map<number, number> {
    const scores = new Map<number, number>()
    if (terms.size === 0) return scores
    const results = this.search.search(
      { queries: [...terms.keys()], combineWith: 'OR' },
      { fields, boost, prefix: false, fuzzy: false, boostTerm: (term) => terms.get(term) ?? 1 },
    )
    for (const result of results) scores.set(result.id as number, result.score)
    return scores
  }

  /**
   * The term tree MiniSearch keeps anyway, used for prefix and fuzzy expansion
   * without a second copy of the vocabulary. It is a protected field: the check
   * makes a MiniSearch upgrade that renames it fail loudly in the tests.
   */
  private get terms(): TermTree {
    const tree = (this.search as unknown as { _index?: TermTree })._index
    if (tree === undefined || typeof tree.atPrefix !== 'function') throw new Error('MiniSearch term tree not found')
    return tree
  }

  /** How many documents hold the term (approximate while discarded documents await vacuuming). */
  private frequency(data: Map<number, Map<number, number>>): number {
    let count = 0
    for (const docs of data.values()) count += docs.size
    return count
  }

  hasTerm(term: string): boolean {
    return this.terms.has(term)
  }

  /** Terms starting with `prefix`, with their document frequency, summed into `into`. */
  collectPrefix(prefix: string, into: Map<string, number>): void {
    for (const [term, data] of this.terms.atPrefix(prefix)) {
      into.set(term, (into.get(term) ?? 0) + this.frequency(data))
    }
  }

  /** Terms within `distance` edits of `term`, as term → [distance, frequency]. */
  collectFuzzy(term: string, distance: number, into: Map<string, [number, number]>): void {
    for (const [candidate, [data, edits]] of this.terms.fuzzyGet(term, distance)) {
      const previous = into.get(candidate)
      into.set(candidate, [edits, (previous?.[1] ?? 0) + this.frequency(data)])
    }
  }
}
