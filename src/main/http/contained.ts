// A served file must really live where its path says: a symlink planted in the
// archive (or the renderer build) must not let a request read files elsewhere.

import { realpath } from 'node:fs/promises'
import { sep } from 'node:path'

/** The file's real path when it resolves inside `root` (itself resolved), else undefined. */
export async function realPathWithin(path: string, root: string): Promise<string | undefined> {
  const [real, realRoot] = await Promise.all([realpath(path).catch(() => undefined), realpath(root).catch(() => undefined)])
  if (!real || !realRoot) return undefined
  return real.startsWith(realRoot + sep) ? real : undefined
}
