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
import { FIELD_ID, INDEX_FIELDS, type IndexedArticle, type IndexField, type Segment } from './segment'
import { scratchFor, type Scratch } from './scratch'
import { TopK } from './top-k'
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

/**
 * Scores the documents holding the clause's terms into s.clauseScore and lists
 * them in s.clauseDocs; s.clauseCount holds how many of the terms each holds.
 * `all`: a document must hold every term (phrase candidates); otherwise any,
 * and its score is multiplied by the number it holds (as MiniSearch's OR did).
 */
function scoreTerms(segment: Segment, terms: [string, number][], fields: [number, number][], all: boolean, s: Scratch): void {
  s.clauseDocs.length = 0
  const n = segment.liveDocs
  const deletions = segment.hasDeletions
  terms.forEach(([term, weight], t) => {
    const postings = segment.postings(term)
    if (postings === undefined) return
    for (const [field, boost] of fields) {
      const list = postings[field]
      if (list === undefined || list.length === 0) continue
      const df = segment.liveCount(list)
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5))
      const average = segment.averageFieldLength(field) || 1
      const factor = weight * boost * idf
      const { docs, freqs } = list
      for (let i = 0; i < list.length; i++) {
        const doc = docs[i]!
        if (deletions && segment.records[doc] === undefined) continue
        const tf = freqs[i]!
        const score = factor * (D + (tf * (K + 1)) / (tf + K * (1 - B + (B * segment.fieldLength(doc, field)) / average)))
        const count = s.clauseCount[doc]!
        if (all) {
          if (count === t) {
            if (t === 0) {
              s.clauseDocs.push(doc)
              s.clauseScore[doc] = score
            } else s.clauseScore[doc]! += score
            s.clauseCount[doc] = t + 1
          } else if (count === t + 1) s.clauseScore[doc]! += score
          continue
        }
        if (count === 0) {
          s.clauseDocs.push(doc)
          s.clauseScore[doc] = 0
        }
        if (s.termMark[doc] !== t + 1) {
          s.termMark[doc] = t + 1
          s.clauseCount[doc] = count + 1
        }
        s.clauseScore[doc]! += score
      }
    }
  })
  if (all) {
    // Keep the documents holding every term.
    let kept = 0
    for (const doc of s.clauseDocs) {
      if (s.clauseCount[doc] === terms.length) s.clauseDocs[kept++] = doc
      else s.clauseCount[doc] = 0
    }
    s.clauseDocs.length = kept
  } else {
    for (const doc of s.clauseDocs) {
      s.clauseScore[doc]! *= s.clauseCount[doc]!
      s.termMark[doc] = 0
    }
  }
}

/** Whether the words occur in order, as whole words, in the lower-cased text. */
function hasPhrase(lower: string, original: string, words: readonly string[], plain: string): boolean {
  for (let at = lower.indexOf(plain); at >= 0; at = lower.indexOf(plain, at + 1)) {
    if (!/[\p{L}\p{N}]/u.test(lower[at - 1] ?? ' ') && !/[\p{L}\p{N}]/u.test(lower[at + plain.length] ?? ' ')) return true
  }
  // Punctuation, diacritics or hyphens between the words: the tokenised check.
  return phraseRangesFor(original, words)
}

const phraseRangesFor = (text: string, words: readonly string[]): boolean => phraseRanges(text, words).length > 0

/** The texts of a metadata document a phrase in `field` may sit in. */
function metaTexts(article: IndexedArticle, field: SearchField | undefined): string[] {
  const meta = { title: article.title, author: article.byline ?? '', source: article.source ?? '', tag: article.tags.join(' '), note: '' }
  return field === undefined ? [meta.title, meta.author, meta.source] : [meta[field]]
}

/** Scores a clause's documents in one segment into s.clauseDocs / s.clauseScore. */
function matchClause(segment: Segment, clause: Clause, terms: ExpandedTerms, s: Scratch): void {
  if (clause.kind === 'term') {
    scoreTerms(segment, [...terms], fieldsOf(clause), false, s)
    return
  }
  // A phrase: documents holding every word, then the words in order in the text.
  scoreTerms(segment, [...new Set(clause.terms)].map((t) => [t, 1]), fieldsOf(clause), true, s)
  const plain = clause.words.join(' ')
  let kept = 0
  for (const doc of s.clauseDocs) {
    const record = segment.records[doc]!
    let found: boolean
    if (record.kind === 'meta') {
      found = metaTexts(segment.slots[segment.slotOf(doc)]!, clause.field).some((t) => hasPhrase(t.toLowerCase(), t, clause.words, plain))
    } else if (record.kind === 'passage' ? clause.field === undefined : clause.field === undefined || clause.field === 'note') {
      found = hasPhrase(segment.lowerText(doc), record.text, clause.words, plain)
    } else found = false
    s.clauseCount[doc] = 0
    if (!found) continue
    s.clauseScore[doc]! *= PHRASE_BOOST
    s.clauseDocs[kept++] = doc
  }
  s.clauseDocs.length = kept
}

interface Candidate {
  article: IndexedArticle
  score: number
  date: string
  hits: RankedHit[]
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
  hitsPerArticle: number
}

/** Matches one segment, offering each matching article to `top`; returns how many matched. */
function collect(segment: Segment, plan: Plan, top: TopK<Candidate>): number {
  const s = scratchFor(segment.docCount, segment.slots.length)
  const { required, excluded, expanded } = plan
  // artPassed: groups an article has matched so far; -1 = filtered or excluded.
  const blocked: number[] = []
  if (plan.allowed !== undefined) {
    segment.slots.forEach((article, slot) => {
      if (!plan.allowed!(article)) {
        s.artPassed[slot] = -1
        blocked.push(slot)
      }
    })
  }
  for (const clause of excluded) {
    matchClause(segment, clause, expanded.get(clause)!, s)
    for (const doc of s.clauseDocs) {
      s.clauseCount[doc] = 0
      const slot = segment.slotOf(doc)
      if (s.artPassed[slot] !== -1) {
        s.artPassed[slot] = -1
        blocked.push(slot)
      }
    }
  }
  let candidates: number[] = []
  const touchedDocs: number[] = []
  required.forEach((group, g) => {
    const inGroup: number[] = []
    for (const clause of group) {
      matchClause(segment, clause, expanded.get(clause)!, s)
      for (const doc of s.clauseDocs) {
        s.clauseCount[doc] = 0
        const slot = segment.slotOf(doc)
        if (s.artPassed[slot] !== g) continue
        const score = s.clauseScore[doc]!
        if (s.artInGroup[slot] !== g + 1) {
          s.artInGroup[slot] = g + 1
          s.artGroupMax[slot] = score
          inGroup.push(slot)
        } else if (score > s.artGroupMax[slot]!) s.artGroupMax[slot] = score
        // A document counts once per group (OR siblings do not add up).
        if (s.docLastGroup[doc] !== g + 1) {
          if (s.docLastGroup[doc] === 0) {
            touchedDocs.push(doc)
            s.docScore[doc] = 0
          }
          s.docLastGroup[doc] = g + 1
          s.docScore[doc]! += score
          s.docGroups[doc]! += 1
        }
      }
    }
    const next: number[] = []
    for (const slot of g === 0 ? inGroup : candidates) {
      if (s.artInGroup[slot] !== g + 1) continue
      s.artPassed[slot] = g + 1
      s.artScore[slot] = (g === 0 ? 0 : s.artScore[slot]!) + s.artGroupMax[slot]!
      next.push(slot)
    }
    for (const slot of inGroup) s.artInGroup[slot] = 0
    // Articles that failed this group keep artPassed = g and drop out of `next`.
    for (const slot of g === 0 ? [] : candidates) if (s.artPassed[slot] !== g + 1) s.artPassed[slot] = 0
    candidates = next
  })
  for (const slot of candidates) {
    const article = segment.slots[slot]!
    const candidate = { article, score: s.artScore[slot]!, date: dateOf(article), hits: [] as RankedHit[] }
    if (top.accepts(candidate)) {
      candidate.hits = rankHits(segment, article, s, plan.hitsPerArticle)
      top.push(candidate)
    }
  }
  const total = candidates.length
  for (const slot of candidates) s.artPassed[slot] = 0
  for (const slot of blocked) s.artPassed[slot] = 0
  for (const doc of touchedDocs) {
    s.docLastGroup[doc] = 0
    s.docGroups[doc] = 0
  }
  return total
}

/** The article's matching passages and notes, most query groups first, then by score. */
function rankHits(segment: Segment, article: IndexedArticle, s: Scratch, limit: number): RankedHit[] {
  const hits: RankedHit[] = []
  for (const doc of article.docs) {
    const record = segment.records[doc]
    if (record === undefined || record.kind === 'meta' || s.docGroups[doc] === 0) continue
    hits.push({ record, score: s.docScore[doc]!, groups: s.docGroups[doc]! })
  }
  return hits.sort((a, b) => b.groups - a.groups || b.score - a.score).slice(0, limit)
}

export function evaluate(segments: readonly Segment[], request: SearchRequest): Evaluation {
  const { required, excluded } = parseQuery(request.query)
  if (required.length === 0) return { groups: [], total: 0 }
  const expanded = expandClauses([...required.flat(), ...excluded], segments)
  const articleId = request.filters?.articleId
  const scoped = articleId === undefined ? segments : segments.filter((s) => s.articles.has(articleId))
  const limit = clamp(request.limit, SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT)
  const plan: Plan = {
    required,
    excluded,
    expanded,
    allowed: compileFilters(request.filters),
    hitsPerArticle: clamp(request.hitsPerArticle, SEARCH_DEFAULT_HITS, SEARCH_MAX_HITS),
  }
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
  const highlightTerms = new Set<string>()
  for (const clause of required.flat()) for (const term of expanded.get(clause)!.keys()) highlightTerms.add(term)
  const phrases = required.flat().flatMap((c) => (c.kind === 'phrase' ? [c.words] : []))
  return {
    groups: top.sorted().map((c) => toGroup(c.article, c.score, c.hits, highlightTerms, phrases)),
    total,
  }
}
