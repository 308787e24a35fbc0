// JSON export: a W3C Web Annotation AnnotationCollection (JSON-LD). Highlights
// are Annotations; links are Annotations with motivation "linking". Every field
// Dossier keeps is a term of the @context: Web Annotation's own, Dublin Core or
// schema.org where one fits, else Dossier's vocabulary, declared inline (no
// fetch needed), so a JSON-LD processor drops nothing. A target's source is the
// article's web address when it has one; `article` keeps Dossier's own id.

import type { Annotation, PassageLink, PassageTarget } from '../../../shared/notes'
import { safeWebLink } from '../../../shared/links'
import {
  forEachArticle,
  indexSelection,
  type ExportArticle,
  type ExportFile,
  type ExportOptions,
  type NotesSelection,
} from './selection'

/** Bumped when a reader of the old format could misread the new one. 1: a `dossier` block outside any @context; 2: every field in the @context. */
export const SHARE_FORMAT_VERSION = 2
export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld'
export const ARTICLE_IRI = 'urn:dossier:article:'
export const ANNOTATION_IRI = 'urn:dossier:annotation:'
export const LINK_IRI = 'urn:dossier:link:'
export const AUTHOR_IRI = 'urn:dossier:author:'
export const GENERATOR_IRI = 'urn:dossier:app'
export const DOSSIER_VOCAB = 'urn:dossier:vocab#'

/** Dossier's terms, inlined beside the W3C context so nothing needs fetching to read them. */
export const DOSSIER_CONTEXT = {
  dossier: DOSSIER_VOCAB,
  schema: 'http://schema.org/',
  Article: 'dossier:Article',
  formatVersion: 'dossier:formatVersion',
  softwareVersion: 'schema:softwareVersion',
  articles: { '@id': 'dossier:articles', '@container': '@list' },
  referencedArticles: { '@id': 'dossier:referencedArticles', '@container': '@list' },
  article: { '@id': 'dossier:article', '@type': '@id' },
  annotation: { '@id': 'dossier:annotation', '@type': '@id' },
  color: 'schema:color',
  relation: 'dossier:relation',
  history: { '@id': 'dossier:history', '@type': '@json' },
  title: 'dcterms:title',
  byline: 'dc:creator',
  publisher: 'dc:publisher',
  url: 'schema:url',
  published: 'schema:datePublished',
  added: 'dossier:addedAt',
  updated: 'dossier:updatedAt',
  excerpt: 'schema:abstract',
  tags: { '@id': 'schema:keywords', '@container': '@list' },
  sourceFormat: 'dossier:sourceFormat',
  fileName: 'dossier:fileName',
  wordCount: 'schema:wordCount',
  readingMinutes: 'dossier:readingMinutes',
  contentHash: 'dossier:contentHash',
  edited: { '@id': 'dossier:edited', '@container': '@list' },
  deleted: 'dossier:deletedAt',
  blocks: { '@id': 'dossier:blocks', '@type': '@json' },
} as const

export interface WebSelectorPair {
  type: 'SpecificResource'
  source: string
  article: string
  annotation?: string
  selector: [
    { type: 'TextQuoteSelector'; exact: string; prefix: string; suffix: string },
    { type: 'TextPositionSelector'; start: number; end: number },
  ]
}

/** Looks up what the export knows of an article: its web address and language. */
type ArticleInfo = (articleId: string) => { url?: string; language?: string } | undefined

function specificTarget(target: PassageTarget & { annotationId?: string }, info: ArticleInfo): WebSelectorPair {
  const { quote, position } = target
  const web = safeWebLink(info(target.articleId)?.url)
  return {
    type: 'SpecificResource',
    source: web ?? ARTICLE_IRI + target.articleId,
    article: ARTICLE_IRI + target.articleId,
    ...(target.annotationId !== undefined ? { annotation: ANNOTATION_IRI + target.annotationId } : {}),
    selector: [
      { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
      { type: 'TextPositionSelector', start: position.start, end: position.end },
    ],
  }
}

const creator = (author: string) =>
  author === '' ? {} : { creator: { id: AUTHOR_IRI + encodeURIComponent(author), type: 'Person', name: author, nickname: author } }

/** BCP 47: the article's language when known, else "und" (undetermined). */
const languageOf = (articleId: string, info: ArticleInfo): string => info(articleId)?.language || 'und'

export function annotationToWeb(annotation: Annotation, info: ArticleInfo = () => undefined): Record<string, unknown> {
  const language = languageOf(annotation.target.articleId, info)
  const body: Record<string, unknown>[] = []
  if (annotation.note !== '') {
    body.push({ type: 'TextualBody', value: annotation.note, format: 'text/markdown', language, purpose: 'commenting' })
  }
  for (const tag of annotation.tags) body.push({ type: 'TextualBody', value: tag, format: 'text/plain', language, purpose: 'tagging' })
  return {
    id: ANNOTATION_IRI + annotation.id,
    type: 'Annotation',
    motivation: annotation.note === '' ? 'highlighting' : 'commenting',
    created: annotation.created,
    modified: annotation.modified,
    ...creator(annotation.author),
    generator: GENERATOR_IRI,
    // A highlight with neither note nor tags has no body, as the model asks.
    ...(body.length > 0 ? { body } : {}),
    target: specificTarget(annotation.target, info),
    color: annotation.color,
    ...(annotation.history ? { history: annotation.history } : {}),
  }
}

export function linkToWeb(link: PassageLink, info: ArticleInfo = () => undefined): Record<string, unknown> {
  const language = languageOf(link.from.articleId, info)
  const body: Record<string, unknown>[] = [
    { ...specificTarget(link.to, info) },
    { type: 'TextualBody', value: link.relation, format: 'text/plain', language, purpose: 'classifying' },
  ]
  if (link.note !== '') body.push({ type: 'TextualBody', value: link.note, format: 'text/markdown', language, purpose: 'commenting' })
  return {
    id: LINK_IRI + link.id,
    type: 'Annotation',
    motivation: 'linking',
    created: link.created,
    modified: link.modified,
    ...creator(link.author),
    generator: GENERATOR_IRI,
    body,
    target: specificTarget(link.from, info),
    relation: link.relation,
  }
}

/** An article under the context's names: `source`, `format` and `tags` mean other things in the W3C context. */
export function articleToWeb(article: ExportArticle): Record<string, unknown> {
  const out: Record<string, unknown> = { id: ARTICLE_IRI + article.id, type: 'Article', title: article.title }
  if (article.byline !== undefined) out.byline = article.byline
  if (article.source !== undefined) out.publisher = article.source
  if (article.url !== undefined) out.url = article.url
  if (article.publishedAt !== undefined) out.published = article.publishedAt
  out.added = article.addedAt
  out.updated = article.updatedAt
  if (article.language !== undefined) out.language = article.language
  if (article.excerpt !== undefined) out.excerpt = article.excerpt
  out.tags = article.tags
  out.sourceFormat = article.format
  if (article.fileName !== undefined) out.fileName = article.fileName
  out.wordCount = article.wordCount
  out.readingMinutes = article.readingMinutes
  out.contentHash = article.contentHash
  if (article.edited !== undefined) out.edited = article.edited
  if (article.deletedAt !== undefined) out.deleted = article.deletedAt
  if (article.blocks !== undefined) out.blocks = article.blocks
  return out
}

/** The inverse of articleToWeb, on unchecked input: the result is validated by the share schema. */
export function articleFromWeb(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null) return raw
  const web = raw as Record<string, unknown>
  const id = typeof web.id === 'string' && web.id.startsWith(ARTICLE_IRI) ? web.id.slice(ARTICLE_IRI.length) : web.id
  const pairs: [string, unknown][] = [
    ['id', id],
    ['title', web.title],
    ['byline', web.byline],
    ['source', web.publisher],
    ['url', web.url],
    ['publishedAt', web.published],
    ['addedAt', web.added],
    ['updatedAt', web.updated],
    ['language', web.language],
    ['excerpt', web.excerpt],
    ['tags', web.tags],
    ['format', web.sourceFormat],
    ['fileName', web.fileName],
    ['wordCount', web.wordCount],
    ['readingMinutes', web.readingMinutes],
    ['contentHash', web.contentHash],
    ['edited', web.edited],
    ['deletedAt', web.deleted],
    ['blocks', web.blocks],
  ]
  return Object.fromEntries(pairs.filter(([, value]) => value !== undefined))
}

export async function exportJson(selection: NotesSelection, options: ExportOptions): Promise<ExportFile> {
  const index = indexSelection(selection)
  const items: Record<string, unknown>[] = []
  const articles: ExportArticle[] = []
  const seenLinks = new Set<string>()
  const byId = new Map(index.articles.map((article) => [article.id, article]))
  const info: ArticleInfo = (id) => byId.get(id)
  await forEachArticle(index, options, (article) => {
    articles.push(article)
    for (const annotation of index.annotationsOf(article.id)) items.push(annotationToWeb(annotation, info))
    for (const link of index.linksOf(article.id)) {
      if (seenLinks.has(link.id)) continue
      seenLinks.add(link.id)
      items.push(linkToWeb(link, info))
    }
  })
  // Articles outside the selection that links reach: named so a reader can say what is missing.
  const outside = new Map<string, string>()
  for (const link of selection.links.filter((l) => seenLinks.has(l.id))) {
    for (const end of [link.from, link.to]) {
      if (!index.isSelected(end.articleId)) outside.set(end.articleId, index.titleOf(end.articleId))
    }
  }
  const id = `urn:dossier:export:${options.exportedAt}`
  const page = `${id}:page:1`
  const collection = {
    '@context': [ANNO_CONTEXT, DOSSIER_CONTEXT],
    id,
    type: 'AnnotationCollection',
    label: `Dossier notes (${articles.length} articles)`,
    formatVersion: SHARE_FORMAT_VERSION,
    generator: { id: GENERATOR_IRI, type: 'Software', name: 'Dossier', softwareVersion: options.appVersion },
    generated: options.exportedAt,
    total: items.length,
    first: { id: page, type: 'AnnotationPage', partOf: id, startIndex: 0, items },
    last: page,
    articles: articles.map(articleToWeb),
    ...(outside.size > 0 ? { referencedArticles: [...outside].map(([ref, title]) => ({ id: ARTICLE_IRI + ref, title })) } : {}),
  }
  return { name: 'dossier-notes.json', data: JSON.stringify(collection, null, 2) }
}
