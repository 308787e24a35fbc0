// Assembles the DossierApi from the archive and its parts. Both shells (Electron
// IPC and the HTTP transport) and the CLI serve exactly this object.

import { apiMethods, type DossierApi } from '../../shared/api'
import { Archive } from '../core/archive/archive'
import { EventBus } from './events'
import { createLibraryApi } from './library'
import { ArticleLifecycle } from './lifecycle'
import { addWelcomeArticle } from './welcome'

export interface DossierService {
  api: DossierApi
  events: EventBus
  archive: Archive
  /** What was found wrong at open and how it was recovered, for the user. */
  notices: string[]
  lifecycle: ArticleLifecycle
  close(): Promise<void>
}

export async function openService(dir: string): Promise<DossierService> {
  const archive = await Archive.open(dir)
  const events = new EventBus()
  const notices = [...archive.notices]
  await addWelcomeArticle(archive)
  const lifecycle = new ArticleLifecycle()
  /** Run in order at close: each feature that holds files open adds one. */
  const closers: (() => Promise<void> | void)[] = []
  // Each feature adds its methods here, subscribes to the lifecycle and adds a closer.
  const api: DossierApi = {
    ...createLibraryApi(archive, events, lifecycle),
  }
  for (const method of apiMethods) {
    if (typeof api[method] !== 'function') throw new Error(`DossierApi method ${method} has no implementation`)
  }
  for (const message of notices) events.emit('notice', { level: 'warning', message })
  return {
    api,
    events,
    archive,
    notices,
    lifecycle,
    close: async () => {
      for (const closeFeature of closers) await closeFeature()
      await archive.flushCatalog()
    },
  }
}
