// Answers a SearchRequest from a set of loaded segments. Matching is per article
// (all query words must appear in the article, not necessarily in one passage),
// ranking of hits is per passage or note (a passage holding more of the words
// ranks first), and phrases are checked against the text itself.
//
// Cost is kept in proportion to the postings read: per-document and
// per-article scores live in reused typed arrays (no object per match), only
// the best `limit` articles are kept (a heap), and snippets are cut only for
// the hits returned.

import type { SearchRequest, SearchResultGroup } from '../../../shared/search'
import { SEARCH_DEFAULT_HITS, SEARCH_DEFAULT_LIMIT, SEARCH_MAX_HITS, SEARCH_MAX_LIMIT } from '../../../shared/search'
import { expandClauses, type ExpandedTerms } from './expand'
import { compileFilters } from './filters'
import { parseQuery, type Clause, type SearchField } from './query-parser'
import { FIELD_COUNT, FIELD_ID, INDEX_FIELDS, type IndexedArticle, type IndexField, type Segment } from './segment'
import type { PostingList } from './postings'
import { scratchFor, type Scratch } from './scratch'
import { TopK } from './top-k'
import { PhraseMatcher } from './phrase-matcher'
import { Vocabulary } from './vocabulary'
import { phraseRanges, toGroup, type RankedHit } from './result-group'

export { phraseRanges }

const BOOST: Partial<Record<IndexField, number>> = { title: 2.5, tag: 1.5, author: 1.5, source: 1.2, note: 1.2 }
const FIELDS: Record<SearchField, IndexField[]> = {
  title: ['title'],
  author: ['author'],
  source: ['source'],
  tag: ['tag'],
  note: ['note'],
}
/** BM25+ as MiniSearch computes it. */
const K = 1.2
const B = 0.7
const D = 0.5
const PHRASE_BOOST = 1.5

export interface Evaluation {
  groups: SearchResultGroup[]
  total: number
}

/** Field ids and boosts a clause searches. */
function fieldsOf(clause: Clause): [number, number][] {
  return (clause.field === undefined ? INDEX_FIELDS : FIELDS[clause.field]).map((f) => [FIELD_ID[f], BOOST[f] ?? 1])
}

/** One posting list a clause reads in a segment, with its BM25+ constants. */
interface TermList {
  /** Position of its term among the clause's terms. */
  term: number
  field: number
  list: PostingList
  /** weight × boost × idf. */
  factor: number
  /** The length norm's per-term constant, k·b / average field length. */
  perTerm: number
}

/** A clause's posting lists in one segment, worked out once per query and reused for every article shown. */
interface ClauseLists {
  lists: TermList[]
  terms: number
  all: boolean
  /** `all`, and some term is nowhere in the segment: nothing matches. */
  none: boolean
}

/**
 * `all`: a document must hold every term (phrase candidates); otherwise any,
 * and its score is multiplied by the number it holds (as MiniSearch's OR did).
 */
function clauseLists(segment: Segment, terms: [string, number][], fields: [number, number][], all: boolean): ClauseLists {
  const n = segment.liveDocs
  const lists: TermList[] = []
  for (let t = 0; t < terms.length; t++) {
    const [term, weight] = terms[t]!
    const postings = segment.postings(term)
    if (postings === undefined) {
      if (all) return { lists: [], terms: terms.length, all, none: true }
      continue
    }
    for (const [field, boost] of fields) {
      const list = postings[field]
      if (list === undefined || list.length === 0) continue
      const df = segment.liveCount(list)
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5))
      lists.push({ term: t, field, list, factor: weight * boost * idf, perTerm: (K * B) / (segment.averageFieldLength(field) || 1) })
    }
  }
  return { lists, terms: terms.length, all, none: false }
}

/**
 * Scores the documents holding the clause's terms into s.clauseScore and lists
 * them in s.clauseDocs (s.clauseCount and s.termMark count terms per document
 * meanwhile, and are left zeroed).
 */
function scoreTerms(segment: Segment, clause: ClauseLists, s: Scratch, range: DocRange | undefined): void {
  const records = segment.hasDeletions ? segment.records : undefined
  const lengths = segment.fieldLengthTable
  const { all } = clause
  const { clauseDocs, clauseScore, clauseCount, termMark } = s
  let size = 0
  if (clause.none) {
    s.clauseSize = 0
    return
  }
  // BM25+ with the length norm folded into two constants.
  const base = K * (1 - B)
  for (const { term: t, field, list, factor, perTerm } of clause.lists) {
    const { docs, freqs } = list
    let i = range === undefined ? 0 : lowerBound(docs, list.length, range.from)
    const end = range === undefined ? list.length : lowerBound(docs, list.length, range.to + 1)
    for (; i < end; i++) {
      const doc = docs[i]!
      if (records !== undefined && records[doc] === undefined) continue
      const tf = freqs[i]!
      const score = factor * (D + (tf * (K + 1)) / (tf + base + perTerm * lengths[doc * FIELD_COUNT + field]!))
      const count = clauseCount[doc]!
      if (all) {
        if (count === t) {
          if (t === 0) {
            clauseDocs[size++] = doc
            clauseScore[doc] = score
          } else clauseScore[doc]! += score
          clauseCount[doc] = t + 1
        } else if (count === t + 1) clauseScore[doc]! += score
        continue
      }
      if (count === 0) {
        clauseDocs[size++] = doc
        clauseScore[doc] = 0
      }
      if (termMark[doc] !== t + 1) {
        termMark[doc] = t + 1
        clauseCount[doc] = count + 1
      }
      clauseScore[doc]! += score
    }
  }
  if (all) {
    // Keep the documents holding every term.
    let kept = 0
    for (let i = 0; i < size; i++) {
      const doc = clauseDocs[i]!
      if (clauseCount[doc] === clause.terms) clauseDocs[kept++] = doc
      clauseCount[doc] = 0
    }
    size = kept
  } else {
    for (let i = 0; i < size; i++) {
      const doc = clauseDocs[i]!
      clauseScore[doc]! *= clauseCount[doc]!
      clauseCount[doc] = 0
      termMark[doc] = 0
    }
  }
  s.clauseSize = size
}

/** Documents [from, to]: one article's, which are numbered consecutively. */
interface DocRange {
  from: number
  to: number
}

/** First index in the ascending docs[0, length) holding a value ≥ doc. */
function lowerBound(docs: Int32Array, length: number, doc: number): number {
  let low = 0
  let high = length
  while (low < high) {
    const mid = (low + high) >>> 1
    if (docs[mid]! < doc) low = mid + 1
    else high = mid
  }
  return low
}

/** The texts of a metadata document a phrase in `field` may sit in. */
function metaTexts(article: IndexedArticle, field: SearchField | undefined): string[] {
  const meta = { title: article.title, author: article.byline ?? '', source: article.source ?? '', tag: article.tags.join(' '), note: '' }
  return field === undefined ? [meta.title, meta.author, meta.source] : [meta[field]]
}

/** Whether a candidate document really holds the phrase (its words in order, in the right field). */
type PhraseCheck = (doc: number) => boolean

/**
 * Scores a clause's documents in one segment (or one article's range) into
 * s.clauseDocs / s.clauseScore. A phrase's candidates hold every word; the
 * returned check tells which hold them in order, so callers verify only what
 * they need to.
 */
function matchClause(segment: Segment, clause: Clause, plan: Plan, s: Scratch, range?: DocRange): PhraseCheck | undefined {
  let bySegment = plan.lists.get(clause)
  if (bySegment === undefined) plan.lists.set(clause, (bySegment = new Map()))
  let lists = bySegment.get(segment)
  if (lists === undefined) {
    lists =
      clause.kind === 'term'
        ? clauseLists(segment, [...plan.expanded.get(clause)!], fieldsOf(clause), false)
        : clauseLists(segment, [...new Set(clause.terms)].map((t) => [t, PHRASE_BOOST]), fieldsOf(clause), true)
    bySegment.set(segment, lists)
  }
  scoreTerms(segment, lists, s, range)
  if (clause.kind === 'term') return undefined
  const phrase = PhraseMatcher.for(clause.words)
  const inPassages = clause.field === undefined
  const inNotes = clause.field === undefined || clause.field === 'note'
  return (doc) => {
    const record = segment.records[doc]!
    if (record.kind === 'meta') return metaTexts(segment.slots[segment.slotOf(doc)]!, clause.field).some((t) => phrase.test(t.toLowerCase(), t))
    if (record.kind === 'passage' ? !inPassages : !inNotes) return false
    return phrase.test(segment.lowerText(doc), record.text)
  }
}

/** Keeps only the candidates that pass the check. */
function verifyAll(s: Scratch, check: PhraseCheck): void {
  let kept = 0
  for (let i = 0; i < s.clauseSize; i++) {
    const doc = s.clauseDocs[i]!
    if (check(doc)) s.clauseDocs[kept++] = doc
  }
  s.clauseSize = kept
}

/**
 * For each article among the candidates (an article's documents are
 * consecutive), its best score among documents passing the check, checking
 * the best first and stopping at the first that passes: one check per article
 * instead of one per passage. Calls `found(slot, score)`.
 */
function bestPerArticle(segment: Segment, s: Scratch, check: PhraseCheck | undefined, eligible: (slot: number) => boolean, found: (slot: number, score: number) => void): void {
  const slots = segment.slotTable
  const { clauseDocs, clauseScore, clauseSize } = s
  let i = 0
  while (i < clauseSize) {
    const slot = slots[clauseDocs[i]!]!
    let end = i + 1
    while (end < clauseSize && slots[clauseDocs[end]!] === slot) end++
    if (eligible(slot)) {
      if (check === undefined) {
        let best = clauseScore[clauseDocs[i]!]!
        for (let j = i + 1; j < end; j++) {
          const score = clauseScore[clauseDocs[j]!]!
          if (score > best) best = score
        }
        found(slot, best)
      } else {
        // Usually the best passes; else the next best, and so on.
        let best = -1
        for (let j = i; j < end; j++) if (best < 0 || s.clauseScore[s.clauseDocs[j]!]! > s.clauseScore[s.clauseDocs[best]!]!) best = j
        if (check(s.clauseDocs[best]!)) found(slot, s.clauseScore[s.clauseDocs[best]!]!)
        else {
          const rest = Array.from(s.clauseDocs.subarray(i, end)).filter((_, j) => j !== best - i)
          const hit = rest.sort((a, b) => s.clauseScore[b]! - s.clauseScore[a]!).find(check)
          if (hit !== undefined) found(slot, s.clauseScore[hit]!)
        }
      }
    }
    i = end
  }
}

interface Candidate {
  segment: Segment
  article: IndexedArticle
  score: number
  date: string
}

const dateOf = (a: IndexedArticle): string => a.publishedAt ?? a.addedAt

function clamp(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback
  return Math.min(max, Math.max(1, Math.floor(value)))
}

interface Plan {
  required: Clause[][]
  excluded: Clause[]
  expanded: Map<Clause, ExpandedTerms>
  allowed: ((article: IndexedArticle) => boolean) | undefined
  /** Per clause and segment, its posting lists (made on first use). */
  lists: Map<Clause, Map<Segment, ClauseLists>>
}

/**
 * Phase 1, per segment: which articles match (every group, no exclusion,
 * filters) and their scores (per group, the best document's), each offered to
 * `top`. Returns how many matched.
 */
function collect(segment: Segment, plan: Plan, top: TopK<Candidate>): number {
  const s = scratchFor(segment.docCount, segment.slots.length)
  const { required, excluded } = plan
  // artPassed: groups an article has matched so far; -1 = filtered out or excluded.
  const blocked: number[] = []
  if (plan.allowed !== undefined) {
    segment.slots.forEach((article, slot) => {
      if (!plan.allowed!(article)) {
        s.artPassed[slot] = -1
        blocked.push(slot)
      }
    })
  }
  const block = (slot: number): void => {
    s.artPassed[slot] = -1
    blocked.push(slot)
  }
  for (const clause of excluded) {
    const check = matchClause(segment, clause, plan, s)
    bestPerArticle(segment, s, check, (slot) => s.artPassed[slot] !== -1, block)
  }
  let candidates: number[] = []
  for (let g = 0; g < required.length; g++) {
    const inGroup: number[] = []
    const eligible = (slot: number): boolean => s.artPassed[slot] === g
    const found = (slot: number, score: number): void => {
      if (s.artInGroup[slot] !== g + 1) {
        s.artInGroup[slot] = g + 1
        s.artGroupMax[slot] = score
        inGroup.push(slot)
      } else if (score > s.artGroupMax[slot]!) s.artGroupMax[slot] = score
    }
    for (const clause of required[g]!) {
      const check = matchClause(segment, clause, plan, s)
      bestPerArticle(segment, s, check, eligible, found)
    }
    const next: number[] = []
    for (const slot of g === 0 ? inGroup : candidates) {
      if (s.artInGroup[slot] !== g + 1) {
        s.artPassed[slot] = 0
        continue
      }
      s.artPassed[slot] = g + 1
      s.artScore[slot] = (g === 0 ? 0 : s.artScore[slot]!) + s.artGroupMax[slot]!
      next.push(slot)
    }
    for (const slot of inGroup) s.artInGroup[slot] = 0
    candidates = next
  }
  // One probe object: most matching articles are not kept, so they cost no allocation.
  const probe: Candidate = { segment, article: segment.slots[0]!, score: 0, date: '' }
  for (const slot of candidates) {
    probe.article = segment.slots[slot]!
    probe.score = s.artScore[slot]!
    probe.date = dateOf(probe.article)
    if (top.accepts(probe)) top.push({ ...probe })
    s.artPassed[slot] = 0
  }
  for (const slot of blocked) s.artPassed[slot] = 0
  return candidates.length
}

/**
 * Phase 2, for a returned article only: each of its passages and notes scored
 * against every group (a document counts once per group), phrases fully
 * checked; most groups matched first, then by score.
 */
function rankHits(segment: Segment, article: IndexedArticle, plan: Plan, limit: number): RankedHit[] {
  const s = scratchFor(segment.docCount, segment.slots.length)
  const range = { from: article.docs[0]!, to: article.docs[article.docs.length - 1]! }
  const credit = new Map<number, { score: number; groups: number }>()
  plan.required.forEach((group) => {
    const counted = new Set<number>()
    for (const clause of group) {
      const check = matchClause(segment, clause, plan, s, range)
      if (check !== undefined) verifyAll(s, check)
      for (let i = 0; i < s.clauseSize; i++) {
        const doc = s.clauseDocs[i]!
        if (counted.has(doc)) continue
        counted.add(doc)
        const entry = credit.get(doc)
        if (entry === undefined) credit.set(doc, { score: s.clauseScore[doc]!, groups: 1 })
        else {
          entry.score += s.clauseScore[doc]!
          entry.groups++
        }
      }
    }
  })
  const hits: RankedHit[] = []
  for (const [doc, { score, groups }] of credit) {
    const record = segment.records[doc]
    if (record !== undefined && record.kind !== 'meta') hits.push({ record, score, groups })
  }
  return hits.sort((a, b) => b.groups - a.groups || b.score - a.score).slice(0, limit)
}

export interface EvaluateOptions {
  /** false: ranked articles only, no hits, snippets or highlights (for comparing with id-only engines). */
  hits?: boolean
}

/** `vocabulary`: the segments' shared one (an index passes its own; else it is built for this call). */
export function evaluate(segments: readonly Segment[], request: SearchRequest, options: EvaluateOptions = {}, vocabulary?: Vocabulary): Evaluation {
  const { required, excluded } = parseQuery(request.query)
  if (required.length === 0) return { groups: [], total: 0 }
  const expanded = expandClauses([...required.flat(), ...excluded], segments, vocabulary ?? Vocabulary.of(segments))
  const articleId = request.filters?.articleId
  const scoped = articleId === undefined ? segments : segments.filter((s) => s.articles.has(articleId))
  const limit = clamp(request.limit, SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT)
  const plan: Plan = {
    required,
    excluded,
    expanded,
    allowed: compileFilters(request.filters),
    lists: new Map(),
  }
  const hitsPerArticle = clamp(request.hitsPerArticle, SEARCH_DEFAULT_HITS, SEARCH_MAX_HITS)
  const sort = request.sort ?? 'relevance'
  const direction = sort === 'oldest' ? -1 : 1
  // > 0 when a ranks before b.
  const before = (a: Candidate, b: Candidate): number => {
    if (sort !== 'relevance' && a.date !== b.date) return (a.date > b.date ? 1 : -1) * direction
    return a.score - b.score
  }
  const top = new TopK<Candidate>(limit, before)
  let total = 0
  for (const segment of scoped) total += collect(segment, plan, top)
  if (options.hits === false) return { groups: top.sorted().map((c) => toGroup(c.article, c.score, [], new Set(), [], false)), total }
  const highlightTerms = new Set<string>()
  for (const clause of required.flat()) for (const term of expanded.get(clause)!.keys()) highlightTerms.add(term)
  const phrases = required.flat().flatMap((c) => (c.kind === 'phrase' ? [c.words] : []))
  return {
    groups: top.sorted().map((c) => toGroup(c.article, c.score, rankHits(c.segment, c.article, plan, hitsPerArticle), highlightTerms, phrases)),
    total,
  }
}
