// Restore and merge cut short at the exact file-system call a crash test found
// (crash-exchange.test.ts): the call is made to never return, which leaves the
// disk as a process killed at that moment leaves it, and the archive is then
// opened the way the app opens it.

import { spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { createRequire, syncBuiltinESMExports } from 'node:module'
import { hostname, tmpdir } from 'node:os'
import { basename, dirname, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { plainText } from '../../shared/anchoring'
import type { Result } from '../../shared/result'
import { Archive } from '../core/archive/archive'
import { LOCK_FILE } from '../core/archive/lock'
import { parseSharedNotes, planMerge } from '../core/exchange'
import { applyMergeToFolder, recoverInterruptedMerge, rollbackDirOf } from '../core/exchange/apply'
import { guardPlan } from '../core/exchange/guard-plan'
import { recoverInterruptedWork } from '../core/exchange/recover'
import { restoreArchive } from '../core/exchange/restore'
import { NotesStore } from '../core/notes'
import { openService, type DossierService } from '../service'

type AsyncFn = (...args: unknown[]) => Promise<unknown>
const fsp = createRequire(import.meta.url)('node:fs/promises') as Record<string, AsyncFn>

/**
 * The `nth` call of fs/promises `name` whose arguments `matches` never returns
 * (nor does anything after it in that call chain), as if the process had been
 * killed right there. Every module's import of the function sees the change.
 */
function freezeAt(name: string, matches: (...args: unknown[]) => boolean, nth = 1): { reached: Promise<void>; release(): void } {
  const original = fsp[name]!
  let seen = 0
  let reach: () => void = () => undefined
  const reached = new Promise<void>((resolve) => (reach = resolve))
  fsp[name] = function frozen(this: unknown, ...args: unknown[]) {
    if (matches(...args) && ++seen === nth) {
      reach()
      return new Promise(() => undefined)
    }
    return original.apply(this, args)
  }
  syncBuiltinESMExports()
  const release = () => {
    fsp[name] = original
    syncBuiltinESMExports()
  }
  cleanups.push(release)
  return { reached, release }
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

const cleanups: (() => void)[] = []
let root: string
let dir: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-exchange-recovery-'))
  dir = join(root, 'archive')
})
afterEach(async () => {
  for (const release of cleanups.splice(0)) release()
  await rm(root, { recursive: true, force: true })
})

const file = (name: string, text: string) => ({ name, data: new TextEncoder().encode(text) })
const article = (n: number) => file(`report-${n}.txt`, `Field report ${n}\n\nOfficials said at least ${n + 3} people were present at the crossing.\n\nA second paragraph of report ${n}.\n`)

async function titlesOf(folder: string): Promise<string[]> {
  const archive = await Archive.open(folder)
  return archive
    .list()
    .map((a) => a.title)
    .sort()
}

/** An archive of two reports with a highlight, its backup, then a third report: the archive no longer matches the backup. */
async function archiveWithBackup(): Promise<{ backup: Uint8Array; inBackup: string[]; current: string[] }> {
  const service = await openService(dir)
  const [first] = valueOf(await service.api.importFiles([article(1), article(2)])).imported
  const text = plainText(await service.archive.readBlocks(first!.id))
  const start = text.indexOf('Officials said')
  await service.notes.createAnnotation({ articleId: first!.id, plainText: text, start, end: start + 14, note: 'count' })
  const backup = valueOf(await service.api.backupArchive()).data
  const inBackup = service.archive.list().map((a) => a.title).sort()
  valueOf(await service.api.importFiles([article(3)]))
  const current = service.archive.list().map((a) => a.title).sort()
  await service.close()
  return { backup, inBackup, current }
}

const staging = (entry: string) => entry.startsWith(`.${basename(dir)}.restoring-`)

describe('a restore cut short', () => {
  it('between its two renames, when no archive folder exists, is completed at the next open: the backup in full, the old archive beside it', async () => {
    const { backup, inBackup, current } = await archiveWithBackup()
    // The second rename moves the staging folder into the archive's place; the first has moved the archive aside.
    const gap = freezeAt('rename', (from) => staging(basename(String(from))) && dirname(String(from)) === root)
    void restoreArchive(backup, dir)
    await gap.reached
    gap.release()
    expect(existsSync(dir)).toBe(false)

    // Before the fix the service made a new, empty archive here: only the welcome article, the user's work out of sight.
    const service: DossierService = await openService(dir)
    expect(service.archive.list().map((a) => a.title).sort()).toEqual(inBackup)
    expect(service.notes.listAllAnnotations().map((a) => a.note)).toEqual(['count'])
    await service.close()
    const beside = await readdir(root)
    expect(beside.filter(staging)).toEqual([])
    const previous = beside.filter((entry) => entry.startsWith('archive.before-restore-'))
    expect(previous).toHaveLength(1)
    expect(await titlesOf(join(root, previous[0]!))).toEqual(current)
    expect(await readdir(join(root, previous[0]!))).not.toContain(LOCK_FILE)
  })

  it('and the open that completes it cut short too is finished by the open after', async () => {
    const { backup, inBackup } = await archiveWithBackup()
    const gap = freezeAt('rename', (from) => staging(basename(String(from))) && dirname(String(from)) === root)
    void restoreArchive(backup, dir)
    await gap.reached
    gap.release()
    // An opener took the lock in the empty place and died after moving two entries of the staging folder in.
    await mkdir(dir)
    const dead = spawnSync(process.execPath, ['-e', '']).pid
    await writeFile(join(dir, LOCK_FILE), JSON.stringify({ pid: dead, hostname: hostname(), startedAt: new Date().toISOString(), command: 'dossier' }))
    const moving = freezeAt('rename', (from) => staging(basename(dirname(String(from)))), 3)
    void recoverInterruptedWork(dir)
    await moving.reached
    moving.release()
    expect((await readdir(dir)).length).toBe(3)

    const service = await openService(dir)
    expect(service.archive.list().map((a) => a.title).sort()).toEqual(inBackup)
    await service.close()
    expect((await readdir(root)).filter(staging)).toEqual([])
  })

  it('while unpacking leaves the archive as it was, and its staging folder is removed at the next open', async () => {
    const { backup, current } = await archiveWithBackup()
    const unpacking = freezeAt('open', (path) => String(path).includes(`${root}/.archive.restoring-`), 4)
    void restoreArchive(backup, dir)
    await unpacking.reached
    unpacking.release()
    expect((await readdir(root)).filter(staging)).toHaveLength(1)

    const service = await openService(dir)
    expect(service.archive.list().map((a) => a.title).sort()).toEqual(current)
    await service.close()
    // Before the fix each such crash left a partial copy of the backup beside the archive, for good.
    expect((await readdir(root)).filter(staging)).toEqual([])
  })
})

describe('a merge cut short', () => {
  it('while its rollback folder is being removed keeps the whole merge, without saying it was undone', async () => {
    // Ana's notes on two reports, shared; Ben has a third report of his own.
    const ana = await openService(join(root, 'ana'))
    const imported = valueOf(await ana.api.importFiles([article(1), article(2)])).imported
    for (const meta of imported) {
      const text = plainText(await ana.archive.readBlocks(meta.id))
      const start = text.indexOf('Officials said')
      await ana.notes.createAnnotation({ articleId: meta.id, plainText: text, start, end: start + 14, note: `Ana on ${meta.title}`, author: 'Ana' })
    }
    const [shared] = valueOf(await ana.api.exportNotes({ format: 'json', scope: { all: true } })).files
    await ana.close()
    const ben = await openService(dir)
    valueOf(await ben.api.importFiles([article(3)]))
    await ben.close()

    const archive = await Archive.open(dir)
    const { store } = await NotesStore.open(dir)
    const state = { articles: archive.list(), annotations: store.listAllAnnotations(), links: store.listAllLinks() }
    await store.close()
    const incoming = parseSharedNotes(shared!.data as Uint8Array, 'ana.json')
    const plan = guardPlan(planMerge(state, incoming), new Set(state.articles.map((a) => a.id)))
    const held = { annotations: new Map(state.annotations.map((a) => [a.id, a.target.articleId])), links: new Map<string, string>() }

    // The recursive removal of the rollback folder once every file is written, under whatever name it then has.
    const rollback = rollbackDirOf(dir)
    let removed = ''
    const removing = freezeAt('rm', (path, options) => {
      const folder = String(path)
      const match = folder.startsWith(rollback) && (options as { recursive?: boolean } | undefined)?.recursive === true && existsSync(folder)
      if (match) removed = folder
      return match
    })
    void applyMergeToFolder(dir, plan, held)
    await removing.reached
    removing.release()
    // A recursive removal takes a folder's files in no set order (in parallel, in the order the folder
    // lists them): a kill part-way can leave any of them. Here the copies went first, as they may.
    for (const entry of await readdir(removed)) if (/^\d+$/.test(entry)) await rm(join(removed, entry))

    // Before the fix this was the rollback folder itself, its journal naming copies that were gone: the
    // open failed (ENOENT), or put back some files and not others.
    expect(await recoverInterruptedMerge(dir)).toBe(false)
    expect((await readdir(root)).filter((entry) => entry.startsWith(basename(rollback)))).toEqual([])
    expect(await titlesOf(dir)).toEqual(['Field report 1', 'Field report 2', 'Field report 3', 'Welcome to Dossier'])
    const reopened = await NotesStore.open(dir)
    expect(reopened.store.listAllAnnotations().map((a) => a.note).sort()).toEqual(['Ana on Field report 1', 'Ana on Field report 2'])
    await reopened.store.close()
  })
})
