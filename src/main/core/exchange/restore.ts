// Restores an archive from a backup. Nothing is replaced until the whole backup
// has been verified and unpacked beside the target; then one rename swaps it in,
// and the old archive stays as `<dir>.before-restore-<timestamp>` for the caller.

import { mkdir, rename, rm } from 'node:fs/promises'
import { basename, dirname, join, resolve } from 'node:path'
import { DossierFailure } from '../../../shared/result'
import { writeFileDurably } from '../store/durable-file'
import { resolveInside } from '../store/inside'
import { exists } from '../store/json-store'
import { ioFailure } from '../store/io-failure'
import { recoverInterruptedMerge } from './apply'
import { openBackup } from './backup'
import type { Manifest } from './backup-format'

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
  const staging = join(dirname(target), `.${basename(target)}.restoring-${stamp}`)
  const previous = `${target}.before-restore-${stamp}`
  if (await exists(previous)) throw new DossierFailure('conflict', `${basename(previous)} already exists; remove it and try again`)

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
  // A merge cut short is finished with the archive it belongs to, before that archive moves aside.
  if (hadArchive) await recoverInterruptedMerge(target)
  try {
    if (hadArchive) await rename(target, previous)
  } catch (error) {
    await rm(staging, { recursive: true, force: true })
    throw ioFailure('The current archive could not be moved aside, so nothing was restored', error)
  }
  try {
    await rename(staging, target)
  } catch (error) {
    // Put the old archive back so the user is never left without one.
    if (hadArchive) await rename(previous, target)
    await rm(staging, { recursive: true, force: true })
    throw ioFailure('The restored archive could not be moved into place; your archive is as it was', error)
  }
  return hadArchive ? { manifest, previousDir: previous } : { manifest }
}
