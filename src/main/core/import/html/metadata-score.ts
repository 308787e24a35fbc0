// Scores the HTML importer's metadata against the labelled saved pages in ../fixtures/pages (expected.json):
// exact matches per field. Shared by the importer's test (which holds a floor) and the import-metadata bench.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { importDocument } from '../index'

export type Field = 'title' | 'byline' | 'source' | 'publishedAt'
export const FIELDS: Field[] = ['title', 'byline', 'source', 'publishedAt']
const DIR = fileURLToPath(new URL('../fixtures/pages/', import.meta.url))

export const labelledPages = (): Record<string, Record<Field, string | null>> => JSON.parse(readFileSync(join(DIR, 'expected.json'), 'utf8')) as Record<string, Record<Field, string | null>>

export async function scoreSavedPages(): Promise<{ counts: Record<Field, number>; total: number; misses: string[] }> {
  const expected = labelledPages()
  const counts: Record<Field, number> = { title: 0, byline: 0, source: 0, publishedAt: 0 }
  const misses: string[] = []
  for (const [name, want] of Object.entries(expected)) {
    const doc = await importDocument({ name, data: new Uint8Array(readFileSync(join(DIR, name))) })
    for (const field of FIELDS) {
      const got = doc[field] ?? null
      if (got === want[field]) counts[field]++
      else misses.push(`${name} ${field}: got ${JSON.stringify(got)}, want ${JSON.stringify(want[field])}`)
    }
  }
  return { counts, total: Object.keys(expected).length, misses }
}
