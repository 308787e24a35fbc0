// One wording for the disk refusing a write, wherever it happens, so the user
// reads the same clear reason (full, or not writable) and not an errno.

import { DossierFailure } from '../../../shared/result'

/** The plain reason for a refused write, or undefined when the error is not one. */
export function diskRefusal(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code
  if (code === 'ENOSPC' || code === 'EDQUOT') return 'the disk is full. Free some space and try again'
  if (code === 'EROFS' || code === 'EACCES' || code === 'EPERM') return 'the archive folder cannot be written (read-only or no permission)'
  return undefined
}

/** An io-error saying what could not be done and why, e.g. "Could not save the notes of …: the disk is full. …". */
export function ioFailure(doing: string, error: unknown): DossierFailure {
  const refusal = diskRefusal(error)
  return new DossierFailure('io-error', refusal !== undefined ? `${doing}: ${refusal}.` : `${doing}: ${(error as Error).message}`)
}
