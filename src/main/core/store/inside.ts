// Every path built from data read out of a file (ids, journal entries, backup
// entries) is resolved here and must stay inside its root before anything is
// written or removed there.

import { isAbsolute, relative, resolve, sep } from 'node:path'
import { DossierFailure } from '../../../shared/result'

/** Why a `/`-separated relative path may not be used inside a folder, or undefined when it is safe. */
export function unsafePathReason(path: string): string | undefined {
  if (path === '') return 'it has an empty name'
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'it has an absolute path'
  if (path.includes('\\')) return 'it uses backslashes, which could climb out of the folder on Windows'
  if (path.includes('\0')) return 'its name holds a NUL character'
  const parts = path.split('/')
  if (parts.includes('..')) return 'it climbs out of the folder with ..'
  if (parts.slice(0, -1).includes('') || parts.includes('.')) return 'it has an empty or "." path segment'
  return undefined
}

/** The absolute path of `relativePath` under `root`; throws when it would leave root or is root itself. */
export function resolveInside(root: string, relativePath: string): string {
  const unsafe = relativePath.endsWith('/') ? 'it names a folder, not a file' : unsafePathReason(relativePath)
  if (unsafe !== undefined) throw new DossierFailure('damaged', `“${relativePath.slice(0, 200)}” is refused because ${unsafe}`)
  const base = resolve(root)
  const target = resolve(base, ...relativePath.split('/'))
  const rel = relative(base, target)
  if (rel === '' || rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel)) {
    throw new DossierFailure('damaged', `“${relativePath.slice(0, 200)}” would be outside the archive`)
  }
  return target
}
