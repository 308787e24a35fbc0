// Errors cross the API as data, never as thrown strings.

export type ErrorCode =
  | 'invalid-argument'
  | 'not-found'
  | 'empty-file'
  | 'binary-file'
  | 'too-large'
  | 'unsupported-format'
  | 'duplicate'
  | 'parse-failed'
  | 'no-text'
  | 'encrypted'
  | 'cancelled'
  | 'conflict'
  | 'io-error'
  | 'damaged'
  | 'network'
  | 'archive-busy'
  | 'internal'

export interface DossierError {
  code: ErrorCode
  message: string
  /** The file the error is about, by name. */
  file?: string
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: DossierError }

export const ok = <T>(value: T): Result<T> => ({ ok: true, value })
export const fail = (code: ErrorCode, message: string, file?: string): Result<never> => ({
  ok: false,
  error: file === undefined ? { code, message } : { code, message, file },
})

/** A failure carried through core code as an exception, turned into a Result at the service. */
export class DossierFailure extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly file?: string,
  ) {
    super(message)
    this.name = 'DossierFailure'
  }
  toError(): DossierError {
    return this.file === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, file: this.file }
  }
}
