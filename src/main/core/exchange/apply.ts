// Writes a merge plan into a closed archive folder, all or nothing. Every file
// the merge will touch is copied into a rollback folder first and a journal is
// written last; then bodies, notes buckets and finally the catalog are replaced.
// On a failure the copies are put back; after a crash, recoverInterruptedMerge
// (run before the archive opens) does the same. Only once every file is in
// place is the rollback folder renamed away, in one step, and then removed, so
// the archive holds the whole merge or none of it.
//
// The rollback folder sits beside the archive, not in it: a backup restores
// only what is inside, so no file from outside can pose as this journal. Each
// entry is still checked against the files a merge writes before it is used.

import { mkdir, readFile, rename, rm } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { z } from 'zod'
import { isSafeId } from '../../../shared/ids'
import type { Annotation, PassageLink } from '../../../shared/notes'
import { DossierFailure } from '../../../shared/result'
import { ARCHIVE_FORMAT, catalogSchema, type Catalog } from '../archive/schema'
import { bucketOf } from '../notes/buckets'
import { NOTES_FORMAT, annotationSchema, passageLinkSchema, type Shard } from '../notes/schema'
import { BUCKET_NAME } from '../notes/buckets'
import { fsyncDir, writeFileDurably } from '../store/durable-file'
import { resolveInside } from '../store/inside'
import { exists } from '../store/json-store'
import { ioFailure } from '../store/io-failure'
import type { MergePlan } from './plan-merge'

/** Where merges before this design kept their journal, inside the archive (and so inside backups). */
export const LEGACY_ROLLBACK_DIR = '.merge-rollback'
const JOURNAL = 'journal.json'

/** The rollback folder of the archive in `dir`: `.<name>.merge-rollback` beside it. */
export function rollbackDirOf(dir: string): string {
  return join(dirname(dir), `.${basename(dir)}.merge-rollback`)
}

/** Exactly the files plannedWrites produces; nothing else may be restored or removed from a journal. */
function isMergeWrite(path: string): boolean {
  if (path === 'catalog.json') return true
  const article = /^articles\/(.+)\.json$/.exec(path)
  if (article) return isSafeId(article[1])
  const shard = /^notes\/(annotations|links)\/(.+)\.json$/.exec(path)
  return shard !== null && BUCKET_NAME.test(shard[2]!)
}

const journalSchema = z
  .array(z.object({ path: z.string().refine(isMergeWrite, 'not a file a merge writes'), existed: z.boolean() }).strict())
  .max(10_000_000)

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
  const bytes = await readOptional(resolveInside(dir, path))
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
    const bytes = await readOptional(resolveInside(dir, 'catalog.json'))
    const catalog: Catalog = bytes === undefined ? { format: ARCHIVE_FORMAT, articles: [] } : catalogSchema.parse(JSON.parse(bytes.toString('utf8')))
    catalog.articles.push(...plan.addArticles.map(({ blocks: _blocks, ...meta }) => meta))
    writes.set('catalog.json', JSON.stringify(catalog))
  }
  return writes
}

/** The journal's entries, or a failure when it is not one a merge wrote: then nothing in it is used. */
function readJournal(bytes: Buffer): JournalEntry[] {
  try {
    return journalSchema.parse(JSON.parse(bytes.toString('utf8')))
  } catch (error) {
    const issue = (error as z.ZodError).issues?.[0]?.message ?? (error as Error).message
    throw new DossierFailure('damaged', `An interrupted merge left a journal Dossier cannot trust (${issue.slice(0, 200)}); nothing was undone from it`)
  }
}

/**
 * Where a rollback folder goes once its merge is whole or undone, to be removed:
 * renaming it is one atomic step, where a recursive removal takes the files in
 * no set order, and a crash part-way could leave the journal without its copies.
 */
const doneDirOf = (rollback: string): string => `${rollback}.done`

async function removeRollback(rollback: string): Promise<void> {
  const done = doneDirOf(rollback)
  await rm(done, { recursive: true, force: true })
  try {
    await rename(rollback, done)
  } catch (error) {
    if (missing(error)) return
    throw error
  }
  await fsyncDir(dirname(rollback))
  await rm(done, { recursive: true, force: true })
}

/** Puts back every journaled file and removes the journal; safe to run twice. */
async function rollBack(dir: string): Promise<void> {
  const rollback = rollbackDirOf(dir)
  const journal = await readOptional(join(rollback, JOURNAL))
  if (journal !== undefined) {
    const entries = readJournal(journal)
    for (const [index, entry] of entries.entries()) {
      const target = resolveInside(dir, entry.path)
      if (entry.existed) await writeFileDurably(target, await readFile(join(rollback, `${index}`)))
      else await rm(target, { force: true })
    }
  }
  await removeRollback(rollback)
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
  const rollback = rollbackDirOf(dir)
  await mkdir(rollback, { recursive: true })
  const entries: JournalEntry[] = []
  for (const path of writes.keys()) {
    if (!isMergeWrite(path)) throw new DossierFailure('internal', `A merge may not write ${path.slice(0, 200)}`)
    const original = await readOptional(resolveInside(dir, path))
    if (original !== undefined) await writeFileDurably(join(rollback, `${entries.length}`), original)
    entries.push({ path, existed: original !== undefined })
  }
  // Written last: a rollback folder without a journal means no archive file was touched yet.
  await writeFileDurably(join(rollback, JOURNAL), JSON.stringify(entries))
  try {
    for (const [path, data] of writes) {
      await options.beforeWrite?.(path)
      await writeFileDurably(resolveInside(dir, path), data)
    }
  } catch (error) {
    await rollBack(dir)
    if (error instanceof DossierFailure) throw error
    throw ioFailure('The merge could not be written, so nothing was merged', error)
  }
  // The merge is whole from the moment the rollback folder is renamed away.
  await removeRollback(rollback)
}


/**
 * Run before an archive opens: undoes a merge a crash cut short. True when there
 * was one. A rollback folder inside the archive is never trusted (it may have
 * come in with a restored backup or a copied folder): it is removed unread; so
 * is one renamed as done, whose merge was whole. The service runs it through
 * recoverInterruptedWork (recover.ts), after a restore cut short is finished.
 */
export async function recoverInterruptedMerge(dir: string): Promise<boolean> {
  await rm(join(dir, LEGACY_ROLLBACK_DIR), { recursive: true, force: true })
  await rm(doneDirOf(rollbackDirOf(dir)), { recursive: true, force: true })
  const present = await exists(rollbackDirOf(dir))
  if (present) await rollBack(dir)
  return present
}
