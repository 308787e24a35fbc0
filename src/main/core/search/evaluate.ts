// Answers a SearchRequest from a set of loaded segments. Matching is per article
// (all query words must appear in the article, not necessarily in one passage),
// ranking of hits is per passage or note (a passage holding more of the words
// ranks first), and phrases are checked against the text itself.

import type { HighlightRange, SearchHit, SearchRequest, SearchResultGroup } from '../../../shared/search'
import { SEARCH_DEFAULT_HITS, SEARCH_DEFAULT_LIMIT, SEARCH_MAX_HITS, SEARCH_MAX_LIMIT } from '../../../shared/search'
import { expandClauses, type ExpandedTerms } from './expand'
import { matchesFilters } from './filters'
import { parseQuery, type Clause, type SearchField } from './query-parser'
import { INDEX_FIELDS, type DocRecord, type IndexField, type IndexedArticle, type Segment } from './segment'
import { highlightRanges, makeSnippet } from './snippet'
import { tokenize } from './tokenize'

const BOOST: Partial<Record<IndexField, number>> = { title: 2.5, tag: 1.5, author: 1.5, source: 1.2, note: 1.2 }
const FIELDS: Record<SearchField, IndexField[]> = {
  title: ['title'],
  author: ['author'],
  source: ['source'],
  tag: ['tag'],
  note: ['note'],
}

interface DocMatch {
  score: number
  groups: number
  /** The last query group that matched it, so OR siblings count once. */
  lastGroup: number
  phraseRanges: HighlightRange[]
}

interface ArticleMatch {
  article: IndexedArticle
  segment: Segment
  groupScores: number[]
  docs: Map<number, DocMatch>
}

export interface Evaluation {
  groups: SearchResultGroup[]
  total: number
}

/** Ranges where the word sequence occurs in text (folded, stop words kept). */
export function phraseRanges(text: string, words: readonly string[]): HighlightRange[] {
  const tokens = tokenize(text)
  const ranges: HighlightRange[] = []
  outer: for (let i = 0; i + words.length <= tokens.length; i++) {
    for (let j = 0; j < words.length; j++) if (tokens[i + j]!.term !== words[j]) continue outer
    ranges.push({ start: tokens[i]!.start, end: tokens[i + words.length - 1]!.end })
  }
  return ranges
}

/**
 * Whether the words occur in order. Most true cases are plain lower-case text,
 * found by a substring check; the rest (punctuation, diacritics, hyphens
 * between the words) take the full tokenised check. Ranges are computed later,
 * only for the hits shown.
 */
function hasPhrase(text: string, words: readonly string[]): boolean {
  const plain = words.join(' ')
  const at = text.toLowerCase().indexOf(plain)
  if (at >= 0 && !/[\p{L}\p{N}]/u.test(text[at - 1] ?? ' ') && !/[\p{L}\p{N}]/u.test(text[at + plain.length] ?? ' ')) return true
  return phraseRanges(text, words).length > 0
}

/** The texts of a document a phrase in `field` may sit in. */
function textsFor(doc: DocRecord, article: IndexedArticle, field: SearchField | undefined): string[] {
  if (doc.kind === 'passage') return field === undefined ? [doc.text] : []
  if (doc.kind === 'annotation') return field === undefined || field === 'note' ? [doc.text] : []
  const meta = { title: article.title, author: article.byline ?? '', source: article.source ?? '', tag: article.tags.join(' '), note: '' }
  return field === undefined ? [meta.title, meta.author, meta.source] : [meta[field]]
}

/** Documents of one segment matching a clause, with scores and (for phrases) where. */
function matchClause(segment: Segment, clause: Clause, terms: ExpandedTerms): Map<number, DocMatch> {
  const fields = clause.field === undefined ? INDEX_FIELDS : FIELDS[clause.field]
  const out = new Map<number, DocMatch>()
  if (clause.kind === 'term') {
    for (const [doc, score] of segment.match(terms, fields, BOOST)) out.set(doc, { score, groups: 1, lastGroup: -1, phraseRanges: [] })
    return out
  }
  // A phrase: documents holding every word, then the words in order in the text.
  let candidates: Map<number, number> | undefined
  for (const term of clause.terms) {
    const found = segment.match(new Map([[term, 1]]), fields, BOOST)
    if (candidates === undefined) candidates = found
    else for (const [doc, score] of candidates) {
      const more = found.get(doc)
      if (more === undefined) candidates.delete(doc)
      else candidates.set(doc, score + more)
    }
    if (candidates.size === 0) return out
  }
  for (const [docId, score] of candidates ?? []) {
    const doc = segment.docs.get(docId)
    const article = doc === undefined ? undefined : segment.articles.get(doc.articleId)
    if (doc === undefined || article === undefined) continue
    const texts = textsFor(doc, article, clause.field)
    // Title and byline phrases are highlighted with the title; passages and notes carry their ranges.
    if (texts.some((t) => hasPhrase(t, clause.words))) out.set(docId, { score: score * 1.5, groups: 1, lastGroup: -1, phraseRanges: [] })
  }
  return out
}

function collect(segment: Segment, required: Clause[][], excluded: Clause[], expanded: Map<Clause, ExpandedTerms>, request: SearchRequest): ArticleMatch[] {
  let matches: Map<string, ArticleMatch> | undefined
  required.forEach((group, g) => {
    const next = new Map<string, ArticleMatch>()
    for (const clause of group) {
      for (const [docId, docMatch] of matchClause(segment, clause, expanded.get(clause)!)) {
        const doc = segment.docs.get(docId)
        if (doc === undefined) continue
        const previous = matches === undefined ? undefined : matches.get(doc.articleId)
        if (matches !== undefined && previous === undefined) continue
        let entry = next.get(doc.articleId)
        if (entry === undefined) {
          const article = segment.articles.get(doc.articleId)
          if (article === undefined) continue
          entry = previous ?? { article, segment, groupScores: [], docs: new Map() }
          next.set(doc.articleId, entry)
        }
        entry.groupScores[g] = Math.max(entry.groupScores[g] ?? 0, docMatch.score)
        const known = entry.docs.get(docId)
        if (known === undefined) entry.docs.set(docId, { ...docMatch, lastGroup: g })
        else if (known.lastGroup < g) {
          known.lastGroup = g
          known.score += docMatch.score
          known.groups += 1
          known.phraseRanges.push(...docMatch.phraseRanges)
        }
      }
    }
    matches = next
  })
  if (matches === undefined) return []
  for (const clause of excluded) {
    for (const docId of matchClause(segment, clause, expanded.get(clause)!).keys()) {
      const doc = segment.docs.get(docId)
      if (doc !== undefined) matches.delete(doc.articleId)
    }
  }
  return [...matches.values()].filter((m) => matchesFilters(m.article, request.filters))
}

function clamp(value: number | undefined, fallback: number, max: number): number {
  if (value === undefined || !Number.isFinite(value)) return fallback
  return Math.min(max, Math.max(1, Math.floor(value)))
}

const dateOf = (a: IndexedArticle): string => a.publishedAt ?? a.addedAt

function toGroup(match: ArticleMatch, highlightTerms: ReadonlySet<string>, phrases: readonly string[][], hitsPerArticle: number): SearchResultGroup {
  const { article, segment } = match
  const score = match.groupScores.reduce((sum, s) => sum + s, 0)
  const ranked = [...match.docs]
    .filter(([id]) => segment.docs.get(id)?.kind !== 'meta')
    .sort((a, b) => b[1].groups - a[1].groups || b[1].score - a[1].score)
    .slice(0, hitsPerArticle)
  const hits: SearchHit[] = []
  for (const [id, docMatch] of ranked) {
    const doc = segment.docs.get(id)!
    const ranges = phrases.flatMap((words) => phraseRanges(doc.text, words))
    const snippet = makeSnippet(doc.text, highlightRanges(doc.text, highlightTerms, ranges))
    if (doc.kind === 'annotation') {
      hits.push({ kind: 'annotation', annotationId: doc.annotationId!, blockId: doc.blockId, score: docMatch.score, snippet })
    } else {
      hits.push({ kind: 'passage', blockId: doc.blockId!, score: docMatch.score, snippet })
    }
  }
  return {
    articleId: article.id,
    title: article.title,
    titleHighlights: highlightRanges(article.title, highlightTerms),
    byline: article.byline,
    source: article.source,
    publishedAt: article.publishedAt,
    addedAt: article.addedAt,
    tags: article.tags,
    score,
    hits,
  }
}

export function evaluate(segments: readonly Segment[], request: SearchRequest): Evaluation {
  const { required, excluded } = parseQuery(request.query)
  if (required.length === 0) return { groups: [], total: 0 }
  const expanded = expandClauses([...required.flat(), ...excluded], segments)
  const scoped = request.filters?.articleId === undefined ? segments : segments.filter((s) => s.articles.has(request.filters!.articleId!))
  const matches = scoped.flatMap((segment) => collect(segment, required, excluded, expanded, request))
  const scoreOf = (m: ArticleMatch): number => m.groupScores.reduce((sum, s) => sum + s, 0)
  const sort = request.sort ?? 'relevance'
  matches.sort((a, b) => {
    if (sort !== 'relevance') {
      const order = dateOf(a.article) < dateOf(b.article) ? -1 : dateOf(a.article) > dateOf(b.article) ? 1 : 0
      if (order !== 0) return sort === 'newest' ? -order : order
    }
    return scoreOf(b) - scoreOf(a)
  })
  const highlightTerms = new Set<string>()
  for (const clause of required.flat()) for (const term of expanded.get(clause)!.keys()) highlightTerms.add(term)
  const phrases = required.flat().flatMap((c) => (c.kind === 'phrase' ? [c.words] : []))
  const limit = clamp(request.limit, SEARCH_DEFAULT_LIMIT, SEARCH_MAX_LIMIT)
  const hitsPerArticle = clamp(request.hitsPerArticle, SEARCH_DEFAULT_HITS, SEARCH_MAX_HITS)
  return {
    groups: matches.slice(0, limit).map((m) => toGroup(m, highlightTerms, phrases, hitsPerArticle)),
    total: matches.length,
  }
}
