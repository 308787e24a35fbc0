// The notes API on the notes store: reads each article's plain text itself so
// stored selectors always match the article, follows article life-cycle events
// (re-anchor on re-import, forget on purge) and tells the UI what changed.

import { anchorTarget } from '../../shared/anchoring'
import type { LinkEndRef, LinkEntry, NotesApi } from '../../shared/api/notes'
import { LINK_RELATIONS, type Annotation, type PassageLink } from '../../shared/notes'
import type { Archive } from '../core/archive/archive'
import type { LinkEndInput, LinkView, NotesStore } from '../core/notes'
import { defineApi } from './define'
import type { EventBus } from './events'
import type { ArticleLifecycle } from './lifecycle'
import { notesSchemas } from './notes-schemas'
import { PlainTexts } from './notes-texts'

export interface NotesDeps {
  /** The one NotesStore over the archive, shared with export and merge. */
  store: NotesStore
  archive: Archive
  events: EventBus
  lifecycle: ArticleLifecycle
}

export function createNotesApi({ store, archive, events, lifecycle }: NotesDeps): NotesApi {
  const texts = new PlainTexts(archive)
  const author = () => archive.preferences().userName
  const title = (id: string) => (archive.has(id) ? archive.meta(id).title : 'A deleted article')
  const changed = (...articleIds: string[]) => events.emit('notes-changed', { articleIds: [...new Set(articleIds)] })
  const linkArticles = (link: PassageLink) => [link.from.articleId, link.to.articleId]

  const orphaned = async (target: PassageLink['from']): Promise<boolean> => {
    const text = await texts.maybe(target.articleId)
    return text === undefined || anchorTarget(text, target).status === 'orphaned'
  }
  const trashed = (id: string) => archive.has(id) && Boolean(archive.meta(id).deletedAt)
  // The shared store counts a trashed article as existing; a link into the trash is broken all the same.
  const entry = async (link: LinkView): Promise<LinkEntry> => ({
    ...link,
    broken: [link.from.articleId, link.to.articleId].some((id) => !archive.has(id) || trashed(id)),
    fromTitle: title(link.from.articleId),
    toTitle: title(link.to.articleId),
    fromOrphaned: await orphaned(link.from),
    toOrphaned: await orphaned(link.to),
  })
  const endInput = async (end: LinkEndRef): Promise<LinkEndInput> =>
    'annotationId' in end ? end : { ...end, plainText: await texts.of(end.articleId) }
  const anchored = (text: string, annotation: Annotation) => ({ ...annotation, anchor: anchorTarget(text, annotation.target) })

  // Links touching an article change state (broken or mended) with it.
  const linkedArticles = (id: string) => {
    const { outgoing, incoming } = store.linksForArticle(id)
    return [id, ...[...outgoing, ...incoming].flatMap(linkArticles)]
  }
  lifecycle.subscribe({
    replaced: async (id) => {
      texts.forget(id)
      const report = await store.reanchorArticle(id, await texts.of(id))
      const lost = report.orphanedAnnotations.length + report.orphanedLinkEnds.length
      if (lost > 0) {
        const message = `${lost} note${lost === 1 ? '' : 's'} in “${title(id)}” could not be found in its new text; they are kept with their quotes.`
        events.emit('notice', { level: 'warning', message })
      }
      changed(...linkedArticles(id))
    },
    trashed: (id) => changed(...linkedArticles(id)),
    restored: (id) => changed(...linkedArticles(id)),
    purged: async (id) => {
      texts.forget(id)
      await store.purgeArticle(id)
      changed(...linkedArticles(id))
    },
  })

  return defineApi<NotesApi>(notesSchemas, {
    createAnnotation: async (articleId, input) => {
      const text = await texts.of(articleId)
      const created = await store.createAnnotation({ ...input, articleId, plainText: text, author: author() })
      changed(articleId)
      return anchored(text, created)
    },
    updateAnnotation: async (id, changes) => {
      const updated = await store.updateAnnotation(id, changes)
      changed(updated.target.articleId)
      return updated
    },
    deleteAnnotation: async (id) => {
      const deleted = await store.deleteAnnotation(id)
      changed(deleted.target.articleId)
      return deleted
    },
    restoreAnnotation: async (annotation) => {
      const restored = await store.restoreAnnotation(annotation)
      changed(restored.target.articleId)
      return restored
    },
    listAnnotations: async (articleId) => {
      const text = await texts.of(articleId)
      return store.listAnnotations(articleId).map((annotation) => anchored(text, annotation))
    },
    listAllAnnotations: (query) =>
      store.listAllAnnotations(query).map((annotation) => {
        const id = annotation.target.articleId
        return { ...annotation, articleTitle: title(id), articleTrashed: trashed(id) }
      }),
    createLink: async (input) => {
      const link = await store.createLink({
        from: await endInput(input.from),
        to: await endInput(input.to),
        relation: input.relation,
        ...(input.note === undefined ? {} : { note: input.note }),
        author: author(),
      })
      changed(...linkArticles(link))
      return entry(link)
    },
    updateLink: async (id, changes) => {
      const link = await store.updateLink(id, changes)
      changed(...linkArticles(link))
      return entry(link)
    },
    deleteLink: async (id) => {
      const link = await store.deleteLink(id)
      changed(...linkArticles(link))
      return link
    },
    restoreLink: async (link) => {
      const restored = await store.restoreLink(link)
      changed(...linkArticles(restored))
      return entry(restored)
    },
    linksForArticle: async (articleId) => {
      archive.meta(articleId)
      const { outgoing, incoming } = store.linksForArticle(articleId)
      return { outgoing: await Promise.all(outgoing.map(entry)), incoming: await Promise.all(incoming.map(entry)) }
    },
    listAllLinks: async (query) => Promise.all(store.listAllLinks(query).map(entry)),
    listNoteTags: () => {
      const counts = new Map<string, { tag: string; count: number }>()
      for (const annotation of store.listAllAnnotations()) {
        for (const tag of annotation.tags) {
          const key = tag.toLowerCase()
          const seen = counts.get(key) ?? { tag, count: 0 }
          counts.set(key, { tag: seen.tag, count: seen.count + 1 })
        }
      }
      return [...counts.values()].sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag))
    },
    listRelations: () => {
      const custom = new Set(store.listAllLinks().map((link) => link.relation))
      for (const builtIn of LINK_RELATIONS) custom.delete(builtIn)
      return [...LINK_RELATIONS, ...[...custom].sort((a, b) => a.localeCompare(b))]
    },
  })
}
