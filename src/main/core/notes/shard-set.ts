// A folder of small lowdb files, one per article (`<kind>/<articleId>.json`),
// so saving a note rewrites only that article's file, whatever the archive's
// size. Everything is read at open; a damaged file is kept aside and recovered
// from the newest good backup.

import { readdir, rename, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { Low } from 'lowdb'
import { DossierFailure } from '../../../shared/result'
import { DurableJsonFile } from '../store/json-store'
import { isShardFileName, type NotesBackups } from './backups'
import { NOTES_FORMAT, SAFE_KEY, type Shard } from './schema'

export type ShardValidator<T> = (key: string) => (data: unknown) => Shard<T>

export class ShardSet<T extends { id: string }> {
  private readonly shards = new Map<string, Low<Shard<T>>>()

  private constructor(
    private readonly dir: string,
    private readonly validator: ShardValidator<T>,
  ) {}

  /** Reads every shard of `<notesDir>/<kind>`; notices say what was damaged and what was done. */
  static async load<T extends { id: string }>(
    notesDir: string,
    kind: string,
    validator: ShardValidator<T>,
    backups: NotesBackups,
    now: () => Date,
  ): Promise<{ set: ShardSet<T>; notices: string[] }> {
    const set = new ShardSet<T>(join(notesDir, kind), validator)
    const notices: string[] = []
    const names = await readdir(set.dir).catch(() => [] as string[])
    for (const name of names.filter(isShardFileName)) {
      const key = name.slice(0, -'.json'.length)
      if (!SAFE_KEY.test(key)) {
        notices.push(`${kind}/${name} is not a notes file name and was left alone`)
        continue
      }
      const db = set.lowFor(key)
      try {
        await db.read()
      } catch (error) {
        if (!(error instanceof DossierFailure) || error.code !== 'damaged') throw error
        notices.push(await set.recover(key, kind, error.message, backups, now))
      }
    }
    return { set, notices }
  }

  private lowFor(key: string): Low<Shard<T>> {
    let db = this.shards.get(key)
    if (db === undefined) {
      const adapter = new DurableJsonFile<Shard<T>>(join(this.dir, `${key}.json`), this.validator(key))
      db = new Low(adapter, { format: NOTES_FORMAT, items: [] })
      this.shards.set(key, db)
    }
    return db
  }

  private async recover(key: string, kind: string, reason: string, backups: NotesBackups, now: () => Date): Promise<string> {
    const path = join(this.dir, `${key}.json`)
    const kept = `${path}.damaged-${now().toISOString().replace(/[:.]/g, '-')}`
    await rename(path, kept)
    const db = this.lowFor(key)
    const good = await backups.findGood(`${kind}/${key}.json`, this.validator(key))
    const aside = `the damaged file was kept as ${kind}/${key}.json.damaged-…`
    if (good === undefined) {
      db.data = { format: NOTES_FORMAT, items: [] }
      return `${reason}; ${aside}; no good backup held it, so those notes start empty`
    }
    db.data = good.data
    await db.write()
    return `${reason}; ${aside}; restored from backup ${good.snapshot}`
  }

  keys(): string[] {
    return [...this.shards.keys()].filter((key) => (this.shards.get(key)?.data.items.length ?? 0) > 0)
  }

  items(key: string): readonly T[] {
    return this.shards.get(key)?.data.items ?? []
  }

  *all(): Generator<[string, T]> {
    for (const [key, db] of this.shards) for (const item of db.data.items) yield [key, item]
  }

  /**
   * Replaces one shard's items and writes that file alone. When the write
   * fails the items are put back, so memory never claims what the disk lacks.
   */
  async commit(key: string, change: (items: readonly T[]) => T[]): Promise<void> {
    if (!SAFE_KEY.test(key)) throw new DossierFailure('invalid-argument', `"${key}" is not an article id`)
    const db = this.lowFor(key)
    const before = db.data
    const after: Shard<T> = { format: NOTES_FORMAT, items: change(before.items) }
    db.data = after
    try {
      await db.write()
    } catch (error) {
      if (db.data === after) db.data = before
      throw new DossierFailure('io-error', `could not save notes of article ${key}: ${(error as Error).message}`)
    }
  }

  /** Removes a shard's file and items. */
  async drop(key: string): Promise<T[]> {
    const items = [...this.items(key)]
    if (!SAFE_KEY.test(key)) return items
    await rm(join(this.dir, `${key}.json`), { force: true })
    this.shards.delete(key)
    return items
  }
}
