// The process the exchange crash test kills: it opens the archive through the
// service, as the app does, and restores backups over it or merges shared-notes
// files into it, one after another, through the service's own API (so each
// restore and merge closes the service, swaps or writes the files, and reopens).
//
// The test bundles this file (crash-exchange.test.ts says why) and talks to it
// over stdin/stdout, one line each way:
//   child: "loaded"
//   test: "check"           child: "checked <notices, JSON>" | "check-failed <message, JSON>"
//                           (opened the archive through the service, as the app's next start does, and closed it)
//   test: "go <state>"      child: "ready"      (the archive is in <state>; the service is open)
//   test: "run time" | "run step <n> before|after" | "run calibrate <ops>"
//                           child, per op: "begin <op> <state>", then "done <op> <state> <steps> <ms>" once it
//                           returned and the archive is in <state>; "exhausted" when no merge is left; "idle" at the end
//   test: "close" | "exit"  child: "closed", once the service is closed (and it exits, for "exit")
// "run step <n> …" makes the child SIGKILL itself just before (or just after)
// the n-th file-system call that changes something (open, rename, rm, mkdir…),
// counted from the first op: kills land on every step of a restore or merge, the
// instants between two renames included, which a timer alone rarely hits.
//
// argv[2] is JSON: { mode: 'restore' | 'merge', dir, files: [{ name, path }] }.
// Restore: files are the backups of the states, and the child restores them in
// turn (from state s it restores s + 1, wrapping). Merge: files are the shared-
// notes files of a chain; state s has the first s merged, and the child merges
// file s next, until none is left.

import { writeSync } from 'node:fs'
import { readFile, rm } from 'node:fs/promises'
import { createRequire, syncBuiltinESMExports } from 'node:module'
import { dirname, join } from 'node:path'
import { createInterface } from 'node:readline'
import type { Result } from '../../shared/result'
import { openService, type DossierService } from '../service'

interface Plan {
  mode: 'restore' | 'merge'
  dir: string
  files: { name: string; path: string }[]
}

const plan = JSON.parse(process.argv[2] ?? '{}') as Plan

/** writeSync to fd 1: the line is in the pipe before the next step starts. */
const say = (line: string): void => void writeSync(1, `${line}\n`)

const die = (): never => {
  process.kill(process.pid, 'SIGKILL')
  throw new Error('unreachable')
}

// Every file-system call that changes the disk, counted while `counting`; the
// service's code imports these from node:fs/promises, and syncBuiltinESMExports
// makes those imports see the wrappers.
const MUTATING = ['open', 'rename', 'rm', 'rmdir', 'unlink', 'mkdir', 'writeFile', 'appendFile', 'copyFile', 'cp', 'link', 'symlink', 'truncate']
let counting = false
let steps = 0
let killAt = -1
let killAfter = false
const fsp = createRequire(import.meta.url)('node:fs/promises') as Record<string, (...args: unknown[]) => Promise<unknown>>
for (const name of MUTATING) {
  const original = fsp[name]
  if (typeof original !== 'function') continue
  fsp[name] = async function counted(this: unknown, ...args: unknown[]) {
    if (!counting) return original.apply(this, args)
    const step = ++steps
    if (step === killAt && !killAfter) die()
    const value = await original.apply(this, args)
    if (step === killAt && killAfter) die()
    return value
  }
}
syncBuiltinESMExports()

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

let service: DossierService | undefined
let state = 0

async function runOps(limit: number): Promise<void> {
  const files = await Promise.all(plan.files.map(async (file) => ({ name: file.name, data: new Uint8Array(await readFile(file.path)) })))
  counting = true
  for (let op = 0; op < limit; op++) {
    const target = plan.mode === 'restore' ? (state + 1) % files.length : state + 1
    if (target > files.length) {
      say('exhausted')
      return
    }
    const before = steps
    const started = performance.now()
    say(`begin ${op} ${target}`)
    if (!service) throw new Error('not open')
    if (plan.mode === 'restore') {
      const restored = valueOf(await service.api.restoreBackup(files[target]!))
      const ms = Math.round(performance.now() - started)
      state = target
      say(`done ${op} ${target} ${steps - before} ${ms}`)
      // What a user does with the old archive once the restore is done; not counted as a step of it.
      counting = false
      if (restored.previousFolder) await rm(join(dirname(plan.dir), restored.previousFolder), { recursive: true, force: true })
      counting = true
    } else {
      const report = valueOf(await service.api.mergeNotes(files[state]!))
      const ms = Math.round(performance.now() - started)
      if (!report.applied) throw new Error(`merge of ${files[state]!.name} was not applied`)
      state = target
      say(`done ${op} ${target} ${steps - before} ${ms}`)
    }
  }
}

async function command(line: string): Promise<void> {
  const [word, ...rest] = line.trim().split(' ')
  if (word === 'check') {
    // The open after a kill, as the app's next start does it; the test then reads the closed folder.
    try {
      const opened = await openService(plan.dir, { command: 'crash-exchange-child' })
      const notices = [...opened.notices]
      await opened.close()
      say(`checked ${JSON.stringify(notices)}`)
    } catch (error) {
      say(`check-failed ${JSON.stringify((error as Error).message)}`)
    }
  } else if (word === 'go') {
    state = Number(rest[0])
    service = await openService(plan.dir, { command: 'crash-exchange-child' })
    say('ready')
  } else if (word === 'run') {
    if (rest[0] === 'step') {
      killAt = Number(rest[1])
      killAfter = rest[2] === 'after'
    }
    await runOps(rest[0] === 'calibrate' ? Number(rest[1]) : Number.POSITIVE_INFINITY)
    counting = false
    say('idle')
  } else if (word === 'close') {
    await service?.close()
    service = undefined
    say('closed')
  } else if (word === 'exit') {
    await service?.close()
    say('closed')
    process.exit(0)
  }
}

let turn: Promise<void> = Promise.resolve()
createInterface({ input: process.stdin }).on('line', (line) => {
  turn = turn.then(() => command(line)).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`)
    process.exit(1)
  })
})
say('loaded')
