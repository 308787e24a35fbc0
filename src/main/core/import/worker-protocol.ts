// Messages between the import pool and its worker thread.

import type { ImportFile } from '../../../shared/api/library'
import type { ErrorCode } from '../../../shared/result'
import type { ImportedDocument } from '../../../shared/types'

export interface ParseRequest {
  id: number
  file: ImportFile
  /** The folder the file sits in, within the dropped selection ("Page/" or ""). */
  dir: string
  /** Other files of the selection under that folder (a saved page's images), by normalised name. */
  siblings: Map<string, Uint8Array>
  url?: string
}

/** Sent once the worker has loaded its parsers, so a file's time limit does not count the start. */
export const READY = 'ready'

export type ParseReply =
  | { id: number; type: 'document'; doc: ImportedDocument }
  | { id: number; type: 'failure'; code: ErrorCode; message: string; file?: string }
