// Events the service pushes to the UI (IPC in Electron, Server-Sent Events in browser mode).

import type { DossierError } from './result'
import type { SearchIndexStatus } from './search'

export type JobKind = 'import' | 'reindex' | 'export' | 'backup' | 'restore' | 'merge'

export interface JobProgress {
  jobId: string
  kind: JobKind
  state: 'running' | 'done' | 'cancelled' | 'failed'
  done: number
  total: number
  /** What is being worked on now, by name (a file name, never a path). */
  current?: string
  errors: DossierError[]
}

export interface DossierEventMap {
  /** Articles were added, changed or removed: lists should refresh. */
  'archive-changed': { articleIds: string[] }
  /** Annotations or links in these articles were added, changed or removed (both ends of a link). */
  'notes-changed': { articleIds: string[] }
  'job-progress': JobProgress
  /** Something found at start-up that the user should know (a damaged file recovered, say). */
  notice: { level: 'info' | 'warning' | 'error'; message: string }
  /** The search index's state changed (loading, rebuilding progress, ready). */
  'search-status': SearchIndexStatus
}

export type DossierEventName = keyof DossierEventMap
export type DossierEvent = {
  [K in DossierEventName]: { type: K; payload: DossierEventMap[K] }
}[DossierEventName]

export const EVENT_CHANNEL = 'dossier:event'
