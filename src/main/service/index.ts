// Assembles the DossierApi from the archive and its parts. Both shells (Electron
// IPC and the HTTP transport) and the CLI serve exactly this object.

import { apiMethods, type DossierApi } from '../../shared/api'
import { Archive } from '../core/archive/archive'
import { EventBus } from './events'
import { createLibraryApi } from './library'
import { addWelcomeArticle } from './welcome'

export interface DossierService {
  api: DossierApi
  events: EventBus
  archive: Archive
  /** What was found wrong at open and how it was recovered, for the user. */
  notices: string[]
  close(): Promise<void>
}

export async function openService(dir: string): Promise<DossierService> {
  const archive = await Archive.open(dir)
  const events = new EventBus()
  const notices = [...archive.notices]
  await addWelcomeArticle(archive)
  const api: DossierApi = {
    ...createLibraryApi(archive, events),
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
    close: async () => {
      await archive.flushCatalog()
    },
  }
}
