// Search request, results and index status, shared by the service, the UI and the CLI.
// Plain data only.

export type SearchSort = 'relevance' | 'newest' | 'oldest'

export interface SearchFilters {
  /** Article source (publication) names; an article matches any of them (case-insensitive). */
  source?: string[]
  /** Article tags; an article must carry all of them (case-insensitive). */
  tags?: string[]
  /** Inclusive ISO dates (YYYY-MM-DD or full timestamps), compared on publishedAt. */
  publishedFrom?: string
  publishedTo?: string
  /** Inclusive ISO dates compared on addedAt. */
  addedFrom?: string
  addedTo?: string
  /** true: only annotated articles; false: only articles without annotations. */
  hasAnnotations?: boolean
  /** Search inside one article (the reader's Ctrl/Cmd+F). */
  articleId?: string
}

export interface SearchRequest {
  /**
   * Query syntax: plain terms (all must appear in the article), the last term is
   * a prefix while typing (3+ letters), typos are forgiven, "exact phrase",
   * -exclude, a OR b, and fields title: author: source: tag: note:.
   * Mistakes never fail; they fall back to plain terms.
   */
  query: string
  /** Article groups to return; default SEARCH_DEFAULT_LIMIT, at most SEARCH_MAX_LIMIT. */
  limit?: number
  /** Passage/annotation hits shown per article; default SEARCH_DEFAULT_HITS, at most SEARCH_MAX_HITS. */
  hitsPerArticle?: number
  filters?: SearchFilters
  sort?: SearchSort
}

export const SEARCH_DEFAULT_LIMIT = 20
export const SEARCH_MAX_LIMIT = 500
export const SEARCH_DEFAULT_HITS = 3
export const SEARCH_MAX_HITS = 50
export const SEARCH_MAX_QUERY_LENGTH = 1000

/** [start, end) character offsets within the string they belong to. */
export interface HighlightRange {
  start: number
  end: number
}

export interface Snippet {
  text: string
  /** Query matches within `text`. */
  highlights: HighlightRange[]
  /** Where `text` starts in the passage (or note) it was cut from. */
  offset: number
  /** true when text was cut before / after. */
  truncatedStart: boolean
  truncatedEnd: boolean
}

export type SearchHit =
  | { kind: 'passage'; blockId: string; score: number; snippet: Snippet }
  | { kind: 'annotation'; annotationId: string; blockId?: string; score: number; snippet: Snippet }

export interface SearchResultGroup {
  articleId: string
  title: string
  /** Query matches within the title. */
  titleHighlights: HighlightRange[]
  byline?: string
  source?: string
  publishedAt?: string
  addedAt: string
  tags: string[]
  score: number
  /** Best hits first; empty when only metadata (title, author, source, tags) matched. */
  hits: SearchHit[]
}

export type SearchIndexStatus =
  | { state: 'ready'; articles: number }
  /** Loading the saved index: search answers from the segments already loaded. */
  | { state: 'loading'; loadedSegments: number; totalSegments: number; articles: number }
  /** Indexing articles missing from, or stale in, the saved index (or all of them). */
  | { state: 'rebuilding'; done: number; total: number; articles: number }
  | { state: 'closed' }

export interface SearchResponse {
  groups: SearchResultGroup[]
  /** Articles that matched, before the limit. */
  total: number
  /** false while loading or rebuilding: results may be incomplete. */
  complete: boolean
  status: SearchIndexStatus
}
