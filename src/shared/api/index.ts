// The one contract between the UI and the archive. Preload, IPC registration,
// the HTTP transport and the renderer's client are all derived from apiMethods.

import type { LibraryApi } from './library'
import { libraryMethods } from './library'
import type { ExchangeApi } from './exchange'
import { exchangeMethods } from './exchange'
import type { NotesApi } from './notes'
import { notesMethods } from './notes'
import type { SearchApi } from './search'
import { searchMethods } from './search'
import type { WebApi } from './web'
import { webMethods } from './web'

export type * from './library'
export type * from './exchange'
export type * from './notes'
export type * from './search'
export type * from './web'

export interface DossierApi extends LibraryApi, ExchangeApi, NotesApi, SearchApi, WebApi {}

export const apiMethods = [...libraryMethods, ...exchangeMethods, ...notesMethods, ...searchMethods, ...webMethods] as const

export type ApiMethod = (typeof apiMethods)[number]

/** IPC channel of a method; the main process answers only these. */
export const ipcChannel = (method: ApiMethod): string => `dossier:${method}`

/** What the renderer sees as window.dossier (Electron) or builds over HTTP (browser mode). */
export interface DossierBridge extends DossierApi {
  onEvent(listener: (event: import('../events').DossierEvent) => void): () => void
}
