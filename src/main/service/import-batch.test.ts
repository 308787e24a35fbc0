// An import saves the catalog in batches: these tests count the catalog writes,
// make a save fail or never finish mid-batch (a full disk, a crash), and check
// that what the job reported is exactly what the archive holds when it is opened again.

import { spawn } from 'node:child_process'
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ImportFile, ImportOutcome } from '../../shared/api/library'
import type { JobProgress } from '../../shared/events'
import type { ArticleMeta } from '../../shared/types'
import { Archive } from '../core/archive/archive'
import { ARCHIVE_FORMAT } from '../core/archive/schema'
import { contentHash } from '../core/archive/text-stats'
import { sharedImportPool } from '../core/import/pool'
import { EventBus } from './events'
import { ImportJobs, type CatalogBatching } from './import-job'

/** What happens to the next catalog.json writes: pass, fail (a full disk) or never finish (the process died mid-write). */
const catalogWrites = vi.hoisted(() => ({ count: 0, plan: [] as ('pass' | 'fail' | 'hang')[] }))

vi.mock('../core/store/durable-file', async (importOriginal) => {
  const real = await importOriginal<typeof import('../core/store/durable-file')>()
  return {
    ...real,
    writeFileDurably: (path: string, data: string | Uint8Array) => {
      if (!path.endsWith('catalog.json')) return real.writeFileDurably(path, data)
      catalogWrites.count++
      const next = catalogWrites.plan.shift() ?? 'pass'
      if (next === 'fail') return Promise.reject(Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }))
      if (next === 'hang') return new Promise<void>(() => undefined)
      return real.writeFileDurably(path, data)
    },
  }
})

const encoder = new TextEncoder()
const textFile = (i: number): ImportFile => ({ name: `notes/file-${i}.txt`, data: encoder.encode(`Article Number ${i}\n\nThe body of article ${i}, with words enough to be an article about item ${i}.\n`) })
const files = (from: number, count: number): ImportFile[] => Array.from({ length: count }, (_, i) => textFile(from + i))
/** Saves only when the batch is full, so the number of writes depends on the count alone. */
const bySize = (maxArticles: number): CatalogBatching => ({ maxArticles, minWaitMs: 600_000, maxWaitMs: 600_000 })

/** An archive of `count` entries written straight to disk, as thousands of earlier imports would leave it. */
async function largeArchive(dir: string, count: number): Promise<void> {
  await mkdir(join(dir, 'articles'), { recursive: true })
  const now = new Date().toISOString()
  const articles: ArticleMeta[] = []
  for (let i = 0; i < count; i++) {
    const id = (0x100000000000 + i).toString(16)
    const blocks = [{ id: 'b0', type: 'paragraph' as const, text: `Earlier article ${i} about subject ${i % 97}.` }]
    articles.push({ id, title: `Earlier ${i}`, addedAt: now, updatedAt: now, tags: [], format: 'text', wordCount: 5, readingMinutes: 1, contentHash: contentHash(blocks) })
    await writeFile(join(dir, 'articles', `${id}.json`), JSON.stringify({ format: ARCHIVE_FORMAT, id, blocks }))
  }
  await writeFile(join(dir, 'catalog.json'), JSON.stringify({ format: ARCHIVE_FORMAT, articles }))
}

async function catalogOnDisk(dir: string): Promise<ArticleMeta[]> {
  return (JSON.parse(await readFile(join(dir, 'catalog.json'), 'utf8')) as { articles: ArticleMeta[] }).articles
}

/** Opens the folder as the next start would, and checks it is whole: no notices, every entry's text readable. */
async function reopenWhole(dir: string): Promise<Archive> {
  const archive = await Archive.open(dir)
  expect(archive.notices).toEqual([])
  for (const meta of archive.list()) expect((await archive.readBlocks(meta.id)).length).toBeGreaterThan(0)
  return archive
}

let dir: string
let archive: Archive
let events: EventBus
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-import-batch-'))
  catalogWrites.count = 0
  catalogWrites.plan = []
  events = new EventBus()
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('import into a large archive', () => {
  it('does not rewrite the catalog per article (count writes)', async () => {
    await largeArchive(dir, 3000)
    archive = await Archive.open(dir)
    const jobs = new ImportJobs(archive, events, {}, sharedImportPool(), bySize(50))
    const outcome = await jobs.run(files(0, 200), 'big')
    expect(outcome.imported).toHaveLength(200)
    // 200 articles in batches of 50: four writes, where one per article made 200.
    expect(catalogWrites.count).toBe(4)
    const reopened = await reopenWhole(dir)
    expect(reopened.list()).toHaveLength(3200)
  })

  it('with the default batching writes the catalog at most once per wait, and once at the end', async () => {
    await largeArchive(dir, 3000)
    archive = await Archive.open(dir)
    const jobs = new ImportJobs(archive, events)
    const start = performance.now()
    const outcome = await jobs.run(files(0, 200), 'default')
    const elapsed = performance.now() - start
    expect(outcome.imported).toHaveLength(200)
    expect(catalogWrites.count).toBeGreaterThanOrEqual(1)
    expect(catalogWrites.count).toBeLessThanOrEqual(Math.floor(elapsed / 200) + 1)
    expect((await catalogOnDisk(dir)).length).toBe(3200)
  })
})

describe('what an import reports is on disk', () => {
  it('reports an article, to search and in progress, only once a catalog write holding it has reached disk', async () => {
    archive = await Archive.open(dir)
    const announced: string[][] = []
    const onDiskWhenAnnounced: boolean[] = []
    const jobs = new ImportJobs(
      archive,
      events,
      {
        afterAdd: async (ids) => {
          announced.push(ids)
          const saved = new Set((await catalogOnDisk(dir)).map((meta) => meta.id))
          onDiskWhenAnnounced.push(ids.every((id) => saved.has(id)))
        },
      },
      sharedImportPool(),
      bySize(4),
    )
    const listedBeforeSave: number[] = []
    events.subscribe((event) => {
      if (event.type === 'job-progress' && event.payload.current !== undefined) listedBeforeSave.push(archive.list().length)
    })
    const outcome = await jobs.run(files(0, 10), 'report')
    expect(announced.map((ids) => ids.length)).toEqual([4, 4, 2])
    expect(onDiskWhenAnnounced).toEqual([true, true, true])
    // The list never shows an entry that is only in memory: it grows by whole saved batches.
    expect(listedBeforeSave).toEqual([0, 0, 0, 0, 4, 4, 4, 4, 8, 8])
    expect(outcome.imported.map((meta) => meta.id)).toEqual(announced.flat())
  })

  it('a failed save mid-batch reports that batch as failed, drops its files, and keeps every other batch', async () => {
    archive = await Archive.open(dir)
    const jobs = new ImportJobs(archive, events, {}, sharedImportPool(), bySize(5))
    catalogWrites.plan = ['pass', 'fail', 'pass']
    const outcome = await jobs.run(files(0, 15), 'disk-full')
    expect(outcome.imported.map((meta) => meta.fileName)).toEqual([0, 1, 2, 3, 4, 10, 11, 12, 13, 14].map((i) => `file-${i}.txt`))
    expect(outcome.failed.map((failure) => [failure.code, failure.file])).toEqual([5, 6, 7, 8, 9].map((i) => ['io-error', `notes/file-${i}.txt`]))
    expect(outcome.failed[0]!.message).toMatch(/disk is full|space/i)
    const reopened = await reopenWhole(dir)
    expect(reopened.list().map((meta) => meta.id).sort()).toEqual(outcome.imported.map((meta) => meta.id).sort())
    // No body file of a dropped article is left behind.
    expect((await readdir(join(dir, 'articles'))).sort()).toEqual(outcome.imported.map((meta) => `${meta.id}.json`).sort())
    // A file that failed imports again.
    const again = await new ImportJobs(reopened, events, {}, sharedImportPool(), bySize(5)).run(files(5, 5), 'again')
    expect(again.imported).toHaveLength(5)
  })

  it('a crash mid-save loses only articles never reported, and the archive opens whole', async () => {
    archive = await Archive.open(dir)
    const jobs = new ImportJobs(archive, events, {}, sharedImportPool(), bySize(3))
    const reported: number[] = []
    events.subscribe((event) => {
      if (event.type === 'job-progress') reported.push((event.payload as JobProgress).done)
    })
    // The third save never finishes: the process is gone from that moment, and the disk holds what it holds.
    catalogWrites.plan = ['pass', 'pass', 'hang']
    let settled: ImportOutcome | undefined
    void jobs.run(files(0, 12), 'crash').then((outcome) => (settled = outcome))
    await vi.waitFor(() => expect(catalogWrites.count).toBe(3), { timeout: 30_000 })
    expect(settled).toBeUndefined()
    const toldDone = Math.max(0, ...reported)
    expect(toldDone).toBe(6)
    const reopened = await reopenWhole(dir)
    expect(reopened.list().map((meta) => meta.fileName).sort()).toEqual([0, 1, 2, 3, 4, 5].map((i) => `file-${i}.txt`).sort())
    // The next import of the same files stores the lost ones and finds the rest already there.
    const again = await new ImportJobs(reopened, new EventBus(), {}, sharedImportPool(), bySize(3)).run(files(0, 12), 'after-crash')
    expect(again.duplicates).toHaveLength(6)
    expect(again.imported.map((meta) => meta.fileName)).toEqual([6, 7, 8, 9, 10, 11].map((i) => `file-${i}.txt`))
  })

  it('the same text twice in one job is reported as a duplicate only once its first copy is saved', async () => {
    archive = await Archive.open(dir)
    const jobs = new ImportJobs(archive, events, {}, sharedImportPool(), bySize(10))
    const twin = { ...textFile(1), name: 'elsewhere/copy.txt' }
    catalogWrites.plan = ['fail']
    const outcome = await jobs.run([textFile(1), twin], 'twins')
    // The save failed: the first copy is gone, so the second cannot be called a duplicate of it.
    expect(outcome.duplicates).toEqual([])
    expect(outcome.failed.map((failure) => failure.file)).toEqual(['notes/file-1.txt', 'elsewhere/copy.txt'])
    const retry = await jobs.run([textFile(1), twin], 'twins-again')
    expect(retry.imported.map((meta) => meta.fileName)).toEqual(['file-1.txt'])
    expect(retry.duplicates).toEqual([{ file: 'elsewhere/copy.txt', existingId: retry.imported[0]!.id, title: 'Article Number 1' }])
  })
})

describe('killed mid-import', () => {
  it('every article reported before a SIGKILL is in the catalog, and the archive opens whole', async () => {
    // A real process, killed at once, while its import is between catalog saves or inside one.
    const script = `
import { Archive } from ${JSON.stringify(join(__dirname, '../core/archive/archive.ts'))}
import { sharedImportPool } from ${JSON.stringify(join(__dirname, '../core/import/pool.ts'))}
import { EventBus } from ${JSON.stringify(join(__dirname, 'events.ts'))}
import { ImportJobs } from ${JSON.stringify(join(__dirname, 'import-job.ts'))}
const archive = await Archive.open(${JSON.stringify(dir)})
const jobs = new ImportJobs(archive, new EventBus(), { afterAdd: (ids) => void process.stdout.write(JSON.stringify(ids) + '\\n') }, sharedImportPool(), { maxArticles: 7, minWaitMs: 600000, maxWaitMs: 600000 })
const encoder = new TextEncoder()
const files = Array.from({ length: 400 }, (_, i) => ({ name: 'f' + i + '.txt', data: encoder.encode('Killed import ' + i + '\\n\\nThe text of article ' + i + ' in a job that is killed part way through.\\n') }))
await jobs.run(files, 'killed')
process.stdout.write('finished\\n')`
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] })
    const reported: string[] = []
    let lines = ''
    const killed = new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        lines += chunk.toString()
        const complete = lines.split('\n')
        lines = complete.pop()!
        for (const line of complete) {
          if (line === 'finished') reject(new Error('the import finished before it was killed'))
          else reported.push(...(JSON.parse(line) as string[]))
        }
        // Mid-job, a moment after the third save: the next batch is in memory or being written.
        if (reported.length >= 21 && child.exitCode === null && !child.killed) setTimeout(() => child.kill('SIGKILL'), 5 + (reported.length % 40))
      })
      child.once('exit', () => resolve())
    })
    await killed
    expect(child.signalCode).toBe('SIGKILL')
    const reopened = await reopenWhole(dir)
    const stored = new Set(reopened.list().map((meta) => meta.id))
    expect(reported.filter((id) => !stored.has(id))).toEqual([])
    expect(stored.size).toBeLessThan(400)
  }, 120_000)
})

describe('edits during an import', () => {
  it('an update, a trash and a reading position made mid-import all land, and the import keeps every article', async () => {
    archive = await Archive.open(dir)
    const first = await new ImportJobs(archive, events, {}, sharedImportPool(), bySize(2)).run(files(100, 2), 'earlier')
    const [kept, binned] = first.imported
    const jobs = new ImportJobs(archive, events, {}, sharedImportPool(), bySize(1000))
    let edited = false
    const edits: Promise<unknown>[] = []
    events.subscribe((event) => {
      if (edited || event.type !== 'job-progress' || event.payload.current !== 'notes/file-3.txt') return
      edited = true
      edits.push(archive.update(kept!.id, { title: 'Renamed mid-import' }), archive.trash(binned!.id), archive.setReadingPosition(kept!.id, { blockId: 'b1', fraction: 0.5 }))
    })
    const outcome = await jobs.run(files(0, 8), 'during')
    await Promise.all(edits)
    expect(outcome.imported).toHaveLength(8)
    const reopened = await reopenWhole(dir)
    expect(reopened.meta(kept!.id).title).toBe('Renamed mid-import')
    expect(reopened.meta(binned!.id).deletedAt).toBeDefined()
    expect(reopened.readingPosition(kept!.id)).toMatchObject({ blockId: 'b1', fraction: 0.5 })
    expect(reopened.list()).toHaveLength(9)
  })
})
