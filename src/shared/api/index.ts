// The one contract between the UI and the archive. Preload, IPC registration,
// the HTTP transport and the renderer's client are all derived from apiMethods.

import type { LibraryApi } from './library'
import { libraryMethods } from './library'

export type * from './library'

export interface DossierApi extends LibraryApi {}

export const apiMethods = [...libraryMethods] as const

export type ApiMethod = (typeof apiMethods)[number]
