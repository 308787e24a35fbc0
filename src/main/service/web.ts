// Fetch from the web: fetch one page on request, then import it through the same job as files
// (duplicate detection, atomic store, lifecycle 'added'), with the final URL as the article's url.
import { z } from 'zod'
import type { WebApi } from '../../shared/api/web'
import type { Archive } from '../core/archive/archive'
import { newId } from '../core/archive/archive'
import { DEFAULT_FETCH_LIMITS, fetchPage, type FetchLimits } from '../core/import/fetch-url'
import { defineApi, type ArgSchemas } from './define'
import type { EventBus } from './events'
import { ImportJobs } from './import-job'
import type { ArticleLifecycle } from './lifecycle'
import { idSchema } from './schemas'

const webSchemas: ArgSchemas<WebApi> = {
  importUrl: z.tuple([
    z.string().min(1).max(4096),
    z.object({ jobId: idSchema.optional(), duplicates: z.enum(['skip', 'update']).optional() }).strict().optional(),
  ]),
}

export interface WebService {
  api: WebApi
  /** True when a fetch with this job id was running and is now cancelled. */
  cancel(jobId: string): boolean
}

export function createWebApi(deps: { archive: Archive; events: EventBus; lifecycle: ArticleLifecycle; limits?: Partial<FetchLimits> }): WebService {
  const jobs = new ImportJobs(deps.archive, deps.events, {
    afterAdd: (ids) => deps.lifecycle.emit('added', ids),
    afterReplace: (id) => deps.lifecycle.emit('replaced', id),
  })
  const fetching = new Map<string, AbortController>()
  const api = defineApi<WebApi>(webSchemas, {
    importUrl: async (url, options) => {
      const jobId = options?.jobId ?? newId()
      const abort = new AbortController()
      fetching.set(jobId, abort)
      try {
        const page = await fetchPage(url, { ...DEFAULT_FETCH_LIMITS, ...deps.limits, signal: abort.signal })
        return await jobs.run([page.file], jobId, options?.duplicates, { url: page.url })
      } finally {
        fetching.delete(jobId)
      }
    },
  })
  return {
    api,
    cancel: (jobId) => {
      const abort = fetching.get(jobId)
      abort?.abort()
      return abort !== undefined || jobs.cancel(jobId)
    },
  }
}
