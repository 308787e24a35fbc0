// One segment of the index: an inverted index over a few thousand articles'
// passages, metadata and annotations (compact typed-array postings, see
// postings.ts), plus the tables that turn a document number back into an
// article, a passage or an annotation. Segments are independent, so they load,
// answer and save one at a time.
//
// The terms themselves are also in the index's one vocabulary (vocabulary.ts,
// MiniSearch's radix tree), which a segment keeps in step as it gains and
// loses terms. Postings stay here rather than in a MiniSearch index per
// segment: MiniSearch answers with an object per matching document (sorted,
// all of them) and loads by rebuilding a Map per term from JSON (see
// docs/SEARCH.md). Scoring is MiniSearch's BM25+ (k 1.2, b 0.7, d 0.5).

import type { Annotation } from '../../../shared/notes'
import type { Article } from '../../../shared/types'
import { BLOCK_SEPARATOR } from '../../../shared/types'
import { GrowableU16, PostingList } from './postings'
import { indexTerms } from './tokenize'
import type { Vocabulary } from './vocabulary'

export type IndexField = 'text' | 'title' | 'author' | 'source' | 'tag' | 'note'
/** Field ids are positions in this list (saved in snapshots: append only). */
export const INDEX_FIELDS: IndexField[] = ['text', 'title', 'author', 'source', 'tag', 'note']
export const FIELD_COUNT = INDEX_FIELDS.length
export const FIELD_ID = Object.fromEntries(INDEX_FIELDS.map((f, i) => [f, i])) as Record<IndexField, number>

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
  /** Document numbers of this article's documents; the first is its metadata document. */
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
  /** An annotation's tags, space-separated (indexed in the tag field). */
  tags?: string
}

/** A segment as saved: live documents only, numbered densely. */
export interface SegmentParts {
  id: number
  articles: IndexedArticle[]
  records: DocRecord[]
  /** records.length × FIELD_COUNT terms per field. */
  fieldLengths: Uint16Array
  terms: string[]
  /** Per posting list: term index, field id, length; the lists' entries follow each other in docs/freqs. */
  lists: Uint32Array
  docs: Int32Array
  freqs: Uint16Array
}

/** Per term, one posting list per field id (undefined where the field never holds it). */
export type TermPostings = (PostingList | undefined)[]

/** Deleted documents are dropped (the segment rebuilt from itself) past this share. */
const COMPACT_RATIO = 0.3
const COMPACT_MIN = 500

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

/** The field texts a document is indexed under. */
function fieldsOf(record: DocRecord, article: IndexedArticle): Partial<Record<IndexField, string>> {
  if (record.kind === 'passage') return { text: record.text }
  if (record.kind === 'annotation') return { note: record.text, tag: record.tags }
  return { title: article.title, author: article.byline, source: article.source, tag: article.tags.join(' ') }
}

export class Segment {
  readonly articles = new Map<string, IndexedArticle>()
  /** By document number; undefined once deleted. */
  records: (DocRecord | undefined)[] = []
  /** Unsaved changes since the last snapshot. */
  dirty = false
  private terms = new Map<string, TermPostings>()
  private fieldLengths = new GrowableU16()
  private readonly fieldLengthSum = new Float64Array(FIELD_COUNT)
  private live = 0
  private dead = 0
  /** The index's shared vocabulary, told of every term this segment gains or loses. */
  private vocabulary: Vocabulary | undefined
  /** Per document, its article's slot in `slots` (dense, for per-article tables while querying). */
  private docSlots: number[] = []
  /** Articles by slot; a removed article's slot stays (its documents are deleted). */
  slots: IndexedArticle[] = []
  /** Lower-cased texts, made when a phrase is first checked against a document. */
  private lowered: (string | undefined)[] = []

  private constructor(readonly id: number) {}

  static create(id: number): Segment {
    return new Segment(id)
  }

  static fromParts(parts: SegmentParts): Segment {
    const segment = new Segment(parts.id)
    segment.docSlots = new Array<number>(parts.records.length).fill(0)
    for (const article of parts.articles) {
      segment.articles.set(article.id, article)
      const slot = segment.slots.push(article) - 1
      for (const doc of article.docs) segment.docSlots[doc] = slot
    }
    segment.records = parts.records
    segment.live = parts.records.length
    segment.fieldLengths = new GrowableU16(parts.fieldLengths, parts.fieldLengths.length)
    for (let i = 0; i < parts.fieldLengths.length; i++) segment.fieldLengthSum[i % FIELD_COUNT]! += parts.fieldLengths[i]!
    let offset = 0
    for (let i = 0; i < parts.lists.length; i += 3) {
      const term = parts.terms[parts.lists[i]!]!
      const field = parts.lists[i + 1]!
      const length = parts.lists[i + 2]!
      let postings = segment.terms.get(term)
      if (postings === undefined) segment.terms.set(term, (postings = []))
      postings[field] = new PostingList(parts.docs.subarray(offset, offset + length), parts.freqs.subarray(offset, offset + length), length, false)
      offset += length
    }
    return segment
  }

  /** The live documents renumbered densely, as a snapshot saves them. */
  toParts(): SegmentParts {
    const renumber = new Int32Array(this.records.length).fill(-1)
    const records: DocRecord[] = []
    const fieldLengths = new Uint16Array(this.live * FIELD_COUNT)
    this.records.forEach((record, doc) => {
      if (record === undefined) return
      renumber[doc] = records.length
      fieldLengths.set(this.fieldLengths.data.subarray(doc * FIELD_COUNT, (doc + 1) * FIELD_COUNT), records.length * FIELD_COUNT)
      records.push(record)
    })
    const articles = [...this.articles.values()].map((a) => ({ ...a, docs: a.docs.map((d) => renumber[d]!) }))
    const terms: string[] = []
    const lists: number[] = []
    let total = 0
    for (const postings of this.terms.values()) for (const list of postings) if (list !== undefined) total += list.length
    const docs = new Int32Array(total)
    const freqs = new Uint16Array(total)
    let offset = 0
    for (const [term, postings] of this.terms) {
      let termIndex = -1
      postings.forEach((list, field) => {
        if (list === undefined) return
        const start = offset
        for (let i = 0; i < list.length; i++) {
          const doc = renumber[list.docs[i]!]!
          if (doc < 0) continue
          docs[offset] = doc
          freqs[offset++] = list.freqs[i]!
        }
        if (offset === start) return
        if (termIndex < 0) termIndex = terms.push(term) - 1
        lists.push(termIndex, field, offset - start)
      })
    }
    return { id: this.id, articles, records, fieldLengths, terms, lists: Uint32Array.from(lists), docs: docs.slice(0, offset), freqs: freqs.slice(0, offset) }
  }

  get size(): number {
    return this.articles.size
  }

  /** Document numbers in use, deleted ones included: the size of per-document tables. */
  get docCount(): number {
    return this.records.length
  }

  get liveDocs(): number {
    return this.live
  }

  get hasDeletions(): boolean {
    return this.dead > 0
  }

  /** Article slot per document number (see slotOf), for tight loops. */
  get slotTable(): readonly number[] {
    return this.docSlots
  }

  slotOf(doc: number): number {
    return this.docSlots[doc]!
  }

  /** The document's text in lower case, kept for the next phrase check. */
  lowerText(doc: number): string {
    return (this.lowered[doc] ??= this.records[doc]?.text.toLowerCase() ?? '')
  }

  /** Terms per document and field, at doc × FIELD_COUNT + field (for tight scoring loops). */
  get fieldLengthTable(): Uint16Array {
    return this.fieldLengths.data
  }

  fieldLength(doc: number, field: number): number {
    return this.fieldLengths.data[doc * FIELD_COUNT + field]!
  }

  averageFieldLength(field: number): number {
    return this.live === 0 ? 0 : this.fieldLengthSum[field]! / this.live
  }

  postings(term: string): TermPostings | undefined {
    return this.terms.get(term)
  }

  /** Live documents in the list (the list's length when nothing was deleted). */
  liveCount(list: PostingList): number {
    if (this.dead === 0) return list.length
    let count = 0
    for (let i = 0; i < list.length; i++) if (this.records[list.docs[i]!] !== undefined) count++
    return count
  }

  add({ article, annotations, stamp }: IndexInput): void {
    this.remove(article.id)
    const entry: IndexedArticle = {
      id: article.id,
      title: article.title,
      byline: article.byline,
      source: article.source,
      publishedAt: article.publishedAt,
      addedAt: article.addedAt,
      tags: [...article.tags],
      annotationCount: annotations.length,
      stamp,
      docs: [],
    }
    const slot = this.slots.push(entry) - 1
    this.put(entry, slot, { articleId: article.id, kind: 'meta', text: '' })
    for (const block of article.blocks) {
      if (block.text.trim() === '') continue
      this.put(entry, slot, { articleId: article.id, kind: 'passage', blockId: block.id, text: block.text })
    }
    for (const note of annotations) {
      const record: DocRecord = { articleId: article.id, kind: 'annotation', annotationId: note.id, blockId: blockAt(article, note.target.position.start), text: note.note }
      if (note.tags.length > 0) record.tags = note.tags.join(' ')
      this.put(entry, slot, record)
    }
    this.articles.set(article.id, entry)
    this.dirty = true
  }

  private put(article: IndexedArticle, slot: number, record: DocRecord): void {
    const doc = this.records.length
    this.records.push(record)
    this.docSlots.push(slot)
    article.docs.push(doc)
    this.live++
    const fields = fieldsOf(record, article)
    for (let field = 0; field < FIELD_COUNT; field++) {
      const value = fields[INDEX_FIELDS[field]!]
      const terms = value === undefined || value === '' ? [] : indexTerms(value)
      this.fieldLengths.push(terms.length)
      this.fieldLengthSum[field]! += Math.min(terms.length, 0xffff)
      if (terms.length === 0) continue
      const counts = new Map<string, number>()
      for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1)
      for (const [term, freq] of counts) {
        let postings = this.terms.get(term)
        if (postings === undefined) {
          this.terms.set(term, (postings = []))
          this.vocabulary?.add(term)
        }
        ;(postings[field] ??= PostingList.empty()).push(doc, freq)
      }
    }
  }

  /** Returns whether the article was here. Its documents become tombstones until compaction. */
  remove(articleId: string): boolean {
    const entry = this.articles.get(articleId)
    if (entry === undefined) return false
    for (const doc of entry.docs) {
      if (this.records[doc] === undefined) continue
      this.records[doc] = undefined
      this.lowered[doc] = undefined
      this.live--
      this.dead++
      for (let field = 0; field < FIELD_COUNT; field++) this.fieldLengthSum[field]! -= this.fieldLength(doc, field)
    }
    this.articles.delete(articleId)
    this.dirty = true
    if (this.dead >= COMPACT_MIN && this.dead > (this.live + this.dead) * COMPACT_RATIO) this.compact()
    return true
  }

  /** Drops deleted documents from every table, renumbering the rest. */
  private compact(): void {
    const fresh = Segment.fromParts(this.toParts())
    const dropped = this.vocabulary === undefined ? [] : [...this.terms.keys()].filter((term) => !fresh.terms.has(term))
    this.articles.clear()
    for (const [id, article] of fresh.articles) this.articles.set(id, article)
    this.records = fresh.records
    this.docSlots = fresh.docSlots
    this.slots = fresh.slots
    this.lowered = []
    this.terms = fresh.terms
    this.fieldLengths = fresh.fieldLengths
    this.fieldLengthSum.set(fresh.fieldLengthSum)
    this.live = fresh.live
    this.dead = 0
    for (const term of dropped) this.vocabulary!.release(term)
  }

  /** Documents (live) holding the term in any field. */
  private frequency(postings: TermPostings): number {
    let count = 0
    for (const list of postings) if (list !== undefined) count += this.liveCount(list)
    return count
  }

  /** Live documents holding the term in any field (0 if none). */
  documentFrequency(term: string): number {
    const postings = this.terms.get(term)
    return postings === undefined ? 0 : this.frequency(postings)
  }

  hasTerm(term: string): boolean {
    const postings = this.terms.get(term)
    return postings !== undefined && (this.dead === 0 || this.frequency(postings) > 0)
  }

  /** Every term this segment holds a posting list for. */
  allTerms(): Iterable<string> {
    return this.terms.keys()
  }

  /** Whether the segment holds a posting list for the term (deleted documents included). */
  holdsTerm(term: string): boolean {
    return this.terms.has(term)
  }

  /** Joins the index's vocabulary: its terms are added now, and kept in step from here on. */
  attach(vocabulary: Vocabulary): void {
    if (this.vocabulary === vocabulary) return
    this.detach()
    this.vocabulary = vocabulary
    vocabulary.join(this)
  }

  /** Leaves the vocabulary (the segment is dropped from the index). */
  detach(): void {
    const vocabulary = this.vocabulary
    if (vocabulary === undefined) return
    this.vocabulary = undefined
    vocabulary.leave(this)
  }
}
