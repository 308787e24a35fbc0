// Checks made when an archive opens: what a crash left behind, and what is gone.

import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import type { ArticleMeta } from '../../../shared/types'
import { stateSchema } from './schema'

/** One listing of articles/ finds catalog entries whose text is gone, so open can say so. */
export async function missingBodies(dir: string, articles: ArticleMeta[]): Promise<string[]> {
  const present = new Set(await readdir(join(dir, 'articles')).catch(() => [] as string[]))
  const lost = articles.filter((meta) => !present.has(`${meta.id}.json`))
  if (lost.length === 0) return []
  const titles = lost.slice(0, 5).map((meta) => `“${meta.title}”`).join(', ')
  return [`The text of ${lost.length} article${lost.length === 1 ? ' is' : 's are'} missing from the archive: ${titles}${lost.length > 5 ? ' and more' : ''}`]
}

/**
 * The fields of state.json that were absent and took their defaults (an older
 * or hand-edited file), so open can say which, rather than reset them silently.
 */
export function defaultedStateFields(data: unknown): string[] {
  if (data === null || typeof data !== 'object') return []
  const present = data as Record<string, unknown>
  return Object.entries(stateSchema.shape)
    .filter(([key, field]) => field instanceof z.ZodDefault && present[key] === undefined)
    .map(([key]) => key)
}

export function defaultedNotice(file: string, fields: string[]): string[] {
  if (fields.length === 0) return []
  const list = fields.length === 1 ? fields[0] : `${fields.slice(0, -1).join(', ')} and ${fields.at(-1)}`
  return [`${file} had no ${list}; ${fields.length === 1 ? 'its default was' : 'their defaults were'} used`]
}
