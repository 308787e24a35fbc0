// Writes a merge plan into a closed archive folder, all or nothing. Every file
// the merge will touch is copied into `.merge-rollback/` first and a journal is
// written last; then bodies, notes buckets and finally the catalog are replaced.
// On a failure the copies are put back; after a crash, recoverInterruptedMerge
// (run before the archive opens) does the same. The journal is removed only once
// every file is in place, so the archive holds the whole merge or none of it.

import { mkdir, readFile, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import type { Annotation, PassageLink } from '../../../shared/notes'
import { DossierFailure } from '../../../shared/result'
import { ARCHIVE_FORMAT, catalogSchema, type Catalog } from '../archive/schema'
import { bucketOf } from '../notes/buckets'
import { NOTES_FORMAT, annotationSchema, passageLinkSchema, type Shard } from '../notes/schema'
import { writeFileDurably } from '../store/durable-file'
import { ioFailure } from '../store/io-failure'
import type { MergePlan } from './plan-merge'

export const ROLLBACK_DIR = '.merge-rollback'
const JOURNAL = 'journal.json'

export interface ApplyOptions {
  /** Called before each archive file is replaced; a test throws here to prove the rollback. */
  beforeWrite?: (relativePath: string) => void | Promise<void>
}

/** Where the annotations and links already held are filed: item id → article id. */
export interface HeldNotes {
  annotations: Map<string, string>
  links: Map<string, string>
}

interface JournalEntry {
  path: string
  existed: boolean
}

const missing = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT'

async function readOptional(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path)
  } catch (error) {
    if (missing(error)) return undefined
    throw error
  }
}

async function readShard<T>(dir: string, path: string): Promise<Shard<T>> {
  const bytes = await readOptional(join(dir, path))
  if (bytes === undefined) return { format: NOTES_FORMAT, items: [] }
  const shard = JSON.parse(bytes.toString('utf8')) as Shard<T>
  if (shard.format !== NOTES_FORMAT || !Array.isArray(shard.items)) {
    throw new DossierFailure('damaged', `${path} is not a notes file this Dossier reads; nothing was merged`)
  }
  return shard
}

/** Adds or replaces items by id, removing a replaced item from the bucket it was filed in before. */
async function shardWrites<T extends { id: string }>(
  dir: string,
  kind: 'annotations' | 'links',
  items: T[],
  articleOf: (item: T) => string,
  heldArticleOf: Map<string, string>,
): Promise<Map<string, string>> {
  const shards = new Map<string, Shard<T>>()
  const shard = async (bucket: string): Promise<Shard<T>> => {
    let found = shards.get(bucket)
    if (found === undefined) shards.set(bucket, (found = await readShard<T>(dir, `notes/${kind}/${bucket}.json`)))
    return found
  }
  for (const item of items) {
    const before = heldArticleOf.get(item.id)
    if (before !== undefined) {
      const old = await shard(bucketOf(before))
      old.items = old.items.filter((held) => held.id !== item.id)
    }
    const target = await shard(bucketOf(articleOf(item)))
    target.items.push(item)
  }
  return new Map([...shards].map(([bucket, data]) => [`notes/${kind}/${bucket}.json`, JSON.stringify(data)]))
}

/** Every file the plan changes, by archive-relative path, with its new content; the catalog comes last. */
async function plannedWrites(dir: string, plan: MergePlan, held: HeldNotes): Promise<Map<string, string>> {
  const writes = new Map<string, string>()
  for (const article of plan.addArticles) {
    writes.set(`articles/${article.id}.json`, JSON.stringify({ format: ARCHIVE_FORMAT, id: article.id, blocks: article.blocks }))
  }
  const annotations = await shardWrites<Annotation>(
    dir,
    'annotations',
    [...plan.replaceAnnotations, ...plan.addAnnotations].map((a) => annotationSchema.parse(a)),
    (a) => a.target.articleId,
    held.annotations,
  )
  const links = await shardWrites<PassageLink>(
    dir,
    'links',
    [...plan.replaceLinks, ...plan.addLinks].map((l) => passageLinkSchema.parse(l)),
    (l) => l.from.articleId,
    held.links,
  )
  for (const [path, data] of [...annotations, ...links]) writes.set(path, data)
  if (plan.addArticles.length > 0) {
    const bytes = await readOptional(join(dir, 'catalog.json'))
    const catalog: Catalog = bytes === undefined ? { format: ARCHIVE_FORMAT, articles: [] } : catalogSchema.parse(JSON.parse(bytes.toString('utf8')))
    catalog.articles.push(...plan.addArticles.map(({ blocks: _blocks, ...meta }) => meta))
    writes.set('catalog.json', JSON.stringify(catalog))
  }
  return writes
}

/** Puts back every journaled file and removes the journal; safe to run twice. */
async function rollBack(dir: string): Promise<void> {
  const rollback = join(dir, ROLLBACK_DIR)
  const journal = await readOptional(join(rollback, JOURNAL))
  if (journal !== undefined) {
    const entries = JSON.parse(journal.toString('utf8')) as JournalEntry[]
    for (const [index, entry] of entries.entries()) {
      const original = join(rollback, `${index}`)
      if (entry.existed) await writeFileDurably(join(dir, entry.path), await readFile(original))
      else await rm(join(dir, entry.path), { force: true })
    }
  }
  await rm(rollback, { recursive: true, force: true })
}

/**
 * Applies the plan to the files of the archive in `dir`, which nothing may hold
 * open. Throws after putting every file back.
 */
export async function applyMergeToFolder(
  dir: string,
  plan: MergePlan,
  held: HeldNotes,
  options: ApplyOptions = {},
): Promise<void> {
  await recoverInterruptedMerge(dir)
  const writes = await plannedWrites(dir, plan, held).catch((error: unknown) => {
    throw error instanceof DossierFailure ? error : new DossierFailure('io-error', `The archive's files could not be read, so nothing was merged: ${(error as Error).message}`)
  })
  if (writes.size === 0) return
  const rollback = join(dir, ROLLBACK_DIR)
  await mkdir(rollback, { recursive: true })
  const entries: JournalEntry[] = []
  for (const path of writes.keys()) {
    const original = await readOptional(join(dir, path))
    if (original !== undefined) await writeFileDurably(join(rollback, `${entries.length}`), original)
    entries.push({ path, existed: original !== undefined })
  }
  // Written last: a rollback folder without a journal means no archive file was touched yet.
  await writeFileDurably(join(rollback, JOURNAL), JSON.stringify(entries))
  try {
    for (const [path, data] of writes) {
      await options.beforeWrite?.(path)
      await writeFileDurably(join(dir, path), data)
    }
  } catch (error) {
    await rollBack(dir)
    if (error instanceof DossierFailure) throw error
    throw ioFailure('The merge could not be written, so nothing was merged', error)
  }
  await rm(rollback, { recursive: true, force: true })
}

/** Run before an archive opens: undoes a merge a crash cut short. True when there was one. */
export async function recoverInterruptedMerge(dir: string): Promise<boolean> {
  const present = await stat(join(dir, ROLLBACK_DIR)).then(
    () => true,
    () => false,
  )
  if (present) await rollBack(dir)
  return present
}
