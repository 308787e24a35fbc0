// JSON export: a W3C Web Annotation AnnotationCollection (JSON-LD). Highlights
// are Annotations; links are Annotations with motivation "linking". A `dossier`
// block describes the articles so targets resolve and the file merges back.

import type { Annotation, PassageLink, PassageTarget } from '../../../shared/notes'
import {
  forEachArticle,
  indexSelection,
  type ExportArticle,
  type ExportFile,
  type ExportOptions,
  type NotesSelection,
} from './selection'

/** Bumped when a reader of the old format could misread the new one. */
export const SHARE_FORMAT_VERSION = 1
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld'
export const ARTICLE_IRI = 'urn:dossier:article:'
export const ANNOTATION_IRI = 'urn:dossier:annotation:'
export const LINK_IRI = 'urn:dossier:link:'

export interface WebSelectorPair {
  source: string
  selector: [
    { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
    { type: 'TextPositionSelector'; start: number; end: number },
  ]
}

function specificTarget(target: PassageTarget): WebSelectorPair {
  const { quote, position } = target
  return {
    source: ARTICLE_IRI + target.articleId,
    selector: [
      { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
      { type: 'TextPositionSelector', start: position.start, end: position.end },
    ],
  }
}

const creator = (author: string) => (author === '' ? {} : { creator: { type: 'Person', name: author } })

export function annotationToWeb(annotation: Annotation): Record<string, unknown> {
  const body: Record<string, unknown>[] = []
  if (annotation.note !== '') {
    body.push({ type: 'TextualBody', value: annotation.note, format: 'text/markdown', purpose: 'commenting' })
  }
  for (const tag of annotation.tags) body.push({ type: 'TextualBody', value: tag, purpose: 'tagging' })
  return {
    id: ANNOTATION_IRI + annotation.id,
    type: 'Annotation',
    motivation: annotation.note === '' ? 'highlighting' : 'commenting',
    created: annotation.created,
    modified: annotation.modified,
    ...creator(annotation.author),
    ...(body.length > 0 ? { body } : {}),
    target: specificTarget(annotation.target),
    // Colour and history have no Web Annotation term; other tools ignore this.
    dossier: { color: annotation.color, ...(annotation.history ? { history: annotation.history } : {}) },
  }
}

export function linkToWeb(link: PassageLink): Record<string, unknown> {
  const body: Record<string, unknown>[] = [
    { type: 'SpecificResource', ...specificTarget(link.to) },
    { type: 'TextualBody', value: link.relation, purpose: 'classifying' },
  ]
  if (link.note !== '') body.push({ type: 'TextualBody', value: link.note, format: 'text/markdown', purpose: 'commenting' })
  return {
    id: LINK_IRI + link.id,
    type: 'Annotation',
    motivation: 'linking',
    created: link.created,
    modified: link.modified,
    ...creator(link.author),
    body,
    target: specificTarget(link.from),
    dossier: {
      relation: link.relation,
      ...(link.from.annotationId !== undefined ? { fromAnnotationId: link.from.annotationId } : {}),
      ...(link.to.annotationId !== undefined ? { toAnnotationId: link.to.annotationId } : {}),
    },
  }
}

export async function exportJson(selection: NotesSelection, options: ExportOptions): Promise<ExportFile> {
  const index = indexSelection(selection)
  const items: Record<string, unknown>[] = []
  const articles: ExportArticle[] = []
  const seenLinks = new Set<string>()
  await forEachArticle(index, options, (article) => {
    articles.push(article)
    for (const annotation of index.annotationsOf(article.id)) items.push(annotationToWeb(annotation))
    for (const link of index.linksOf(article.id)) {
      if (seenLinks.has(link.id)) continue
      seenLinks.add(link.id)
      items.push(linkToWeb(link))
    }
  })
  // Articles outside the selection that links reach: named so a reader can say what is missing.
  const outside = new Map<string, string>()
  for (const link of selection.links.filter((l) => seenLinks.has(l.id))) {
    for (const end of [link.from, link.to]) {
      if (!index.isSelected(end.articleId)) outside.set(end.articleId, index.titleOf(end.articleId))
    }
  }
  const collection = {
    '@context': ANNO_CONTEXT,
    id: `urn:dossier:export:${options.exportedAt}`,
    type: 'AnnotationCollection',
    label: `Dossier notes (${articles.length} articles)`,
    generator: { type: 'Software', name: 'Dossier', version: options.appVersion },
    generated: options.exportedAt,
    total: items.length,
    first: { type: 'AnnotationPage', startIndex: 0, items },
    dossier: {
      formatVersion: SHARE_FORMAT_VERSION,
      appVersion: options.appVersion,
      exportedAt: options.exportedAt,
      articles,
      ...(outside.size > 0 ? { referencedArticles: [...outside].map(([id, title]) => ({ id, title })) } : {}),
    },
  }
  return { name: 'dossier-notes.json', data: JSON.stringify(collection, null, 2) }
}
