// How a link reads from one of its ends, shared by the text-like exporters.

import type { PassageLink, PassageTarget } from '../../../shared/notes'
import { excerpt, type IndexedSelection } from './selection'

type End = PassageTarget & { annotationId?: string }

export interface LinkView {
  /** The end at the other side from the passage being described. */
  other: End
  /** "supports", or "supported by" style wording when seen from the target end. */
  relation: string
  outgoing: boolean
}

const INVERSE: Record<string, string> = {
  supports: 'supported by',
  contradicts: 'contradicted by',
  elaborates: 'elaborated by',
  'same-event': 'same event as',
  cites: 'cited by',
}

/** The link as seen from `here` (an annotation id or a bare end in an article). */
export function viewFrom(link: PassageLink, fromSide: boolean): LinkView {
  return fromSide
    ? { other: link.to, relation: link.relation === 'same-event' ? 'same event as' : link.relation, outgoing: true }
    : { other: link.from, relation: INVERSE[link.relation] ?? `${link.relation} (from)`, outgoing: false }
}

/** One line: `supports → Other title: “quote”`. */
export function linkSummary(link: PassageLink, fromSide: boolean, index: IndexedSelection): string {
  const view = viewFrom(link, fromSide)
  return `${view.relation} → ${index.titleOf(view.other.articleId)}: “${excerpt(view.other.quote.exact)}”`
}

/** Links that touch the annotation, each with the side it is seen from. */
export function linksOfAnnotation(
  annotationId: string,
  articleId: string,
  index: IndexedSelection,
): { link: PassageLink; fromSide: boolean }[] {
  const found: { link: PassageLink; fromSide: boolean }[] = []
  for (const link of index.linksOf(articleId)) {
    if (link.from.annotationId === annotationId && link.from.articleId === articleId) found.push({ link, fromSide: true })
    if (link.to.annotationId === annotationId && link.to.articleId === articleId) found.push({ link, fromSide: false })
  }
  return found
}

/** Links with an end in the article that is not one of its exported annotations. */
export function bareLinksOf(articleId: string, index: IndexedSelection): { link: PassageLink; fromSide: boolean }[] {
  const found: { link: PassageLink; fromSide: boolean }[] = []
  const isBare = (end: End): boolean =>
    end.articleId === articleId && (end.annotationId === undefined || !index.annotationById.has(end.annotationId))
  for (const link of index.linksOf(articleId)) {
    if (isBare(link.from)) found.push({ link, fromSide: true })
    else if (isBare(link.to)) found.push({ link, fromSide: false })
  }
  return found
}
