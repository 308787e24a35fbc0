// Notes in bucket files (`<kind>/<bucket>.json`, see buckets.ts), each a small
// lowdb file, so saving a note rewrites one file whatever the archive's size.
// Everything is read at open; a damaged file is kept aside and recovered from
// the newest good backup.

import { readdir, rename } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { DossierFailure } from '../../../shared/result'
import { ioFailure } from '../store/io-failure'
import { DurableJsonFile } from '../store/json-store'
import { isShardFileName, type NotesBackups } from './backups'
import { BUCKET_NAME, bucketOf } from './buckets'
import { isSafeId } from '../../../shared/ids'
import { NOTES_FORMAT, type Shard } from './schema'

export type ShardValidator<T> = (bucket: string) => (data: unknown) => Shard<T>

export class ShardSet<T extends { id: string }> {
  private readonly shards = new Map<string, Low<Shard<T>>>()

  private constructor(
    private readonly dir: string,
    private readonly validator: ShardValidator<T>,
    /** The article an item is filed under. */
    private readonly articleOf: (item: T) => string,
  ) {}

  /** Reads every bucket of `<notesDir>/<kind>`; notices say what was damaged and what was done. */
  static async load<T extends { id: string }>(
    notesDir: string,
    kind: string,
    validator: ShardValidator<T>,
    articleOf: (item: T) => string,
    backups: NotesBackups,
    now: () => Date,
  ): Promise<{ set: ShardSet<T>; notices: string[] }> {
    const set = new ShardSet<T>(join(notesDir, kind), validator, articleOf)
    const notices: string[] = []
    const entries = await readdir(set.dir, { withFileTypes: true }).catch(() => [])
    for (const entry of entries.filter((e) => isShardFileName(e.name))) {
      const name = entry.name
      if (!entry.isFile()) {
        notices.push(`${kind}/${name} is not a file and was left alone`)
        continue
      }
      const bucket = name.slice(0, -'.json'.length)
      if (!BUCKET_NAME.test(bucket)) {
        notices.push(`${kind}/${name} is not a notes file name and was left alone`)
        continue
      }
      const db = set.lowFor(bucket)
      try {
        await db.read()
      } catch (error) {
        if (!(error instanceof DossierFailure) || error.code !== 'damaged') throw error
        notices.push(await set.recover(bucket, kind, error.message, backups, now))
      }
    }
    return { set, notices }
  }

  private lowFor(bucket: string): Low<Shard<T>> {
    let db = this.shards.get(bucket)
    if (db === undefined) {
      const adapter = new DurableJsonFile<Shard<T>>(join(this.dir, `${bucket}.json`), this.validator(bucket))
      db = new Low(adapter, { format: NOTES_FORMAT, items: [] })
      this.shards.set(bucket, db)
    }
    return db
  }

  private async recover(bucket: string, kind: string, reason: string, backups: NotesBackups, now: () => Date): Promise<string> {
    const path = join(this.dir, `${bucket}.json`)
    const kept = `${bucket}.json.damaged-${now().toISOString().replace(/[:.]/g, '-')}`
    await rename(path, join(this.dir, kept))
    const db = this.lowFor(bucket)
    const good = await backups.findGood(`${kind}/${bucket}.json`, this.validator(bucket))
    const aside = `the damaged file was kept as ${kind}/${kept}`
    if (good === undefined) {
      db.data = { format: NOTES_FORMAT, items: [] }
      return `${reason}; ${aside}; no good backup held it, so the notes filed there start empty`
    }
    db.data = good.data
    await db.write()
    return `${reason}; ${aside}; restored from backup ${good.snapshot}`
  }

  /** One article's items, in stored order. */
  items(articleId: string): T[] {
    const bucket = this.shards.get(bucketOf(articleId))
    return bucket === undefined ? [] : bucket.data.items.filter((item) => this.articleOf(item) === articleId)
  }

  *all(): Generator<T> {
    for (const db of this.shards.values()) yield* db.data.items
  }

  /**
   * Replaces one article's items and writes its bucket file alone. When the
   * write fails the items are put back, so memory never claims what the disk lacks.
   */
  async commit(articleId: string, change: (items: T[]) => T[]): Promise<void> {
    if (!isSafeId(articleId)) throw new DossierFailure('invalid-argument', `"${articleId}" is not an article id`)
    const db = this.lowFor(bucketOf(articleId))
    const before = db.data
    const others = before.items.filter((item) => this.articleOf(item) !== articleId)
    const after: Shard<T> = { format: NOTES_FORMAT, items: [...others, ...change(this.items(articleId))] }
    db.data = after
    try {
      await db.write()
    } catch (error) {
      if (db.data === after) db.data = before
      throw ioFailure(`Nothing was changed: the notes of article ${articleId} could not be saved`, error)
    }
  }
}
