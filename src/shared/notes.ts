// Annotations and links, after the W3C Web Annotation data model: a target is
// an article plus selectors over the article's plain text (its blocks' texts
// joined by BLOCK_SEPARATOR), so a highlight re-anchors when the text shifts.

export interface TextQuoteSelector {
  type: 'TextQuoteSelector'
  exact: string
  prefix: string
  suffix: string
}

export interface TextPositionSelector {
  type: 'TextPositionSelector'
  /** Offsets into the article's plain text, [start, end). */
  start: number
  end: number
}

export interface PassageTarget {
  articleId: string
  quote: TextQuoteSelector
  position: TextPositionSelector
}

export const HIGHLIGHT_COLORS = ['yellow', 'green', 'blue', 'pink', 'purple'] as const
export type HighlightColor = (typeof HIGHLIGHT_COLORS)[number]

export interface Annotation {
  id: string
  target: PassageTarget
  color: HighlightColor
  /** Markdown written by the user; rendered safely, never as raw HTML. */
  note: string
  tags: string[]
  /** Who wrote it (Preferences.userName at the time), shown on shared notes. */
  author: string
  created: string
  modified: string
  /** Earlier versions replaced by a merge ("newest wins, the other kept as history"). */
  history?: { note: string; tags: string[]; color: HighlightColor; author: string; modified: string }[]
}

export const LINK_RELATIONS = ['supports', 'contradicts', 'elaborates', 'same-event', 'cites'] as const
export type LinkRelation = (typeof LINK_RELATIONS)[number]

export interface PassageLink {
  id: string
  /** Links join passages; a passage end may be an annotation (highlight) or a bare target. */
  from: PassageTarget & { annotationId?: string }
  to: PassageTarget & { annotationId?: string }
  /** One of LINK_RELATIONS, or the user's own label. */
  relation: string
  note: string
  author: string
  created: string
  modified: string
}

/** Where a stored target lands in the article's current text. */
export type AnchorState =
  | { status: 'anchored'; start: number; end: number; method: 'position' | 'quote' | 'fuzzy' }
  | { status: 'orphaned' }
