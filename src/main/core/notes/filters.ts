// Notebook queries over the in-memory notes: plain predicates, one per filter.

import type { Annotation, HighlightColor, PassageLink } from '../../../shared/notes'

export interface AnnotationFilter {
  tag?: string
  color?: HighlightColor
  articleId?: string
  /** ISO timestamps bounding `created`, inclusive. */
  since?: string
  until?: string
  /** Case-insensitive, in the note, the quote or the tags. */
  text?: string
}

export interface LinkFilter {
  relation?: string
  /** Either end in this article. */
  articleId?: string
  since?: string
  until?: string
  /** Case-insensitive, in the note, the relation or either quote. */
  text?: string
}

function inDateRange(created: string, since: string | undefined, until: string | undefined): boolean {
  const at = Date.parse(created)
  if (since !== undefined && !(at >= Date.parse(since))) return false
  if (until !== undefined && !(at <= Date.parse(until))) return false
  return true
}

function contains(haystack: readonly string[], needle: string | undefined): boolean {
  if (needle === undefined || needle.trim() === '') return true
  const lower = needle.trim().toLowerCase()
  return haystack.some((value) => value.toLowerCase().includes(lower))
}

export function matchesAnnotation(annotation: Annotation, filter: AnnotationFilter): boolean {
  if (filter.articleId !== undefined && annotation.target.articleId !== filter.articleId) return false
  if (filter.color !== undefined && annotation.color !== filter.color) return false
  if (filter.tag !== undefined && !annotation.tags.some((tag) => tag.toLowerCase() === filter.tag?.toLowerCase())) {
    return false
  }
  if (!inDateRange(annotation.created, filter.since, filter.until)) return false
  return contains([annotation.note, annotation.target.quote.exact, ...annotation.tags], filter.text)
}

export function matchesLink(link: PassageLink, filter: LinkFilter): boolean {
  if (filter.relation !== undefined && link.relation !== filter.relation) return false
  if (filter.articleId !== undefined && link.from.articleId !== filter.articleId && link.to.articleId !== filter.articleId) {
    return false
  }
  if (!inDateRange(link.created, filter.since, filter.until)) return false
  return contains([link.note, link.relation, link.from.quote.exact, link.to.quote.exact], filter.text)
}

/** Reading order: by position in the article, then by creation. */
export function byReadingOrder(a: Annotation, b: Annotation): number {
  return (
    a.target.position.start - b.target.position.start ||
    a.target.position.end - b.target.position.end ||
    a.created.localeCompare(b.created)
  )
}

/** Notebook order: newest first. */
export function byNewest<T extends { created: string; id: string }>(a: T, b: T): number {
  return b.created.localeCompare(a.created) || a.id.localeCompare(b.id)
}
