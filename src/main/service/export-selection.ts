// Turns an export scope (an article, a set, a tag, everything) into the one
// selection shape every exporter reads. Articles carry their text so a JSON
// export can be merged into an archive that lacks them.

import type { ExportScope } from '../../shared/api/exchange'
import type { Annotation, PassageLink } from '../../shared/notes'
import { DossierFailure } from '../../shared/result'
import type { ArticleMeta } from '../../shared/types'
import type { Archive } from '../core/archive/archive'
import type { NotesSelection } from '../core/export'

/** What the exporter needs from the notes store (NotesStore satisfies it). */
export interface NotesSource {
  listAllAnnotations(): Annotation[]
  listAllLinks(): (PassageLink & { broken?: boolean })[]
}

function scopedArticles(archive: Archive, notes: Annotation[], scope: ExportScope): { articles: ArticleMeta[]; annotations: Annotation[] } {
  const library = archive.list()
  if ('all' in scope) return { articles: library, annotations: notes }
  if ('articleId' in scope || 'articleIds' in scope) {
    const ids = 'articleId' in scope ? [scope.articleId] : [...new Set(scope.articleIds)]
    const missing = ids.find((id) => !archive.has(id))
    if (missing !== undefined) throw new DossierFailure('not-found', `No article with id ${missing}; nothing was exported`)
    return { articles: ids.map((id) => archive.meta(id)), annotations: notes }
  }
  // A tag selects articles tagged with it whole, and highlights tagged with it on other articles.
  const tag = scope.tag.trim().toLowerCase()
  const has = (tags: string[]) => tags.some((t) => t.toLowerCase() === tag)
  const tagged = new Set(library.filter((meta) => has(meta.tags)).map((meta) => meta.id))
  const annotations = notes.filter((a) => tagged.has(a.target.articleId) || has(a.tags))
  const ids = new Set([...tagged, ...annotations.map((a) => a.target.articleId)])
  const articles = library.filter((meta) => ids.has(meta.id))
  if (articles.length === 0) throw new DossierFailure('not-found', `Nothing is tagged “${scope.tag}”; nothing was exported`)
  return { articles, annotations }
}

export async function buildSelection(archive: Archive, notes: NotesSource, scope: ExportScope): Promise<NotesSelection> {
  const { articles, annotations } = scopedArticles(archive, notes.listAllAnnotations(), scope)
  const ids = new Set(articles.map((a) => a.id))
  const links = notes
    .listAllLinks()
    .filter((l) => ids.has(l.from.articleId) || ids.has(l.to.articleId))
    .map(({ broken: _broken, ...link }) => link)
  const articleTitles = new Map<string, string>()
  for (const link of links) {
    for (const end of [link.from, link.to]) {
      if (!ids.has(end.articleId) && archive.has(end.articleId)) articleTitles.set(end.articleId, archive.meta(end.articleId).title)
    }
  }
  const withText = []
  for (const meta of articles) withText.push({ ...meta, blocks: await archive.readBlocks(meta.id) })
  return {
    articles: withText,
    annotations: annotations.filter((a) => ids.has(a.target.articleId)),
    links,
    articleTitles,
  }
}
