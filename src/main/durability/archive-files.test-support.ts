// The archive's files with a hash of each, to prove a refused write changed none.

import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join } from 'node:path'

/**
 * Every file under `root` by path, with its SHA-256. Notes backups and the
 * search index are left out: they are written in the background on their own
 * schedule. `alsoSkip` names more top-level entries to leave out.
 */
export async function archiveFiles(root: string, alsoSkip: string[] = []): Promise<Map<string, string>> {
  const skipped = ['backups', 'index', ...alsoSkip].map((name) => join(root, name))
  const files = new Map<string, string>()
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const path = join(entry.parentPath, entry.name)
    if (skipped.some((skip) => path === skip || path.startsWith(skip + '/'))) continue
    files.set(path.slice(root.length), createHash('sha256').update(await readFile(path)).digest('hex'))
  }
  return files
}
