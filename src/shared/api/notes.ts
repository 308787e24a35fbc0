// Annotations (highlights with notes and tags) and passage links, for the
// reader, the Notebook and the Map. Ranges are offsets into the article's plain
// text (shared/anchoring plainText); the service reads that text itself, so a
// caller cannot store selectors that do not match the article.

import type { AnchorState, Annotation, HighlightColor, PassageLink } from '../notes'
import type { Result } from '../result'
import { methodList } from './contract'

/** A passage of an article: plain-text offsets, [start, end). */
export interface PassageRange {
  articleId: string
  start: number
  end: number
}

/** A link end: an existing highlight, or a bare passage. */
export type LinkEndRef = { annotationId: string } | PassageRange

export interface NewAnnotation {
  start: number
  end: number
  /** Yellow when left out. */
  color?: HighlightColor
  /** Markdown. */
  note?: string
  tags?: string[]
}

export interface AnnotationChanges {
  note?: string
  tags?: string[]
  color?: HighlightColor
}

export interface NewLink {
  from: LinkEndRef
  to: LinkEndRef
  /** One of LINK_RELATIONS, or the user's own label. */
  relation: string
  note?: string
}

export interface LinkChanges {
  relation?: string
  note?: string
}

/** A highlight of the open article, with where it lands in the current text. */
export type AnchoredAnnotation = Annotation & { anchor: AnchorState }

/** A highlight anywhere in the archive, for the Notebook. */
export type NotebookAnnotation = Annotation & {
  articleTitle: string
  /** The article is in the trash. */
  articleTrashed: boolean
}

/**
 * A link with the titles of both articles. Broken while either article is in
 * the trash or gone (purged); restoring the article mends it.
 * Positions are kept current by re-anchoring, so `from.position`/`to.position`
 * say where to go; `fromOrphaned`/`toOrphaned` say an end's quote was lost.
 */
export type LinkEntry = PassageLink & {
  broken: boolean
  fromTitle: string
  toTitle: string
  fromOrphaned: boolean
  toOrphaned: boolean
}

export interface ArticleLinks {
  /** Links starting in this article. */
  outgoing: LinkEntry[]
  /** Backlinks: links ending in this article (a link within the article is in both). */
  incoming: LinkEntry[]
}

export interface AnnotationQuery {
  tag?: string
  color?: HighlightColor
  articleId?: string
  /** ISO timestamps bounding `created`, inclusive. */
  since?: string
  until?: string
  /** Case-insensitive, in the note, the quote or the tags. */
  text?: string
}

export interface LinkQuery {
  relation?: string
  /** Either end in this article. */
  articleId?: string
  since?: string
  until?: string
  /** Case-insensitive, in the note, the relation or either quote. */
  text?: string
}

export interface NotesApi {
  createAnnotation(articleId: string, annotation: NewAnnotation): Promise<Result<AnchoredAnnotation>>
  updateAnnotation(id: string, changes: AnnotationChanges): Promise<Result<Annotation>>
  /** Returns the deleted highlight, so the UI can undo with restoreAnnotation. Links to it are kept. */
  deleteAnnotation(id: string): Promise<Result<Annotation>>
  restoreAnnotation(annotation: Annotation): Promise<Result<Annotation>>
  /** The article's highlights in reading order; orphaned ones are listed too, with their quote. */
  listAnnotations(articleId: string): Promise<Result<AnchoredAnnotation[]>>
  /** Every highlight matching the query, newest first. */
  listAllAnnotations(query?: AnnotationQuery): Promise<Result<NotebookAnnotation[]>>
  createLink(link: NewLink): Promise<Result<LinkEntry>>
  updateLink(id: string, changes: LinkChanges): Promise<Result<LinkEntry>>
  /** Returns the deleted link, so the UI can undo with restoreLink. */
  deleteLink(id: string): Promise<Result<PassageLink>>
  restoreLink(link: PassageLink): Promise<Result<LinkEntry>>
  linksForArticle(articleId: string): Promise<Result<ArticleLinks>>
  /** Every link matching the query, newest first. */
  listAllLinks(query?: LinkQuery): Promise<Result<LinkEntry[]>>
  /** Tags used on highlights, most used first, for filters and autocomplete. */
  listNoteTags(): Promise<Result<{ tag: string; count: number }[]>>
  /** The built-in relations followed by custom labels in use. */
  listRelations(): Promise<Result<string[]>>
}

export const notesMethods = methodList<NotesApi>()([
  'createAnnotation',
  'updateAnnotation',
  'deleteAnnotation',
  'restoreAnnotation',
  'listAnnotations',
  'listAllAnnotations',
  'createLink',
  'updateLink',
  'deleteLink',
  'restoreLink',
  'linksForArticle',
  'listAllLinks',
  'listNoteTags',
  'listRelations',
])
