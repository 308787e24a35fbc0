// The one contract between the UI and the archive. Preload, IPC registration,
// the HTTP transport and the renderer's client are all derived from apiMethods.

import type { LibraryApi } from './library'
import { libraryMethods } from './library'

export type * from './library'

export interface DossierApi extends LibraryApi {}

export const apiMethods = [...libraryMethods] as const

export type ApiMethod = (typeof apiMethods)[number]

/** IPC channel of a method; the main process answers only these. */
export const ipcChannel = (method: ApiMethod): string => `dossier:${method}`

/** What the renderer sees as window.dossier (Electron) or builds over HTTP (browser mode). */
export interface DossierBridge extends DossierApi {
  onEvent(listener: (event: import('../events').DossierEvent) => void): () => void
}
