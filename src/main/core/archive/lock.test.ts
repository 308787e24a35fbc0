import { spawn, spawnSync } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, utimes, writeFile } from 'node:fs/promises'
import { hostname, tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DossierFailure } from '../../../shared/result'
import { writeFileDurably } from '../store/durable-file'
import { ArchiveLock, LOCK_FILE } from './lock'

let dir: string
const taken: ArchiveLock[] = []

async function acquire(options: Partial<Parameters<typeof ArchiveLock.acquire>[1]> = {}) {
  const opened = await ArchiveLock.acquire(dir, { command: 'dossier test', ...options })
  taken.push(opened.lock)
  return opened
}

async function refusal(options: Partial<Parameters<typeof ArchiveLock.acquire>[1]> = {}): Promise<DossierFailure> {
  const error = await acquire(options).then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  if (!(error instanceof DossierFailure)) throw new Error(`expected a refusal, got ${String(error)}`)
  return error
}

/** A pid that was alive a moment ago and is no longer: a child that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', ''])
  if (child.pid === undefined) throw new Error('no child pid')
  return child.pid
}

const lockPath = () => join(dir, LOCK_FILE)
const holderFile = (holder: Record<string, unknown>) => writeFile(lockPath(), JSON.stringify(holder))

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-lock-'))
})

afterEach(async () => {
  for (const lock of taken.splice(0)) await lock.release()
  await rm(dir, { recursive: true, force: true })
})

describe('taking the archive lock', () => {
  it('writes who holds it: pid, hostname, start time and command', async () => {
    const { notices } = await acquire({ command: 'dossier import' })
    expect(notices).toEqual([])
    const holder = JSON.parse(await readFile(lockPath(), 'utf8')) as Record<string, unknown>
    expect(holder).toEqual({ pid: process.pid, hostname: hostname(), startedAt: expect.any(String), command: 'dossier import' })
    expect(Date.now() - Date.parse(holder['startedAt'] as string)).toBeLessThan(60_000)
  })

  it('refuses a second opener in the same process with archive-busy, naming the holder', async () => {
    await acquire({ command: 'Dossier desktop app' })
    const error = await refusal({ command: 'dossier import' })
    expect(error.code).toBe('archive-busy')
    expect(error.message).toContain(`The archive at ${dir} is already open in this Dossier process (pid ${process.pid}, started `)
    expect(error.message).toContain('Dossier desktop app')
    expect(error.message).toMatch(/Close it, then try again\.$/)
    // The holder's lock is untouched by the refusal.
    expect(JSON.parse(await readFile(lockPath(), 'utf8'))).toMatchObject({ command: 'Dossier desktop app' })
  })

  it('refuses while another live process on this host holds it, naming that process', async () => {
    // pid 1 is always alive; as another user's process kill(1, 0) says EPERM, which still means alive.
    await holderFile({ pid: 1, hostname: hostname(), startedAt: new Date().toISOString(), command: 'dossier serve' })
    const error = await refusal()
    expect(error.code).toBe('archive-busy')
    expect(error.message).toMatch(/is open in another Dossier process \(pid 1, started .*, dossier serve\)\. Close it, then try again\./)
  })

  it('refuses with a typed io-error, not a raw errno, when the lock file cannot be created', async () => {
    await writeFile(join(dir, 'plain-file'), 'not a folder')
    const error = await ArchiveLock.acquire(join(dir, 'plain-file', 'archive'), { command: 'dossier test' }).then(
      () => undefined,
      (thrown: unknown) => thrown,
    )
    expect(error).toBeInstanceOf(DossierFailure)
    expect(error).toMatchObject({ code: 'io-error', message: expect.stringContaining(`The archive at ${join(dir, 'plain-file', 'archive')} could not be opened: `) })
  })

  it('opens again once the holder has released it', async () => {
    const { lock } = await acquire()
    await lock.release()
    await expect(readdir(dir)).resolves.toEqual([])
    const again = await acquire()
    expect(again.notices).toEqual([])
  })

  it('release is safe twice and never removes a lock another process has taken since', async () => {
    const { lock } = await acquire()
    // Someone deleted ours by hand and another process took the archive.
    await holderFile({ pid: 1, hostname: hostname(), startedAt: new Date().toISOString(), command: 'dossier serve' })
    await lock.release()
    await lock.release()
    expect(JSON.parse(await readFile(lockPath(), 'utf8'))).toMatchObject({ pid: 1 })
  })
})

describe('stale and unreadable locks', () => {
  it('takes over the lock of a process that is no longer running, with a notice naming it', async () => {
    const pid = deadPid()
    await holderFile({ pid, hostname: hostname(), startedAt: '2025-03-01T09:00:00.000Z', command: 'dossier import' })
    const { notices } = await acquire({ command: 'dossier list' })
    expect(notices).toHaveLength(1)
    expect(notices[0]).toContain(`was not closed properly by Dossier process ${pid} (started 2025-03-01T09:00:00.000Z, dossier import)`)
    expect(JSON.parse(await readFile(lockPath(), 'utf8'))).toMatchObject({ pid: process.pid, command: 'dossier list' })
  })

  it('takes over a lock left by a process killed while it held the archive', async () => {
    const script = `import { ArchiveLock } from ${JSON.stringify(join(__dirname, 'lock.ts'))}
await ArchiveLock.acquire(${JSON.stringify(dir)}, { command: 'dossier import' })
process.stdout.write('locked\\n')
setInterval(() => {}, 1000)`
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve())
      child.once('exit', (code) => reject(new Error(`lock child exited early (${code})`)))
    })
    const whileAlive = await refusal()
    expect(whileAlive.message).toContain(`pid ${child.pid}`)
    const exited = new Promise((resolve) => child.once('exit', resolve))
    child.kill('SIGKILL')
    await exited
    const { notices } = await acquire()
    expect(notices[0]).toContain(`Dossier process ${child.pid}`)
  })

  it('takes over a lock from before the host last started, whose pid may belong to another process now', async () => {
    await holderFile({ pid: process.pid, hostname: hostname(), startedAt: '2020-01-01T00:00:00.000Z', command: 'dossier serve' })
    const { notices } = await acquire({ bootedAt: () => Date.parse('2025-01-01T00:00:00.000Z') })
    expect(notices[0]).toContain(`Dossier process ${process.pid} (started 2020-01-01T00:00:00.000Z, dossier serve)`)
  })

  it.each([
    ['text that is not JSON', 'not a lock at all'],
    ['JSON of the wrong shape', '{"pid":"1234","host":"x"}'],
    ['a pid that is not a number', '{"pid":-5,"hostname":"h","startedAt":"2025-03-01T09:00:00.000Z","command":"x"}'],
    ['a start time that is not a date', `{"pid":1,"hostname":"${hostname()}","startedAt":"yesterday","command":"x"}`],
    ['JSON null', 'null'],
    ['NUL bytes', '\u0000'.repeat(32)],
  ])('treats a lock file holding %s as stale: taken over with a notice, no crash', async (_what, content) => {
    await writeFile(lockPath(), content)
    const { notices } = await acquire()
    expect(notices).toEqual([`The lock file of the archive at ${dir} held no readable owner, as a crash while opening it leaves it; the lock was taken over.`])
    expect(JSON.parse(await readFile(lockPath(), 'utf8'))).toMatchObject({ pid: process.pid })
  })

  it('takes over an empty lock file left long ago by a crash while it was being created', async () => {
    await writeFile(lockPath(), '')
    const old = new Date(Date.now() - 60_000)
    await utimes(lockPath(), old, old)
    const { notices } = await acquire()
    expect(notices[0]).toMatch(/lock file .* was empty/)
  })

  it('waits out an empty lock file created a moment ago: its creator is writing it', async () => {
    await writeFile(lockPath(), '')
    const error = await refusal()
    expect(error.code).toBe('archive-busy')
    expect(error.message).toMatch(/being opened by another Dossier process right now/)
    expect(await readFile(lockPath(), 'utf8')).toBe('')
  })

  it('never takes over a lock from another computer, whose processes it cannot see; it says how to clear it', async () => {
    await holderFile({ pid: deadPid(), hostname: 'analyst-laptop', startedAt: '2025-03-01T09:00:00.000Z', command: 'Dossier desktop app' })
    const error = await refusal()
    expect(error.code).toBe('archive-busy')
    expect(error.message).toContain('on another computer, analyst-laptop')
    expect(error.message).toContain(`delete ${lockPath()}`)
  })
})

describe('releasing at exit', () => {
  it('removes the lock when the process exits without closing the archive', async () => {
    const script = `import { ArchiveLock } from ${JSON.stringify(join(__dirname, 'lock.ts'))}
await ArchiveLock.acquire(${JSON.stringify(dir)}, { command: 'dossier import' })`
    const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' })
    expect(child.status, child.stderr).toBe(0)
    expect(await readdir(dir)).toEqual([])
  })
})

describe('renewing a held lock', () => {
  it('writes the lock again in a folder swapped in under it, and refuses when another process took it', async () => {
    const { lock } = await acquire()
    await rm(lockPath())
    await lock.renew()
    expect(JSON.parse(await readFile(lockPath(), 'utf8'))).toMatchObject({ pid: process.pid })
    await holderFile({ pid: 1, hostname: hostname(), startedAt: new Date().toISOString(), command: 'dossier serve' })
    await expect(lock.renew()).rejects.toMatchObject({ code: 'archive-busy' })
  })
})

describe('a lock file deleted while the archive is open', () => {
  it('is written again by the next durable write under the archive, so a second opener is still refused', async () => {
    const { lock } = await acquire({ heartbeatMs: 0 })
    let recreated = 0
    lock.onRecreated = () => void recreated++
    await rm(lockPath())
    await writeFileDurably(join(dir, 'catalog.json'), '{}')
    expect(recreated).toBe(1)
    expect(await readFile(lockPath(), 'utf8')).toContain(`"pid":${process.pid}`)
    expect((await refusal({ hostname: hostname() })).code).toBe('archive-busy')
  })

  it('is written again by the heartbeat with no write at all', async () => {
    await acquire({ heartbeatMs: 20 })
    await rm(lockPath())
    for (let i = 0; i < 100 && !(await readdir(dir)).includes(LOCK_FILE); i++) await new Promise((r) => setTimeout(r, 20))
    expect(await readdir(dir)).toContain(LOCK_FILE)
  })

  it('once another process holds the archive, every write of this one is refused naming it, and nothing is written', async () => {
    const { lock } = await acquire({ heartbeatMs: 0 })
    await rm(lockPath())
    // What a second Dossier writes when it finds no lock.
    await holderFile({ pid: process.pid + 1, hostname: hostname(), startedAt: new Date().toISOString(), command: 'dossier import' })
    const write = writeFileDurably(join(dir, 'catalog.json'), '{"changed":true}')
    await expect(write).rejects.toMatchObject({ code: 'archive-busy', message: expect.stringMatching(/taken by another Dossier process \(pid \d+.*dossier import\).*no longer saves changes/) })
    await expect(readFile(join(dir, 'catalog.json'), 'utf8')).rejects.toMatchObject({ code: 'ENOENT' })
    // Even if the other one goes away, this one stays out: its view of the files is stale.
    await rm(lockPath())
    await expect(lock.verify()).rejects.toMatchObject({ code: 'archive-busy' })
    await expect(lock.renew()).rejects.toMatchObject({ code: 'archive-busy' })
  })

  it('a released lock guards nothing: writes under the folder go through and no lock is written', async () => {
    const { lock } = await acquire({ heartbeatMs: 0 })
    await lock.release()
    await writeFileDurably(join(dir, 'notes.json'), '{}')
    expect(await readdir(dir)).not.toContain(LOCK_FILE)
  })
})
