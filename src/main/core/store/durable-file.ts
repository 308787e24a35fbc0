// Atomic and durable file writes. steno (lowdb's writer) renames atomically but
// never fsyncs, so a power cut can leave a renamed-but-empty file; we fsync the
// temp file before the rename and the folder after it.

import { randomBytes } from 'node:crypto'
import { mkdir, open, readdir, rename, rm } from 'node:fs/promises'
import { basename, dirname, join, resolve, sep } from 'node:path'

const queues = new Map<string, Promise<unknown>>()

/** Checks run before any write under a folder: the archive lock confirms it is still this process's. */
const guards = new Map<string, () => Promise<void>>()

/** Runs `guard` before every writeFileDurably under `root`; a guard that throws refuses the write. Returns the undo. */
export function guardWritesUnder(root: string, guard: () => Promise<void>): () => void {
  const key = resolve(root) + sep
  guards.set(key, guard)
  return () => {
    if (guards.get(key) === guard) guards.delete(key)
  }
}

async function runGuards(path: string): Promise<void> {
  if (guards.size === 0) return
  const absolute = resolve(path)
  for (const [root, guard] of guards) if (absolute.startsWith(root)) await guard()
}

/** Runs writes to one path one after another, so the last write wins on disk too. */
function serialise<T>(path: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(path) ?? Promise.resolve()
  const next = previous.then(work, work)
  const settled = next.catch(() => undefined)
  queues.set(path, settled)
  void settled.then(() => {
    if (queues.get(path) === settled) queues.delete(path)
  })
  return next
}

/** Makes the entries of `dir` (a rename, a removal) durable, as a file's fsync does its content. */
export async function fsyncDir(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; rename is already atomic there.
  if (process.platform === 'win32') return
  const handle = await open(dir, 'r')
  try {
    await handle.sync()
  } finally {
    await handle.close()
  }
}

/** The temp files writeFileDurably names (".<name>.<12 hex>.tmp"), left behind when a write is cut short. */
const TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/

/** A fresh temp path beside `path`, named so removeTempFiles clears it if it is ever left behind. */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`)
}

/** Clears the temp files of writes cut short in one folder; call it at open, before anything writes there. */
export async function removeTempFiles(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[])
  await Promise.all(names.filter((name) => TEMP_FILE.test(name)).map((name) => rm(join(dir, name), { force: true })))
}

export function writeFileDurably(path: string, data: string | Uint8Array): Promise<void> {
  return serialise(path, async () => {
    await runGuards(path)
    const dir = dirname(path)
    await mkdir(dir, { recursive: true })
    const temp = tempPathFor(path)
    const handle = await open(temp, 'w')
    try {
      await handle.writeFile(data)
      await handle.sync()
    } catch (error) {
      await handle.close().catch(() => undefined)
      await rm(temp, { force: true })
      throw error
    }
    await handle.close()
    try {
      await rename(temp, path)
    } catch (error) {
      await rm(temp, { force: true })
      throw error
    }
    await fsyncDir(dir)
  })
}
