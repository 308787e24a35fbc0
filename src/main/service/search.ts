// The search API on the search engine: opens the index saved in the archive's
// index/ folder, keeps it in step with the archive through the article life
// cycle and notes-changed events, and tells the UI how indexing is going.

import { rename, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { FacetCount, SearchApi, SearchFacets } from '../../shared/api/search'
import type { Annotation } from '../../shared/notes'
import {
  SEARCH_MAX_HITS,
  SEARCH_MAX_LIMIT,
  SEARCH_MAX_QUERY_LENGTH,
  type SearchIndexStatus,
  type SearchRequest,
} from '../../shared/search'
import type { Archive } from '../core/archive/archive'
import { defaultWorkerLocation, SearchEngine, stampOf, type SearchEngineOptions, type SearchSource, type WorkerLocation } from '../core/search'
import { defineApi, type ArgSchemas } from './define'
import type { EventBus } from './events'
import type { ArticleLifecycle } from './lifecycle'
import { idSchema } from './schemas'

/** YYYY, YYYY-MM, YYYY-MM-DD or a full ISO timestamp: compared as strings by the engine. */
const isoDate = z.string().max(40).regex(/^\d{4}(-\d{2}(-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?)?)?$/, 'not an ISO date')
const facetValues = z.array(z.string().min(1).max(300)).max(50)

export const searchRequestSchema: z.ZodType<SearchRequest> = z
  .object({
    query: z.string().max(SEARCH_MAX_QUERY_LENGTH, `query longer than ${SEARCH_MAX_QUERY_LENGTH} characters`),
    limit: z.number().int().min(1).max(SEARCH_MAX_LIMIT).optional(),
    hitsPerArticle: z.number().int().min(1).max(SEARCH_MAX_HITS).optional(),
    filters: z
      .object({
        source: facetValues.optional(),
        tags: facetValues.optional(),
        publishedFrom: isoDate.optional(),
        publishedTo: isoDate.optional(),
        addedFrom: isoDate.optional(),
        addedTo: isoDate.optional(),
        hasAnnotations: z.boolean().optional(),
        articleId: idSchema.optional(),
      })
      .strict()
      .optional(),
    sort: z.enum(['relevance', 'newest', 'oldest']).optional(),
  })
  .strict()

const searchSchemas: ArgSchemas<SearchApi> = {
  search: z.tuple([searchRequestSchema]),
  searchStatus: z.tuple([]),
  searchFacets: z.tuple([]),
}

export interface SearchDeps {
  /** The archive folder; the index lives in its index/ subfolder. */
  dir: string
  archive: Archive
  events: EventBus
  lifecycle: ArticleLifecycle
  /** An article's annotations, indexed with it so notes are searchable. Without it, none are. */
  annotations?: (articleId: string) => Annotation[]
  /** Where the search worker runs: see searchWorkerLocation; false keeps it in this thread (tests). */
  worker?: boolean | WorkerLocation
  flushDelayMs?: number
}

export interface OpenedSearch {
  api: SearchApi
  engine: SearchEngine
  /** Problems found at open (a damaged index moved aside, say). */
  notices: string[]
  close(): Promise<void>
}

/**
 * From source (tsx, vitest) the engine loads worker.ts through tsx; a build
 * bundles this file into out/main/, beside the search-worker.js entry that
 * electron.vite.config.ts adds.
 */
export function searchWorkerLocation(moduleUrl: string = import.meta.url): WorkerLocation {
  return moduleUrl.endsWith('.ts') ? defaultWorkerLocation() : { url: new URL('./search-worker.js', moduleUrl) }
}

/** Counts articles per value, case-insensitively (the engine filters that way), each article once. */
function countFacet(perArticle: readonly (readonly string[])[]): FacetCount[] {
  const counts = new Map<string, FacetCount>()
  for (const values of perArticle) {
    const seen = new Set<string>()
    for (const value of values) {
      const key = value.trim().toLowerCase()
      if (key === '' || seen.has(key)) continue
      seen.add(key)
      const entry = counts.get(key) ?? { value: value.trim(), count: 0 }
      entry.count++
      counts.set(key, entry)
    }
  }
  return [...counts.values()].sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
}

const isNotFolder = (path: string) => stat(path).then((s) => !s.isDirectory(), () => false)

/**
 * Opening never fails for a reason the user cannot fix: a file in the index
 * folder's place is moved aside (and the index rebuilt), and a worker that
 * cannot start leaves search in this thread, slower but working.
 */
async function openEngine(indexDir: string, source: SearchSource, options: SearchEngineOptions, notices: string[]): Promise<SearchEngine> {
  try {
    return await SearchEngine.open(indexDir, source, options)
  } catch (error) {
    const reason = (error as Error).message
    if (await isNotFolder(indexDir)) {
      await rename(indexDir, `${indexDir}.damaged-${Date.now()}`)
      notices.push(`The search index could not be opened (${reason}); it was moved aside and is being rebuilt.`)
      return openEngine(indexDir, source, options, notices)
    }
    if (options.worker === false) throw error
    notices.push(`Search could not start its background worker (${reason}); it runs in the main thread instead.`)
    return SearchEngine.open(indexDir, source, { ...options, worker: false })
  }
}

export async function openSearch(deps: SearchDeps): Promise<OpenedSearch> {
  const { archive, events, lifecycle } = deps
  const annotationsOf = (id: string) => deps.annotations?.(id) ?? []
  const searchable = (id: string) => archive.has(id) && !archive.meta(id).deletedAt
  const source: SearchSource = {
    listArticles: async () => archive.list().map((meta) => ({ id: meta.id, stamp: stampOf(meta, annotationsOf(meta.id)) })),
    loadArticle: async (id) => {
      if (!searchable(id)) return undefined
      try {
        return { article: await archive.get(id), annotations: annotationsOf(id) }
      } catch {
        return undefined // a missing body is reported by the archive; search skips it
      }
    },
  }
  const notices: string[] = []
  const indexDir = join(deps.dir, 'index')
  const options = {
    worker: deps.worker ?? searchWorkerLocation(),
    ...(deps.flushDelayMs === undefined ? {} : { flushDelayMs: deps.flushDelayMs }),
    onStatus: (status: SearchIndexStatus) => events.emit('search-status', status),
    onProblem: (message: string) => {
      const text = `The search index had a problem and is being rebuilt (${message}).`
      notices.push(text)
      events.emit('notice', { level: 'warning', message: text })
    },
  }
  const engine = await openEngine(indexDir, source, options, notices)

  const reindex = async (id: string) => {
    if (!searchable(id)) return engine.remove(id)
    const loaded = await source.loadArticle(id)
    if (loaded) await engine.upsert(loaded.article, loaded.annotations)
  }
  const report = (error: unknown) => options.onProblem(`indexing: ${(error as Error).message}`)
  lifecycle.subscribe({
    added: async (ids) => {
      const items = []
      for (const id of ids) {
        const loaded = await source.loadArticle(id)
        if (loaded) items.push(loaded)
      }
      if (items.length > 0) await engine.upsertMany(items).catch(report)
    },
    replaced: (id) => reindex(id).catch(report),
    updated: (id) => reindex(id).catch(report),
    restored: (id) => reindex(id).catch(report),
    trashed: (id) => engine.remove(id).catch(report),
    purged: (id) => engine.remove(id).catch(report),
  })
  // Annotation notes are indexed with their article, so a new note is findable at once.
  const unsubscribe = events.subscribe((event) => {
    if (event.type !== 'notes-changed' || deps.annotations === undefined) return
    for (const id of event.payload.articleIds) void reindex(id).catch(report)
  })

  const facets = (): SearchFacets => {
    const articles = archive.list()
    return {
      sources: countFacet(articles.map((a) => (a.source ? [a.source] : []))),
      tags: countFacet(articles.map((a) => a.tags)),
    }
  }

  const api = defineApi<SearchApi>(searchSchemas, {
    search: (request) => engine.search(request),
    searchStatus: () => engine.status(),
    searchFacets: facets,
  })
  return {
    api,
    engine,
    notices,
    close: async () => {
      unsubscribe()
      await engine.close()
    },
  }
}
