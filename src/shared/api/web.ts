// Fetch from the web: the one feature that goes on the network, and only when the user asks.

import type { Result } from '../result'
import { methodList } from './contract'
import type { ImportOutcome } from './library'

export interface ImportUrlOptions {
  /** Chosen by the caller so it can follow progress and cancel the fetch. */
  jobId?: string
  /** A page already in the archive: skip it (default) or update the stored article's text. */
  duplicates?: 'skip' | 'update'
}

export interface WebApi {
  /** Fetches one page (never its images), then imports it like a file; the article lives offline from then on. */
  importUrl(url: string, options?: ImportUrlOptions): Promise<Result<ImportOutcome>>
}

export const webMethods = methodList<WebApi>()(['importUrl'])
