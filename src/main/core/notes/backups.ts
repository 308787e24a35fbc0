// Rolling snapshots of the notes folder, `backups/notes-<timestamp>/`, the last
// K kept. A file unchanged since the previous snapshot is hard-linked to that
// snapshot's copy (as rsync --link-dest does), so a snapshot costs in
// proportion to what changed. Live files are never linked: damage written into
// a live file in place must not reach its backups. The trade-off: snapshots
// share an unchanged file's one copy, so damage to that copy reaches them all
// (the live file is still a separate copy).

import { copyFile, link, mkdir, readdir, readFile, rm, stat } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { writeFileDurably } from '../store/durable-file'
import { parseStrictJson, type Validate } from '../store/json-store'

const PREFIX = 'notes-'
/** Written last: a snapshot without it was cut short and is not trusted. */
const MANIFEST = 'manifest.json'

interface FileStamp {
  size: number
  mtimeMs: number
  ino: number
}
type Manifest = Record<string, FileStamp>

export interface BackupOptions {
  /** Snapshots kept; older ones are removed. */
  keep?: number
  /** Least time between snapshots taken after writes. */
  intervalMs?: number
}

export const DEFAULT_BACKUP_KEEP = 10
export const DEFAULT_BACKUP_INTERVAL_MS = 10 * 60 * 1000

function parseManifest(data: unknown): Manifest {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw new Error('manifest is not an object')
  return data as Manifest
}

export class NotesBackups {
  private lastSnapshotAt = -Infinity
  private queue: Promise<void> = Promise.resolve()
  /** Why the last snapshot failed, when it did; cleared by the next good one. */
  lastFailure: string | undefined
  readonly keep: number
  readonly intervalMs: number

  constructor(
    private readonly notesDir: string,
    readonly backupsDir: string,
    private readonly now: () => Date,
    options: BackupOptions = {},
  ) {
    this.keep = Math.max(1, options.keep ?? DEFAULT_BACKUP_KEEP)
    this.intervalMs = Math.max(0, options.intervalMs ?? DEFAULT_BACKUP_INTERVAL_MS)
  }

  /** Complete snapshots, newest first. */
  async list(): Promise<string[]> {
    const names = await readdir(this.backupsDir).catch(() => [] as string[])
    const snapshots = names.filter((name) => name.startsWith(PREFIX)).sort().reverse()
    const complete: string[] = []
    for (const name of snapshots) {
      if (await this.manifestOf(name)) complete.push(name)
    }
    return complete
  }

  /**
   * Starts a snapshot in the background when the interval has passed since
   * the last one: saves never wait for a backup. See `idle` and `lastFailure`.
   */
  afterWrite(): void {
    if (this.now().getTime() - this.lastSnapshotAt < this.intervalMs) return
    this.lastSnapshotAt = this.now().getTime()
    void this.snapshot().catch(() => undefined)
  }

  /** Resolves when no snapshot is being taken. */
  async idle(): Promise<void> {
    await this.queue
  }

  /** Snapshots every shard (`<kind>/<bucket>.json`) of the notes folder; one at a time. */
  snapshot(): Promise<string> {
    const run = this.queue.then(() => this.takeSnapshot())
    this.queue = run.then(
      () => {
        this.lastFailure = undefined
      },
      (error: Error) => {
        this.lastFailure = error.message
      },
    )
    return run
  }

  private async takeSnapshot(): Promise<string> {
    this.lastSnapshotAt = this.now().getTime()
    const previousName = (await this.list())[0]
    const previous = previousName === undefined ? {} : ((await this.manifestOf(previousName)) ?? {})
    const name = await this.freshName()
    const target = join(this.backupsDir, name)
    const manifest: Manifest = {}
    for (const file of await this.liveFiles()) {
      const source = join(this.notesDir, file)
      const before = await stat(source).catch(() => undefined)
      if (before === undefined) continue // removed while we walked
      const stamp = { size: before.size, mtimeMs: before.mtimeMs, ino: before.ino }
      const destination = join(target, file)
      await mkdir(dirname(destination), { recursive: true })
      const old = previous[file]
      const unchanged = old !== undefined && old.size === stamp.size && old.mtimeMs === stamp.mtimeMs && old.ino === stamp.ino
      const linked = unchanged && previousName !== undefined && (await tryLink(join(this.backupsDir, previousName, file), destination))
      if (!linked) await copyFile(source, destination)
      manifest[file] = stamp
    }
    await writeFileDurably(join(target, MANIFEST), JSON.stringify(manifest))
    await this.rotate()
    return name
  }

  /** The newest good copy of a shard, checked with `validate`, and where it came from. */
  async findGood<T>(file: string, validate: Validate<T>): Promise<{ data: T; snapshot: string } | undefined> {
    for (const snapshot of await this.list()) {
      const path = join(this.backupsDir, snapshot, file)
      const text = await readFile(path, 'utf8').catch(() => undefined)
      if (text === undefined) continue
      try {
        return { data: parseStrictJson(text, path, validate), snapshot }
      } catch {
        // Damaged here too: try an older snapshot.
      }
    }
    return undefined
  }

  private async rotate(): Promise<void> {
    const names = (await readdir(this.backupsDir).catch(() => [] as string[])).filter((n) => n.startsWith(PREFIX)).sort()
    const complete = new Set(await this.list())
    const kept = [...complete].sort().slice(-this.keep)
    const newestKept = kept[0] ?? ''
    for (const name of names) {
      // Incomplete snapshots older than the kept ones are leftovers of a crash.
      const drop = complete.has(name) ? !kept.includes(name) : name < newestKept
      if (drop) await rm(join(this.backupsDir, name), { recursive: true, force: true })
    }
  }

  private async manifestOf(name: string): Promise<Manifest | undefined> {
    const path = join(this.backupsDir, name, MANIFEST)
    const text = await readFile(path, 'utf8').catch(() => undefined)
    if (text === undefined) return undefined
    try {
      return parseStrictJson(text, path, parseManifest)
    } catch {
      return undefined
    }
  }

  private async freshName(): Promise<string> {
    const stamp = this.now().toISOString().replace(/[:.]/g, '-')
    const existing = new Set(await readdir(this.backupsDir).catch(() => [] as string[]))
    for (let n = 0; ; n++) {
      const name = `${PREFIX}${stamp}-${String(n).padStart(3, '0')}`
      if (!existing.has(name)) return name
    }
  }

  private async liveFiles(): Promise<string[]> {
    const files: string[] = []
    for (const sub of await readdir(this.notesDir, { withFileTypes: true }).catch(() => [])) {
      if (!sub.isDirectory()) continue
      for (const entry of await readdir(join(this.notesDir, sub.name), { withFileTypes: true })) {
        if (entry.isFile() && isShardFileName(entry.name)) files.push(`${sub.name}/${entry.name}`)
      }
    }
    return files.sort()
  }
}

/** Shard files only: not temp files of an interrupted write, nor damaged files kept aside. */
export function isShardFileName(name: string): boolean {
  return name.endsWith('.json') && !name.startsWith('.')
}

async function tryLink(from: string, to: string): Promise<boolean> {
  try {
    await link(from, to)
    return true
  } catch {
    return false // another file system, or links not allowed: copy instead
  }
}
