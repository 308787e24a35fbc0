// Restores an archive from a backup. Nothing is replaced until the whole backup
// has been verified and unpacked beside the target; then two renames swap it in
// (the old archive aside, the staging folder into its place), and the old
// archive stays as `<dir>.before-restore-<timestamp>` for the caller.
//
// A crash can cut the restore short at any point, and the next open (through
// recoverInterruptedWork, which the service runs first) finishes it:
// - before the old archive moved aside: the archive is untouched, and the
//   staging folder, whole or not, is removed;
// - between the two renames, when there is no archive folder at all (the next
//   opener's lock creates an empty one): the restore is completed, so the
//   archive is the backup in full and the old one stays beside it, as a restore
//   that returned leaves them.

import { mkdir, readdir, rename, rm, rmdir } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { DossierFailure } from '../../../shared/result'
import { LOCK_FILE } from '../archive/lock'
import { fsyncDir, writeFileDurably } from '../store/durable-file'
import { resolveInside } from '../store/inside'
import { exists } from '../store/json-store'
import { ioFailure } from '../store/io-failure'
import { recoverInterruptedMerge } from './apply'
import { openBackup } from './backup'
import type { Manifest } from './backup-format'

const STAGING = '.restoring-'
const PREVIOUS = '.before-restore-'

/** Where a restore unpacks the backup, beside the archive: `.<name>.restoring-<stamp>`. */
const stagingOf = (target: string, stamp: string): string => join(dirname(target), `.${basename(target)}${STAGING}${stamp}`)
/** Where a restore moves the old archive: `<name>.before-restore-<stamp>`. */
const previousOf = (target: string, stamp: string): string => `${target}${PREVIOUS}${stamp}`

const absent = (error: unknown): boolean => (error as NodeJS.ErrnoException).code === 'ENOENT'

const entriesOf = (dir: string): Promise<string[]> =>
  readdir(dir).catch((error: unknown) => {
    if (absent(error)) return [] as string[]
    throw error
  })

/**
 * Whether the archive's place holds nothing of another archive: missing, or only
 * the next opener's lock (made where no folder was), and what an earlier run of
 * moveIn took out of `staging`. A folder with any entry the staging folder also
 * has was made by something else, and is left alone.
 */
async function placeIsFree(staging: string, target: string): Promise<boolean> {
  const incoming = new Set(await entriesOf(staging))
  return (await entriesOf(target)).every((entry) => entry === LOCK_FILE || !incoming.has(entry))
}

/**
 * Moves a whole staging folder into the archive's place. The folder may already
 * hold the next opener's lock (and only that, or entries an earlier run of this
 * moved): each entry is renamed in on its own, so the lock never leaves, and a
 * crash part-way is finished by the next run.
 */
async function moveIn(staging: string, target: string): Promise<void> {
  const parent = dirname(target)
  try {
    await rename(staging, target)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code !== 'ENOTEMPTY' && code !== 'EEXIST' && code !== 'EPERM' && code !== 'EACCES') throw error
    for (const entry of await readdir(staging)) await rename(join(staging, entry), join(target, entry))
    await fsyncDir(target)
    await rmdir(staging)
  }
  await fsyncDir(parent)
}

/**
 * Run before an archive opens (through recoverInterruptedWork, recover.ts): finishes
 * a restore of `dir` that a crash cut short, as the header says. True when the
 * restore was completed here.
 */
export async function recoverInterruptedRestore(dir: string): Promise<boolean> {
  const target = resolve(dir)
  const prefix = `.${basename(target)}${STAGING}`
  const names = await entriesOf(dirname(target))
  let completed = false
  for (const name of names.filter((entry) => entry.startsWith(prefix)).sort()) {
    const stamp = name.slice(prefix.length)
    const staging = join(dirname(target), name)
    const previous = previousOf(target, stamp)
    // The old archive was moved aside only once the staging folder was whole; nothing else makes that pair.
    if (!completed && (await exists(previous)) && (await placeIsFree(staging, target))) {
      try {
        await moveIn(staging, target)
      } catch (error) {
        throw ioFailure(`A restore was interrupted after moving the archive aside to ${basename(previous)}, and the restored archive could not be moved into place`, error)
      }
      // The old folder took the lock of the process that was restoring; it is gone, so the lock would only call that folder busy.
      await rm(join(previous, LOCK_FILE), { force: true })
      completed = true
    } else await rm(staging, { recursive: true, force: true })
  }
  return completed
}

export interface RestoreOutcome {
  manifest: Manifest
  /** Where the archive that was replaced now lives; absent when there was none. */
  previousDir?: string
}

export interface RestoreOptions {
  /** The backup's name, for messages. */
  fileName?: string
  /** Timestamp used in folder names; defaults to now. */
  now?: Date
}


export async function restoreArchive(bytes: Uint8Array, targetDir: string, options: RestoreOptions = {}): Promise<RestoreOutcome> {
  const { manifest, files } = openBackup(bytes, options.fileName)
  const target = resolve(targetDir)
  const stamp = (options.now ?? new Date()).toISOString().replace(/[:.]/g, '-')
  const staging = stagingOf(target, stamp)
  const previous = previousOf(target, stamp)
  if (await exists(previous)) throw new DossierFailure('conflict', `${basename(previous)} already exists; remove it and try again`)

  // A restore or merge cut short is finished with the archive it belongs to, before that archive moves aside
  // (and before this restore's own staging folder exists, which the recovery would take for a leftover).
  await recoverInterruptedRestore(target)
  await recoverInterruptedMerge(target)
  await rm(staging, { recursive: true, force: true })
  await mkdir(staging, { recursive: true })
  try {
    for (const [path, data] of files) {
      // Paths were vetted in openBackup; this keeps the promise even if that check changes.
      await writeFileDurably(resolveInside(staging, path), data)
    }
  } catch (error) {
    await rm(staging, { recursive: true, force: true })
    throw error
  }

  const hadArchive = await exists(target)
  try {
    if (hadArchive) await rename(target, previous)
  } catch (error) {
    await rm(staging, { recursive: true, force: true })
    throw ioFailure('The current archive could not be moved aside, so nothing was restored', error)
  }
  // From here until the next rename there is no archive folder: a crash now is finished by recoverInterruptedRestore.
  try {
    await rename(staging, target)
  } catch (error) {
    // Put the old archive back so the user is never left without one.
    if (hadArchive) await rename(previous, target)
    await rm(staging, { recursive: true, force: true })
    throw ioFailure('The restored archive could not be moved into place; your archive is as it was', error)
  }
  await fsyncDir(dirname(target))
  return hadArchive ? { manifest, previousDir: previous } : { manifest }
}
