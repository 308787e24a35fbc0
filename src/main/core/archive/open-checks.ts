// Checks made when an archive opens: what a crash left behind, and what is gone.

import { readdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { ArticleMeta } from '../../../shared/types'

/** Temp files of writeFileDurably (".<name>.<hex>.tmp") left by a write cut short. */
const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/

export async function removeTempFiles(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[])
  await Promise.all(names.filter((name) => TEMP_FILE.test(name)).map((name) => rm(join(dir, name), { force: true })))
}

/** One listing of articles/ finds catalog entries whose text is gone, so open can say so. */
export async function missingBodies(dir: string, articles: ArticleMeta[]): Promise<string[]> {
  const present = new Set(await readdir(join(dir, 'articles')).catch(() => [] as string[]))
  const lost = articles.filter((meta) => !present.has(`${meta.id}.json`))
  if (lost.length === 0) return []
  const titles = lost.slice(0, 5).map((meta) => `“${meta.title}”`).join(', ')
  return [`The text of ${lost.length} article${lost.length === 1 ? ' is' : 's are'} missing from the archive: ${titles}${lost.length > 5 ? ' and more' : ''}`]
}
