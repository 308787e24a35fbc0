// lowdb stores that refuse to treat a damaged file as empty. lowdb reads a file
// holding `null` as "use the defaults" and its next write replaces the archive;
// here every damaged file is reported, kept aside, and recovered from its backup.

import { copyFile, readFile, rename, stat } from 'node:fs/promises'
import { basename } from 'node:path'
import { Low, type Adapter } from 'lowdb'
import { DossierFailure } from '../../../shared/result'
import { writeFileDurably } from './durable-file'

export type Validate<T> = (data: unknown) => T

/** Parses a JSON file strictly: empty, `null`, truncated or NUL-filled content is damage. */
export function parseStrictJson<T>(text: string, file: string, validate: Validate<T>): T {
  const name = basename(file)
  if (text.trim() === '') throw new DossierFailure('damaged', `${name} is empty`, name)
  if (text.includes('\u0000')) throw new DossierFailure('damaged', `${name} contains NUL bytes`, name)
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new DossierFailure('damaged', `${name} is not valid JSON (${(error as Error).message})`, name)
  }
  if (parsed === null || typeof parsed !== 'object') {
    throw new DossierFailure('damaged', `${name} does not hold an object`, name)
  }
  try {
    return validate(parsed)
  } catch (error) {
    throw new DossierFailure('damaged', `${name} has an unexpected shape: ${(error as Error).message}`, name)
  }
}

/** Whether anything is at `path`; an unreadable parent counts as nothing there. */
export async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  )
}

/** A lowdb adapter: strict reads, durable atomic writes. */
export class DurableJsonFile<T> implements Adapter<T> {
  /**
   * Whether `<file>.bak` holds a good copy. When it does not (a new archive's
   * first session, or a damaged backup), the next good write makes one, so
   * there is always something to recover from.
   */
  backedUp = true

  constructor(
    readonly path: string,
    private readonly validate: Validate<T>,
    private readonly pretty = false,
  ) {}

  async read(): Promise<T | null> {
    let text: string
    try {
      text = await readFile(this.path, 'utf8')
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null
      throw error
    }
    return parseStrictJson(text, this.path, this.validate)
  }

  async write(data: T): Promise<void> {
    const text = this.pretty ? JSON.stringify(data, null, 1) : JSON.stringify(data)
    await writeFileDurably(this.path, text)
    if (this.backedUp) return
    await writeFileDurably(`${this.path}.bak`, text)
    this.backedUp = true
  }
}

/**
 * Writes the store; when the write fails (disk full, read-only folder) the
 * change is undone in memory too, so what the app shows is what is on disk.
 */
export async function writeOrUndo<T>(db: Low<T>, undo: () => void): Promise<void> {
  try {
    await db.write()
  } catch (error) {
    undo()
    throw error
  }
}

export interface OpenedStore<T> {
  db: Low<T>
  /** What was found and done at open, for the user: empty when all was well. */
  notices: string[]
}

/**
 * Opens a store. A damaged file is moved aside (never overwritten) and the last
 * good copy, `<file>.bak`, taken in its place; only when neither exists do the
 * defaults apply. A good file is copied to `.bak` at each open; a store that
 * opened without one gets it at its first write.
 */
export async function openJsonStore<T>(path: string, defaults: T, validate: Validate<T>): Promise<OpenedStore<T>> {
  const notices: string[] = []
  const backup = `${path}.bak`
  const file = new DurableJsonFile(path, validate)
  const db = new Low<T>(file, structuredClone(defaults))
  try {
    await db.read()
    if (await exists(path)) await copyFile(path, backup)
    else file.backedUp = false
    return { db, notices }
  } catch (error) {
    if (!(error instanceof DossierFailure) || error.code !== 'damaged') throw error
    const kept = `${path}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`
    await rename(path, kept)
    notices.push(`${error.message}; the damaged file was kept as ${basename(kept)}`)
  }
  if (await exists(backup)) {
    try {
      const text = await readFile(backup, 'utf8')
      db.data = parseStrictJson(text, backup, validate)
      await db.write()
      notices.push(`${basename(path)} was restored from its backup`)
      return { db, notices }
    } catch (error) {
      const keptBackup = `${backup}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`
      await rename(backup, keptBackup)
      notices.push(`the backup ${basename(backup)} is damaged too: ${(error as Error).message}; it was kept as ${basename(keptBackup)}`)
    }
  }
  db.data = structuredClone(defaults)
  file.backedUp = false
  notices.push(`${basename(path)} was started afresh`)
  return { db, notices }
}
