import { z } from 'zod'
import { safeWebLink } from '../../shared/links'
import type { LibraryApi } from '../../shared/api/library'
import { EDITABLE_FIELDS } from '../../shared/types'
import type { Archive } from '../core/archive/archive'
import { newId } from '../core/archive/archive'
import { defineApi, type ArgSchemas } from './define'
import type { EventBus } from './events'
import { ImportJobs } from './import-job'
import type { ArticleLifecycle } from './lifecycle'
import { filesSchema, idSchema, tagsSchema } from './schemas'
import { preferencesSchema } from '../core/archive/schema'

const text = (max: number) => z.string().max(max)

const librarySchemas: ArgSchemas<LibraryApi> = {
  listArticles: z.tuple([]),
  getArticle: z.tuple([idSchema]),
  importFiles: z.tuple([filesSchema, z.object({ jobId: idSchema.optional(), duplicates: z.enum(['skip', 'update']).optional() }).strict().optional()]),
  cancelJob: z.tuple([idSchema]),
  deleteArticle: z.tuple([idSchema]),
  restoreArticle: z.tuple([idSchema]),
  listTrash: z.tuple([]),
  purgeArticle: z.tuple([idSchema]),
  updateArticle: z.tuple([
    idSchema,
    z
      .object({
        title: text(500).optional(),
        byline: text(500).optional(),
        source: text(300).optional(),
        publishedAt: text(40).optional(),
        // The one link policy: a web address without user:pass@, control characters or an overlong tail.
        url: z.union([z.literal(''), z.string().refine((url) => safeWebLink(url) !== undefined, 'Expected a web address (http or https)')]).optional(),
        tags: tagsSchema.optional(),
      })
      .strict()
      .refine((patch) => Object.keys(patch).every((key) => (EDITABLE_FIELDS as readonly string[]).includes(key))),
  ]),
  getReadingPosition: z.tuple([idSchema]),
  setReadingPosition: z.tuple([idSchema, z.object({ blockId: text(64), fraction: z.number().min(0).max(1) }).strict()]),
  getPreferences: z.tuple([]),
  setPreferences: z.tuple([preferencesSchema.partial().strict()]),
  listNotices: z.tuple([]),
}

/** `notices` is read at each call, so notices other features add at open are included. */
export function createLibraryApi(archive: Archive, events: EventBus, lifecycle: ArticleLifecycle, notices: readonly string[] = archive.notices): LibraryApi {
  const jobs = new ImportJobs(archive, events, {
    afterAdd: (ids) => lifecycle.emit('added', ids),
    afterReplace: (id) => lifecycle.emit('replaced', id),
  })
  const changed = (id: string) => events.emit('archive-changed', { articleIds: [id] })
  return defineApi<LibraryApi>(librarySchemas, {
    listArticles: () => archive.list(),
    getArticle: (id) => archive.get(id),
    importFiles: (files, options) => jobs.run(files, options?.jobId ?? newId(), options?.duplicates),
    cancelJob: (jobId) => jobs.cancel(jobId),
    deleteArticle: async (id) => {
      const meta = await archive.trash(id)
      await lifecycle.emit('trashed', id)
      changed(id)
      return meta
    },
    restoreArticle: async (id) => {
      const meta = await archive.restore(id)
      await lifecycle.emit('restored', id)
      changed(id)
      return meta
    },
    listTrash: () => archive.listTrash(),
    purgeArticle: async (id) => {
      await archive.purge(id)
      await lifecycle.emit('purged', id)
      changed(id)
      return true
    },
    updateArticle: async (id, patch) => {
      const meta = await archive.update(id, patch)
      await lifecycle.emit('updated', id)
      changed(id)
      return meta
    },
    getReadingPosition: (id) => archive.readingPosition(id),
    setReadingPosition: (id, position) => archive.setReadingPosition(id, position),
    getPreferences: () => archive.preferences(),
    setPreferences: (patch) => archive.setPreferences(patch),
    listNotices: () => notices.map((message) => ({ level: 'warning' as const, message })),
  })
}
