// The CLI against an archive another Dossier process holds (the desktop app,
// `dossier serve`): refused with the holder named and a non-zero exit, so two
// processes never write the same catalog.json.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { LOCK_FILE } from '../main/core/archive/lock'
import { main, type CliIo } from './main'

let root: string
let archive: string
let holder: ChildProcess | undefined

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' }
  const io: CliIo = { out: (t) => void (out.stdout += t), err: (t) => void (out.stderr += t), untilStopped: () => Promise.resolve() }
  const code = await main([...argv, '--archive', archive], io)
  return { code, ...out }
}

/** Another process that holds the archive's lock, as `dossier serve` does, until it is stopped. */
async function holdInAnotherProcess(): Promise<ChildProcess> {
  const script = `import { ArchiveLock } from ${JSON.stringify(join(__dirname, '../main/core/archive/lock.ts'))}
const { lock } = await ArchiveLock.acquire(${JSON.stringify(archive)}, { command: 'dossier serve' })
process.stdout.write('locked\\n')
process.once('SIGTERM', () => void lock.release().then(() => process.exit(0)))
setInterval(() => {}, 1000)`
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve())
    child.once('exit', (code) => reject(new Error(`holder exited early (${code})`)))
  })
  return child
}

async function stop(child: ChildProcess): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve))
  child.kill('SIGTERM')
  await exited
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-cli-lock-'))
  archive = join(root, 'archive')
  await writeFile(join(root, 'grid.txt'), 'Grid storage\n\nThe grid operator added 2 GW of storage in 2023, more than planned.\n')
  expect((await run('import', join(root, 'grid.txt'))).code).toBe(0)
})

afterEach(async () => {
  if (holder && holder.exitCode === null && holder.signalCode === null) await stop(holder)
  holder = undefined
  await rm(root, { recursive: true, force: true })
})

describe('dossier on an archive another process holds', () => {
  it.each([
    ['import', () => ['import', join(root, 'later.txt')]],
    ['delete', () => ['delete', 'abcdef123456']],
    ['merge', () => ['merge', join(root, 'notes.json')]],
    ['restore', () => ['restore', join(root, 'backup.zip')]],
    ['list (read-only, but opening writes)', () => ['list']],
    ['search', () => ['search', 'grid']],
    ['export', () => ['export', '--format', 'csv', '--all', '--out', join(root, 'notes.csv')]],
    ['serve', () => ['serve', '--port', '0']],
  ])('%s: exit 1, the holder named on stderr, nothing written', async (_what, argv) => {
    await writeFile(join(root, 'later.txt'), 'Later\n\nWritten while the archive was held elsewhere.\n')
    holder = await holdInAnotherProcess()
    const before = await readFile(join(archive, 'catalog.json'), 'utf8')
    const { code, stdout, stderr } = await run(...argv())
    expect(code).toBe(1)
    expect(stdout).toBe('')
    expect(stderr).toMatch(
      new RegExp(`^error: The archive at ${archive.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} is open in another Dossier process \\(pid ${holder.pid}, started \\S+, dossier serve\\)\\. Close it, then try again\\.\\n$`),
    )
    expect(await readFile(join(archive, 'catalog.json'), 'utf8')).toBe(before)
    expect(await readdir(root)).not.toContain('notes.csv')
  })

  it('runs once the holder has closed the archive', async () => {
    holder = await holdInAnotherProcess()
    expect((await run('list')).code).toBe(1)
    await stop(holder)
    const { code, stdout, stderr } = await run('list')
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(stdout).toContain('Grid storage')
  })

  it('takes over the lock of a process that died holding it, with a warning, and runs', async () => {
    const dead = spawnSync(process.execPath, ['-e', '']).pid
    await writeFile(join(archive, LOCK_FILE), JSON.stringify({ pid: dead, hostname: hostname(), startedAt: '2025-03-01T09:00:00.000Z', command: 'dossier import' }))
    const { code, stdout, stderr } = await run('list')
    expect(code).toBe(0)
    expect(stderr).toContain(`warning: The archive at ${archive} was not closed properly by Dossier process ${dead} (started 2025-03-01T09:00:00.000Z, dossier import)`)
    expect(stdout).toContain('Grid storage')
    expect(await readdir(archive)).not.toContain(LOCK_FILE)
  })

  it('takes over a lock file holding garbage, with a warning, and runs', async () => {
    await writeFile(join(archive, LOCK_FILE), '\u0000garbage')
    const { code, stderr } = await run('list')
    expect(code).toBe(0)
    expect(stderr).toMatch(/^warning: The lock file of the archive at .* held no readable owner/)
  })
})
