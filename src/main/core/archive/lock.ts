// One writer per archive. Every write saves catalog.json, state.json and the
// notes files whole, so two processes with the same archive open (the desktop
// app and a CLI import, say) would each overwrite the other's changes. The first
// opener creates `dossier.lock` exclusively; a second one is refused, naming
// the holder, until it closes. A lock left by a process that died is taken over.
//
// The file can be deleted under a running holder (by hand, by a cleaner). The
// holder checks it before every durable write under the archive and on a
// heartbeat: a missing lock is written again; a lock that now names another
// process means that one took the archive, and this one stops writing, so
// there is never a second writer. What remains: a second opener that comes in
// the moment after the deletion, before the next write or heartbeat, opens the
// archive and the first one then refuses its writes.

import { readFileSync, unlinkSync } from 'node:fs'
import { mkdir, open, readFile, stat, unlink } from 'node:fs/promises'
import { hostname as osHostname, uptime } from 'node:os'
import { join } from 'node:path'
import { z } from 'zod'
import { DossierFailure } from '../../../shared/result'
import { guardWritesUnder } from '../store/durable-file'
import { ioFailure } from '../store/io-failure'

export const LOCK_FILE = 'dossier.lock'

const holderSchema = z.object({
  pid: z.number().int().positive(),
  hostname: z.string(),
  startedAt: z.string().refine((value) => !Number.isNaN(Date.parse(value))),
  command: z.string(),
})
export type LockHolder = z.infer<typeof holderSchema>

export interface LockOptions {
  /** What holds the archive, for the message another opener sees: "dossier import", "Dossier desktop app". */
  command: string
  /** Tests stand in for the host: which pids are alive, its name, when it booted (ms since the epoch). */
  isAlive?: (pid: number) => boolean
  hostname?: string
  bootedAt?: () => number
  /** Heartbeat period; 0 turns it off (tests then drive verify()). */
  heartbeatMs?: number
}

/** How often a holder checks its lock file is still there and its own. */
export const HEARTBEAT_MS = 1_000

/** An empty lock younger than this is being written by its creator right now, not left by a crash. */
const CREATING_MS = 2_000
/** Boot time from uptime is approximate; a lock this close to it is not judged by it. */
const BOOT_SLACK_MS = 60_000

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: alive, but another user's process.
    return (error as NodeJS.ErrnoException).code !== 'ESRCH'
  }
}

/** Locks this process holds, released on exit even when close() was never awaited (Electron's will-quit). */
const held = new Map<string, string>()
let exitHookInstalled = false

function releaseAllSync(): void {
  for (const [path, content] of held) {
    try {
      if (readFileSync(path, 'utf8') === content) unlinkSync(path)
    } catch {
      // Gone already, or the folder was removed: nothing to release.
    }
  }
  held.clear()
}

const describeHolder = (holder: LockHolder): string => `pid ${holder.pid}, started ${holder.startedAt}${holder.command ? `, ${holder.command}` : ''}`

type Judgement = { stale: false; holder?: LockHolder } | { stale: true; notice: string }

export class ArchiveLock {
  private released = false
  /** Set once another process holds the archive: every later write is refused with this. */
  private lost: DossierFailure | undefined
  /** While a restore swaps the folder, a missing lock is expected and must not be written into the gap. */
  private swapping = false
  private heartbeat: ReturnType<typeof setInterval> | undefined
  private unguard: (() => void) | undefined
  /** Told when the lock file was found deleted and written again. */
  onRecreated: (() => void) | undefined

  private constructor(
    readonly dir: string,
    readonly path: string,
    private readonly content: string,
  ) {}

  /**
   * Confirms the lock file is still ours: writes it again when it was deleted,
   * and refuses (now and from then on) when another process holds the archive.
   */
  async verify(): Promise<void> {
    if (this.released) return
    if (this.lost) throw this.lost
    const text = await readFile(this.path, 'utf8').catch(() => undefined)
    if (text === this.content) return
    if (text === undefined) {
      if (this.swapping) return
      if (await createExclusive(this.path, this.content).catch(() => false)) {
        this.onRecreated?.()
        return
      }
      const now = await readFile(this.path, 'utf8').catch(() => undefined)
      if (now === this.content || now === undefined) return
      return this.lose(now)
    }
    return this.lose(text)
  }

  private lose(text: string): never {
    const holder = parseHolder(text)
    const who = holder === undefined ? 'another Dossier process' : `another Dossier process (${describeHolder(holder)})`
    this.lost = new DossierFailure(
      'archive-busy',
      `The archive at ${this.dir} was taken by ${who} after this one's lock file was removed. To keep the two from overwriting each other, this one no longer saves changes: close it and open the archive again.`,
      LOCK_FILE,
    )
    throw this.lost
  }

  /** Runs `swap` (a restore moving the folder) without writing a lock into the gap it leaves; ends with renew(). */
  async whileSwapping<T>(swap: () => Promise<T>): Promise<T> {
    this.swapping = true
    try {
      return await swap()
    } finally {
      this.swapping = false
    }
  }

  /** Creates the lock, or refuses with 'archive-busy' naming the holder; `notices` say when a dead process's lock was taken over. */
  static async acquire(dir: string, options: LockOptions): Promise<{ lock: ArchiveLock; notices: string[] }> {
    try {
      return await ArchiveLock.take(dir, options)
    } catch (error) {
      // A read-only or full disk refuses the lock file first: said as every refused write is.
      throw error instanceof DossierFailure ? error : ioFailure(`The archive at ${dir} could not be opened`, error)
    }
  }

  private static async take(dir: string, options: LockOptions): Promise<{ lock: ArchiveLock; notices: string[] }> {
    await mkdir(dir, { recursive: true })
    const path = join(dir, LOCK_FILE)
    const host = options.hostname ?? osHostname()
    const holder: LockHolder = { pid: process.pid, hostname: host, startedAt: new Date().toISOString(), command: options.command }
    const content = `${JSON.stringify(holder)}\n`
    const notices: string[] = []
    // Another opener may take over the same stale lock at the same moment: whoever creates the file first holds it.
    for (let attempt = 0; attempt < 3; attempt++) {
      if (await createExclusive(path, content)) {
        const lock = new ArchiveLock(dir, path, content)
        lock.hold(options.heartbeatMs ?? HEARTBEAT_MS)
        return { lock, notices }
      }
      const text = await readFile(path, 'utf8').catch(() => undefined)
      if (text === undefined) continue // released between our create and our read
      const judged = await judge(path, text, dir, { ...options, hostname: host })
      if (!judged.stale) throw busy(dir, path, judged.holder, host)
      // Only the lock we judged is removed: a fresh one written meanwhile is someone's live lock.
      if ((await readFile(path, 'utf8').catch(() => undefined)) !== text) continue
      await unlink(path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== 'ENOENT') throw error
      })
      notices.push(judged.notice)
    }
    throw busy(dir, path, undefined, host)
  }

  /**
   * Makes sure the lock file is there and ours, after the folder was swapped
   * under it (a restore moves the old folder, lock and all, aside).
   */
  async renew(): Promise<void> {
    if (this.released) throw new Error('renew of a released archive lock')
    if (this.lost) throw this.lost
    const text = await readFile(this.path, 'utf8').catch(() => undefined)
    if (text === this.content) return
    if (text === undefined && (await createExclusive(this.path, this.content))) return
    const holder = text === undefined ? undefined : parseHolder(text)
    throw busy(this.dir, this.path, holder, osHostname())
  }

  /** Removes the lock file if it is still ours; safe to call twice. */
  async release(): Promise<void> {
    if (this.released) return
    this.released = true
    held.delete(this.path)
    if (this.heartbeat !== undefined) clearInterval(this.heartbeat)
    this.unguard?.()
    const text = await readFile(this.path, 'utf8').catch(() => undefined)
    if (text === this.content) await unlink(this.path).catch(() => undefined)
  }

  private hold(heartbeatMs: number): void {
    held.set(this.path, this.content)
    this.unguard = guardWritesUnder(this.dir, () => this.verify())
    if (heartbeatMs > 0) {
      this.heartbeat = setInterval(() => void this.verify().catch(() => undefined), heartbeatMs)
      this.heartbeat.unref()
    }
    if (!exitHookInstalled) {
      exitHookInstalled = true
      process.on('exit', releaseAllSync)
    }
  }
}

/** 'wx': fails when the file exists, so of two openers exactly one creates it. */
async function createExclusive(path: string, content: string): Promise<boolean> {
  let handle
  try {
    handle = await open(path, 'wx')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false
    throw error
  }
  try {
    await handle.writeFile(content)
    await handle.sync()
    await handle.close()
  } catch (error) {
    // A lock without its owner would read as a crash's leftover: none is better.
    await handle.close().catch(() => undefined)
    await unlink(path).catch(() => undefined)
    throw error
  }
  return true
}

function parseHolder(text: string): LockHolder | undefined {
  try {
    const parsed = holderSchema.safeParse(JSON.parse(text))
    return parsed.success ? parsed.data : undefined
  } catch {
    return undefined
  }
}

/** Whether the lock in `text` still holds: its process alive on this host, or on another host we cannot see. */
async function judge(path: string, text: string, dir: string, options: LockOptions & { hostname: string }): Promise<Judgement> {
  const holder = parseHolder(text)
  if (holder === undefined) {
    if (text === '') {
      const age = await stat(path).then(
        (s) => Date.now() - s.mtimeMs,
        () => Infinity,
      )
      if (age < CREATING_MS) return { stale: false }
    }
    const what = text === '' ? 'was empty' : 'held no readable owner'
    return { stale: true, notice: `The lock file of the archive at ${dir} ${what}, as a crash while opening it leaves it; the lock was taken over.` }
  }
  if (holder.hostname !== options.hostname) return { stale: false, holder }
  const isAlive = options.isAlive ?? pidAlive
  const bootedAt = options.bootedAt?.() ?? Date.now() - uptime() * 1000
  // A pid from before the last boot may have been given to another process since.
  const beforeBoot = Date.parse(holder.startedAt) < bootedAt - BOOT_SLACK_MS
  if (!beforeBoot && isAlive(holder.pid)) return { stale: false, holder }
  return {
    stale: true,
    notice: `The archive at ${dir} was not closed properly by Dossier process ${holder.pid} (started ${holder.startedAt}${holder.command ? `, ${holder.command}` : ''}), which is no longer running; its lock was taken over.`,
  }
}

function busy(dir: string, path: string, holder: LockHolder | undefined, host: string): DossierFailure {
  if (holder === undefined) {
    return new DossierFailure('archive-busy', `The archive at ${dir} is being opened by another Dossier process right now. Try again in a moment.`, LOCK_FILE)
  }
  if (holder.hostname !== host) {
    return new DossierFailure(
      'archive-busy',
      `The archive at ${dir} is open in a Dossier process on another computer, ${holder.hostname} (${describeHolder(holder)}). Close it there, then try again. If Dossier is not running there, delete ${path}.`,
      LOCK_FILE,
    )
  }
  const where = holder.pid === process.pid ? 'is already open in this Dossier process' : 'is open in another Dossier process'
  return new DossierFailure('archive-busy', `The archive at ${dir} ${where} (${describeHolder(holder)}). Close it, then try again.`, LOCK_FILE)
}
