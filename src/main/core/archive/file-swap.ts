// Replaces files so that the change can be taken back until the catalog names
// it: each old file is kept aside (a hard link, so no copy and no space) before
// the new one is written over it, and taking the change back is renames only,
// which work on a full disk too. Kept copies have temp-file names in the
// folder given, so a crash leaves nothing that the next open does not clear.

import { copyFile, link, rename, rm, rmdir } from 'node:fs/promises'
import { basename, dirname, join } from 'node:path'
import { DossierFailure } from '../../../shared/result'
import { tempPathFor, writeFileDurably } from '../store/durable-file'

interface Replaced {
  path: string
  /** Where the old file is kept; absent when there was none. */
  aside?: string
}

export class FileSwap {
  private readonly replaced: Replaced[] = []

  /** `asideDir`: a folder on the same disk whose temp files are cleared at open. */
  constructor(private readonly asideDir: string) {}

  /** Writes `data` at `path`, keeping the file it replaces. */
  readonly put = async (path: string, data: string | Uint8Array): Promise<void> => {
    const aside = await this.keepAside(path)
    this.replaced.push(aside === undefined ? { path } : { path, aside })
    await writeFileDurably(path, data)
  }

  /** Puts every file back as it was before the first put; says so when one cannot be. */
  async undo(): Promise<void> {
    const failures: string[] = []
    for (const { path, aside } of this.replaced.splice(0).reverse()) {
      try {
        if (aside !== undefined) {
          await rename(aside, path)
        } else {
          await rm(path, { force: true })
          // A folder made for the new file alone goes with it; one holding other files stays.
          await rmdir(dirname(path)).catch(() => undefined)
        }
      } catch (error) {
        failures.push(`${basename(path)}: ${(error as Error).message}`)
      }
    }
    if (failures.length > 0) {
      throw new DossierFailure('io-error', `The change could not be saved, and some of the files it replaced could not be put back (${failures.join('; ')})`)
    }
  }

  /** The change is saved: the kept copies go (one left behind is cleared at the next open). */
  async commit(): Promise<void> {
    for (const { aside } of this.replaced.splice(0)) {
      if (aside !== undefined) await rm(aside, { force: true }).catch(() => undefined)
    }
  }

  private async keepAside(path: string): Promise<string | undefined> {
    const aside = tempPathFor(join(this.asideDir, basename(path)))
    try {
      await link(path, aside)
      return aside
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      if (code === 'ENOENT') return undefined
      // A file system without hard links (FAT, some network shares): a copy, which needs the space.
      if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV' || code === 'EOPNOTSUPP') {
        await copyFile(path, aside)
        return aside
      }
      throw error
    }
  }
}
