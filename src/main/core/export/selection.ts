// The one input shape every exporter reads, and the helpers they share:
// grouping notes by article, naming the far end of a link, progress and cancel.

import { setImmediate as nextTurn } from 'node:timers/promises'
import { DossierFailure } from '../../../shared/result'
import type { Annotation, PassageLink, PassageTarget } from '../../../shared/notes'
import type { ArticleMeta, Block } from '../../../shared/types'

export const EXPORT_FORMATS = ['markdown', 'markdown-combined', 'csv', 'json', 'html'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** An article as exported: its metadata, and its blocks when the export should carry the text. */
export type ExportArticle = ArticleMeta & { blocks?: Block[] }

export interface NotesSelection {
  /** The articles whose notes are exported; each gets a section (or a file). */
  articles: ExportArticle[]
  /** Annotations on those articles; ones on other articles are ignored. */
  annotations: Annotation[]
  /** Links with at least one end in a selected article; the other end may lie outside. */
  links: PassageLink[]
  /** Titles of articles outside the selection that links point to, by id. */
  articleTitles?: Map<string, string>
}

export interface ExportOptions {
  /** ISO timestamp written into the files; passed in so output is reproducible. */
  exportedAt: string
  appVersion: string
  /** Called after each article with (articles done, articles in all). */
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
}

export interface ExportFile {
  /** A bare file name, safe on every platform; never a path. */
  name: string
  data: string | Uint8Array
}

/** A selection indexed once, so every exporter walks it the same way. */
export interface IndexedSelection {
  /** Articles in a stable order (title, then id), whatever order they came in. */
  articles: ExportArticle[]
  annotationsOf: (articleId: string) => Annotation[]
  /** Links with either end in the article, in a stable order. */
  linksOf: (articleId: string) => PassageLink[]
  annotationById: Map<string, Annotation>
  titleOf: (articleId: string) => string
  isSelected: (articleId: string) => boolean
}

const byTitleThenId = (a: ArticleMeta, b: ArticleMeta): number =>
  a.title.localeCompare(b.title, 'en') || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)

const byPosition = (a: Annotation, b: Annotation): number =>
  a.target.position.start - b.target.position.start || (a.id < b.id ? -1 : 1)

export function indexSelection(selection: NotesSelection): IndexedSelection {
  const articles = [...selection.articles].sort(byTitleThenId)
  const selected = new Map(articles.map((article) => [article.id, article]))
  const annotations = new Map<string, Annotation[]>()
  const annotationById = new Map<string, Annotation>()
  for (const annotation of selection.annotations) {
    const articleId = annotation.target.articleId
    if (!selected.has(articleId)) continue
    annotationById.set(annotation.id, annotation)
    annotations.set(articleId, [...(annotations.get(articleId) ?? []), annotation])
  }
  for (const list of annotations.values()) list.sort(byPosition)
  const links = new Map<string, PassageLink[]>()
  const sortedLinks = [...selection.links].sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : a.id < b.id ? -1 : 1))
  for (const link of sortedLinks) {
    for (const articleId of new Set([link.from.articleId, link.to.articleId])) {
      if (selected.has(articleId)) links.set(articleId, [...(links.get(articleId) ?? []), link])
    }
  }
  return {
    articles,
    annotationsOf: (id) => annotations.get(id) ?? [],
    linksOf: (id) => links.get(id) ?? [],
    annotationById,
    titleOf: (id) => selected.get(id)?.title ?? selection.articleTitles?.get(id) ?? 'Article not in this export',
    isSelected: (id) => selected.has(id),
  }
}

/** The annotation a link end is attached to, when that annotation is in the export. */
export function endAnnotation(
  end: PassageTarget & { annotationId?: string },
  index: IndexedSelection,
): Annotation | undefined {
  if (end.annotationId === undefined) return undefined
  const annotation = index.annotationById.get(end.annotationId)
  return annotation?.target.articleId === end.articleId ? annotation : undefined
}

/** Shortens a quote for a one-line mention, on a code-point boundary. */
export function excerpt(text: string, max = 80): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  const points = [...flat]
  return points.length <= max ? flat : `${points.slice(0, max - 1).join('').trimEnd()}…`
}

/**
 * Walks the articles, reporting progress and yielding to the event loop between
 * them, so a cancel (an AbortSignal fired from elsewhere) is seen mid-export.
 */
export async function forEachArticle(
  index: IndexedSelection,
  options: ExportOptions,
  work: (article: ExportArticle, position: number) => void,
): Promise<void> {
  const total = index.articles.length
  throwIfCancelled(options.signal)
  for (const [position, article] of index.articles.entries()) {
    work(article, position)
    options.onProgress?.(position + 1, total)
    await nextTurn()
    throwIfCancelled(options.signal)
  }
}

export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DossierFailure('cancelled', 'The export was cancelled')
}
