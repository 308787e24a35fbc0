// The archive lock as the service takes it: one openService per archive folder
// at a time, released at close, kept through a restore, never packed into a backup.

import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { unzipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DossierFailure, type Result } from '../../shared/result'
import { LOCK_FILE } from '../core/archive/lock'
import { openService, type DossierService } from '.'

let root: string
let dir: string
const opened: DossierService[] = []

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

async function open(command?: string): Promise<DossierService> {
  const service = await openService(dir, command === undefined ? {} : { command })
  opened.push(service)
  return service
}

async function refusal(): Promise<DossierFailure> {
  const error = await open().then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  if (!(error instanceof DossierFailure)) throw new Error(`expected a refusal, got ${String(error)}`)
  return error
}

const file = (name: string, text: string) => ({ name, data: new TextEncoder().encode(text) })

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-lock-service-'))
  dir = join(root, 'archive')
})

afterEach(async () => {
  for (const service of opened.splice(0)) await service.close()
  await rm(root, { recursive: true, force: true })
})

describe('one service per archive', () => {
  it('refuses a second open of the same archive with archive-busy naming the holder, and the first keeps working', async () => {
    const first = await open('Dossier desktop app')
    const catalog = await readFile(join(dir, 'catalog.json'), 'utf8')
    const error = await refusal()
    expect(error.code).toBe('archive-busy')
    expect(error.message).toBe(
      `The archive at ${dir} is already open in this Dossier process (pid ${process.pid}, started ${JSON.parse(await readFile(join(dir, LOCK_FILE), 'utf8')).startedAt}, Dossier desktop app). Close it, then try again.`,
    )
    // The refused opener wrote nothing.
    expect(await readFile(join(dir, 'catalog.json'), 'utf8')).toBe(catalog)
    expect(valueOf(await first.api.importFiles([file('kept.txt', 'Kept\n\nThe first service still writes after the refusal.\n')])).imported).toHaveLength(1)
  })

  it('lets the archive open again once the holder has closed, with no notice', async () => {
    const first = await open()
    await first.close()
    opened.splice(0)
    expect(await readdir(dir)).not.toContain(LOCK_FILE)
    const second = await open()
    expect(second.notices).toEqual([])
  })

  it('leaves no lock behind when opening fails after the lock was taken', async () => {
    // articles/ as a file: the archive cannot open.
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'articles'), 'not a folder')
    await expect(openService(dir)).rejects.toThrow()
    expect(await readdir(dir)).not.toContain(LOCK_FILE)
    await rm(join(dir, 'articles'))
    const service = await open()
    expect(service.notices).toEqual([])
  })

  it('reports the takeover of a stale lock among the open notices', async () => {
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, LOCK_FILE), '{"pid": 12')
    const service = await open()
    expect(service.notices).toEqual([expect.stringMatching(/lock file .* held no readable owner.*taken over/)])
    expect(valueOf(await service.api.listNotices()).map((n) => n.message)).toContain(service.notices[0])
  })
})

describe('a lock file deleted while the service runs', () => {
  it('is written again at the next save, with a notice, so a second open is still refused', async () => {
    const first = await open('Dossier desktop app')
    const notices: string[] = []
    first.events.subscribe((event) => {
      if (event.type === 'notice') notices.push(event.payload.message)
    })
    await rm(join(dir, LOCK_FILE))
    valueOf(await first.api.importFiles([file('kept.txt', 'Kept\n\nSaved after the lock file was deleted.\n')]))
    const error = await refusal()
    expect(error).toMatchObject({ code: 'archive-busy', message: expect.stringMatching(/Dossier desktop app/) })
    expect(notices.join(' ')).toMatch(/dossier\.lock\) was deleted/)
  })
})

describe('the lock through a backup and a restore', () => {
  it('packs no lock into a backup, keeps the archive locked through a restore, and leaves none in the folder set aside', async () => {
    const service = await open()
    valueOf(await service.api.importFiles([file('grid.txt', 'Grid storage\n\nThe grid operator added 2 GW of storage in 2023.\n')]))
    const backup = valueOf(await service.api.backupArchive())
    expect(Object.keys(unzipSync(backup.data)).some((name) => name.endsWith(LOCK_FILE))).toBe(false)
    const restored = valueOf(await service.api.restoreBackup({ name: backup.name, data: backup.data }))
    expect(restored.previousFolder).toBeDefined()
    expect(await readdir(join(root, restored.previousFolder!))).not.toContain(LOCK_FILE)
    expect((await refusal()).code).toBe('archive-busy')
    expect(valueOf(await service.api.listArticles()).map((a) => a.title)).toContain('Grid storage')
    await service.close()
    opened.splice(0)
    expect(await readdir(dir)).not.toContain(LOCK_FILE)
  })
})
