// Disk full and read-only archive folders, by injection: writeFileDurably's
// fs calls fail with ENOSPC (after writing part of the temp file, as a full
// disk does) or EROFS/EACCES (at open, as a read-only mount or folder does).
// Injection reaches every write path on any machine (as root chmod does not
// stop writes); real-disk.test.ts proves the same on a real tmpfs where
// mounting is allowed. Every failure must be a clear typed error, and nothing
// already in the archive, on disk or in what the app shows, may change.

import * as fs from 'node:fs/promises'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { openService, type DossierService } from '../service'
import { valueOf } from '../service/library.test-support'
import { archiveFiles } from './archive-files.test-support'

type Failure = 'ENOSPC' | 'EROFS' | 'EACCES' | undefined
const injected: { failure: Failure } = { failure: undefined }

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: injected by the test`), { code })
}

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>()
  const open: typeof actual.open = async (path, flags, mode) => {
    const failure = injected.failure
    const writing = flags === 'w' || flags === 'a' || flags === 'wx'
    if (writing && (failure === 'EROFS' || failure === 'EACCES')) throw errno(failure)
    const handle = await actual.open(path, flags, mode)
    if (writing && failure === 'ENOSPC') {
      // A full disk takes the first bytes, then refuses the rest.
      handle.writeFile = async (data) => {
        await actual.writeFile(path, typeof data === 'string' ? data.slice(0, 3) : new Uint8Array(0))
        throw errno('ENOSPC')
      }
    }
    return handle
  }
  return { ...actual, open, default: { ...actual, open } }
})

let dir: string
let service: DossierService

const text = (title: string) => new TextEncoder().encode(`${title}\n\nA paragraph of ${title} long enough to be an article about the harbour and its ferries.\n`)

beforeEach(async () => {
  injected.failure = undefined
  dir = await mkdtemp(join(tmpdir(), 'dossier-disk-'))
  service = await openService(dir)
  valueOf(await service.api.importFiles([{ name: 'first.txt', data: text('First report') }]))
})

afterEach(async () => {
  injected.failure = undefined
  await service.close()
  await rm(dir, { recursive: true, force: true })
})

describe.each([
  ['a full disk', 'ENOSPC', /disk is full/],
  ['a read-only archive folder', 'EROFS', /cannot be written/],
  ['a folder without write permission', 'EACCES', /cannot be written/],
] as const)('%s', (_what, failure, message) => {
  it('refuses an import with the file named, and leaves every file and the library as they were', async () => {
    const before = await archiveFiles(dir)
    const listed = valueOf(await service.api.listArticles())
    injected.failure = failure
    const outcome = valueOf(await service.api.importFiles([{ name: 'second.txt', data: text('Second report') }]))
    injected.failure = undefined
    expect(outcome.imported).toEqual([])
    expect(outcome.failed.map((error) => error.file)).toEqual(['second.txt'])
    expect(outcome.failed[0]).toMatchObject({ code: 'io-error' })
    expect(outcome.failed[0]?.message).toMatch(message)
    expect(valueOf(await service.api.listArticles())).toEqual(listed)
    expect(await archiveFiles(dir)).toEqual(before)
    // Space back: the same file imports.
    expect(valueOf(await service.api.importFiles([{ name: 'second.txt', data: text('Second report') }])).imported).toHaveLength(1)
  })

  it('refuses edits, deletes, positions and preferences with a clear typed error; the app and the disk keep the old values', async () => {
    const [article] = valueOf(await service.api.listArticles()).filter((meta) => meta.title === 'First report')
    if (!article) throw new Error('fixture missing')
    const before = await archiveFiles(dir)
    const preferences = valueOf(await service.api.getPreferences())
    injected.failure = failure
    const attempts = [
      await service.api.updateArticle(article.id, { title: 'Renamed', tags: ['x'] }),
      await service.api.deleteArticle(article.id),
      await service.api.setReadingPosition(article.id, { blockId: 'b1', fraction: 0.5 }),
      await service.api.setPreferences({ theme: 'dark', fontSize: 24 }),
      await service.api.purgeArticle(article.id),
      await service.api.createAnnotation(article.id, { start: 0, end: 5, note: 'lost?' }),
    ]
    injected.failure = undefined
    for (const result of attempts) {
      expect(result.ok).toBe(false)
      if (!result.ok) expect(result.error.code).toBe('io-error')
    }
    for (const result of attempts.slice(0, 5)) if (!result.ok) expect(result.error.message).toMatch(message)
    expect(await archiveFiles(dir)).toEqual(before)
    expect(valueOf(await service.api.getArticle(article.id)).title).toBe('First report')
    expect(valueOf(await service.api.listTrash())).toEqual([])
    expect(valueOf(await service.api.getReadingPosition(article.id))).toBeNull()
    expect(valueOf(await service.api.getPreferences())).toEqual(preferences)
    expect(valueOf(await service.api.listAnnotations(article.id))).toEqual([])
  })
})
