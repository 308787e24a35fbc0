// Disk full and read-only on a real file system: the archive lives on a small
// tmpfs mount that the test fills to the last byte, or remounts read-only.
// disk-errors.test.ts covers every write path by injection; this proves the
// same against the kernel's own ENOSPC and EROFS, where background writers
// (index saves, notes backups) hit the wall too. Mounting needs root and a
// kernel that allows it; elsewhere the suite is skipped and says why.

import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { open, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openService, type DossierService } from '../service'
import { valueOf } from '../service/library.test-support'
import { archiveFiles } from './archive-files.test-support'
import { checkArchive } from './integrity'

function mountProbe(): string | undefined {
  if (process.platform !== 'linux') return 'tmpfs mounts are Linux only'
  if (process.getuid?.() !== 0) return 'mounting a tmpfs needs root'
  const probe = mkdtempSync(join(tmpdir(), 'dossier-mount-probe-'))
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'pipe' })
    execFileSync('umount', [probe], { stdio: 'pipe' })
    return undefined
  } catch (error) {
    return `mount refused here: ${((error as { stderr?: Buffer }).stderr?.toString() || (error as Error).message).trim()}`
  } finally {
    rmSync(probe, { recursive: true, force: true })
  }
}

const cannotMount = mountProbe()

const text = (title: string, words = 60) => new TextEncoder().encode(`${title}\n\n${`The harbour ferries ran late again as ${title} was written. `.repeat(words / 10)}\n`)

/** Writes until the file system refuses: afterwards no new block can be had. */
async function fill(path: string): Promise<void> {
  const handle = await open(path, 'w')
  const chunk = Buffer.alloc(4096, 0x2e)
  try {
    for (;;) await handle.write(chunk)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error
  } finally {
    await handle.close().catch(() => undefined)
  }
}

/**
 * The kernel refuses a read-only remount while a file there is open for
 * writing ("mount point is busy"): a background save (the search index, a
 * notes snapshot) can be in flight. Such a save ends in milliseconds.
 */
async function remountReadOnly(mountPoint: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      execFileSync('mount', ['-o', 'remount,ro', mountPoint], { stdio: 'pipe' })
      return
    } catch (error) {
      if (attempt >= 50 || !/busy/.test(String((error as { stderr?: Buffer }).stderr ?? error))) throw error
      await new Promise((resolve) => setTimeout(resolve, 50))
    }
  }
}

describe.skipIf(cannotMount !== undefined)(`a real full or read-only disk (tmpfs)${cannotMount ? ` — skipped: ${cannotMount}` : ''}`, () => {
  let mountPoint: string
  let dir: string
  let service: DossierService | undefined

  beforeEach(() => {
    mountPoint = mkdtempSync(join(tmpdir(), 'dossier-tmpfs-'))
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m', 'tmpfs', mountPoint])
    dir = join(mountPoint, 'archive')
    mkdirSync(dir)
  })

  afterEach(async () => {
    await service?.close().catch(() => undefined)
    service = undefined
    execFileSync('umount', ['-l', mountPoint])
    await rm(mountPoint, { recursive: true, force: true })
  })

  it('when the disk fills: imports and notes are refused with a clear error, nothing already kept changes, and it all works again once there is room', async () => {
    service = await openService(dir)
    const first = valueOf(await service.api.importFiles([{ name: 'first.txt', data: text('First report') }])).imported[0]!
    valueOf(await service.api.createAnnotation(first.id, { start: 0, end: 5, note: 'kept before the disk filled', tags: ['kept'] }))
    const before = await archiveFiles(dir, ['filler'])
    const listed = valueOf(await service.api.listArticles())

    await fill(join(dir, 'filler'))
    const outcome = valueOf(await service.api.importFiles([{ name: 'second.txt', data: text('Second report', 400) }]))
    expect(outcome.imported).toEqual([])
    expect(outcome.failed[0]).toMatchObject({ file: 'second.txt', code: 'io-error' })
    expect(outcome.failed[0]?.message).toMatch(/disk is full/)
    const note = await service.api.createAnnotation(first.id, { start: 6, end: 12, note: 'written while full', tags: [] })
    expect(note.ok).toBe(false)
    if (!note.ok) expect(note.error).toMatchObject({ code: 'io-error', message: expect.stringMatching(/disk is full/) })
    expect(valueOf(await service.api.listArticles())).toEqual(listed)
    expect(valueOf(await service.api.listAnnotations(first.id)).map((a) => a.note)).toEqual(['kept before the disk filled'])
    expect(await archiveFiles(dir, ['filler'])).toEqual(before)

    await rm(join(dir, 'filler'))
    expect(valueOf(await service.api.importFiles([{ name: 'second.txt', data: text('Second report', 400) }])).imported).toHaveLength(1)
    valueOf(await service.api.createAnnotation(first.id, { start: 6, end: 12, note: 'written once there was room', tags: [] }))
    await service.close()
    service = undefined

    const report = await checkArchive(dir)
    expect(report.articleIds).toHaveLength(listed.length + 1)
    expect(report.annotationIds).toHaveLength(2)
    expect(report.unreadable).toEqual([])
    expect(report.strayAnnotations).toEqual([])
    expect(report.leftoverTemps).toEqual([])
  })

  it('when the archive is remounted read-only: writes are refused as such, reading goes on, and writing resumes once it is writable', async () => {
    service = await openService(dir)
    const first = valueOf(await service.api.importFiles([{ name: 'first.txt', data: text('First report') }])).imported[0]!
    const before = await archiveFiles(dir, ['filler'])

    await remountReadOnly(mountPoint)
    const outcome = valueOf(await service.api.importFiles([{ name: 'second.txt', data: text('Second report') }]))
    expect(outcome.imported).toEqual([])
    expect(outcome.failed[0]).toMatchObject({ file: 'second.txt', code: 'io-error' })
    expect(outcome.failed[0]?.message).toMatch(/cannot be written/)
    const rename = await service.api.updateArticle(first.id, { title: 'Renamed while read-only' })
    expect(rename.ok).toBe(false)
    expect(valueOf(await service.api.getArticle(first.id)).title).toBe('First report')
    expect(valueOf(await service.api.search({ query: 'harbour' })).total).toBe(1)
    expect(await archiveFiles(dir, ['filler'])).toEqual(before)

    execFileSync('mount', ['-o', 'remount,rw', mountPoint])
    expect(valueOf(await service.api.importFiles([{ name: 'second.txt', data: text('Second report') }])).imported).toHaveLength(1)
  })

  it('opening an archive on a read-only disk is refused with a clear reason, and writes nothing', async () => {
    service = await openService(dir)
    valueOf(await service.api.importFiles([{ name: 'first.txt', data: text('First report') }]))
    await service.close()
    service = undefined
    const before = await archiveFiles(dir, ['filler'])

    await remountReadOnly(mountPoint)
    // The archive lock cannot be taken on a read-only disk, so Dossier says so rather than half-opening.
    await expect(openService(dir)).rejects.toMatchObject({ code: 'io-error', message: expect.stringMatching(/cannot be written/) })
    expect(await archiveFiles(dir, ['filler'])).toEqual(before)
  })
})
