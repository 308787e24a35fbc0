import { readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { Annotation } from '../../../shared/notes'
import { describeRange } from '../../../shared/anchoring'
import { bucketOf } from './buckets'
import { openNotes, rangeOf, REPORT, tempArchive, TestClock } from './test-helpers.test-data'

const bucketFile = (articleId: string) => `${bucketOf(articleId)}.json`
const shardPath = (dir: string, articleId: string) => join(dir, 'notes', 'annotations', bucketFile(articleId))
const highlight = (phrase: string) => ({ articleId: 'report1', plainText: REPORT, ...rangeOf(REPORT, phrase) })

/** An archive whose notes hold one annotation, and a backup taken of it at a second open. */
async function archiveWithBackup() {
  const dir = await tempArchive()
  const clock = new TestClock()
  const first = await openNotes(dir, { now: clock.now })
  const kept = await first.store.createAnnotation(highlight('at least 46 people'))
  clock.advance(1000)
  await openNotes(dir, { now: clock.now })
  clock.advance(1000)
  return { dir, clock, kept }
}

describe('damaged notes files', () => {
  const damage: [string, string][] = [
    ['truncated JSON', '{"format":1,"items":[{"id":"x","tar'],
    ['zero bytes', ''],
    ['null', 'null'],
    ['NUL bytes', '\u0000'.repeat(64)],
    ['a wrong shape', '{"format":1,"items":[{"id":"x"}]}'],
    ['items filed under the wrong article', ''],
  ]

  it.each(damage)('recovers a shard holding %s from the newest good backup and keeps the damaged file', async (what, content) => {
    const { dir, clock, kept } = await archiveWithBackup()
    let bad = content
    if (what === 'items filed under the wrong article') {
      expect(bucketOf('other2')).not.toBe(bucketOf('report1'))
      const other: Annotation = { ...kept, target: { ...kept.target, articleId: 'other2' } }
      bad = JSON.stringify({ format: 1, items: [other] })
    }
    await writeFile(shardPath(dir, 'report1'), bad) // in place, as a disk or a sync tool would
    const { store, notices } = await openNotes(dir, { now: clock.now })
    expect(store.getAnnotation(kept.id)).toEqual(kept)
    expect(notices).toHaveLength(1)
    expect(notices[0]).toContain(`${bucketFile('report1')} `)
    expect(notices[0]).toMatch(/restored from backup notes-/)
    const names = await readdir(join(dir, 'notes', 'annotations'))
    const aside = names.filter((name) => name.startsWith(`${bucketFile('report1')}.damaged-`))
    expect(aside).toHaveLength(1)
    expect(await readFile(join(dir, 'notes', 'annotations', aside[0] ?? ''), 'utf8')).toBe(bad)
  })

  it('starts a damaged shard empty, says so and keeps the file, when no backup holds it', async () => {
    const dir = await tempArchive()
    const { store } = await openNotes(dir)
    const lost = await store.createAnnotation(highlight('over 30 militants'))
    await writeFile(shardPath(dir, 'report1'), 'null')
    // No backup of report1 exists yet (the only one was taken at the first open).
    const reopened = await openNotes(dir)
    expect(reopened.store.getAnnotation(lost.id)).toBeUndefined()
    expect(reopened.notices[0]).toMatch(/no good backup held it/)
    expect((await readdir(join(dir, 'notes', 'annotations'))).some((n) => n.startsWith(`${bucketFile('report1')}.damaged-`))).toBe(true)
  })

  it('skips a damaged copy in the newest backup and takes an older good one', async () => {
    const { dir, clock, kept } = await archiveWithBackup()
    const { store: writer } = await openNotes(dir, { now: clock.now })
    const later = await writer.createAnnotation(highlight('over 30 militants'))
    clock.advance(1000)
    await openNotes(dir, { now: clock.now }) // a newer backup, holding both annotations
    const snapshots = (await readdir(join(dir, 'backups'))).sort()
    const newest = snapshots[snapshots.length - 1] ?? ''
    await writeFile(join(dir, 'backups', newest, 'annotations', bucketFile('report1')), '{"format":1,')
    await writeFile(shardPath(dir, 'report1'), '')
    clock.advance(1000)
    const { store, notices } = await openNotes(dir, { now: clock.now })
    expect(store.getAnnotation(kept.id)).toEqual(kept)
    expect(store.getAnnotation(later.id)).toBeUndefined() // only the older backup was good
    expect(notices[0]).not.toContain(newest)
  })

  it('ignores temp files of an interrupted write and leaves foreign file names alone', async () => {
    const { dir, clock, kept } = await archiveWithBackup()
    await writeFile(join(dir, 'notes', 'annotations', `.${bucketFile('report1')}.abc123.tmp`), '{"format":1,')
    await writeFile(join(dir, 'notes', 'annotations', '..weird name!.json'), 'whatever')
    await writeFile(join(dir, 'notes', 'annotations', 'bad name.json'), 'whatever')
    const { store, notices } = await openNotes(dir, { now: clock.now })
    expect(store.listAllAnnotations()).toEqual([kept])
    expect(notices).toEqual(['annotations/bad name.json is not a notes file name and was left alone'])
  })

  it('clears the temp files of writes cut short, in annotations and links, and nothing else', async () => {
    const { dir, clock, kept } = await archiveWithBackup()
    const annotations = join(dir, 'notes', 'annotations')
    const links = join(dir, 'notes', 'links')
    // As writeFileDurably names them: ".<file>.<12 hex>.tmp", left by a kill before the rename.
    await writeFile(join(annotations, `.${bucketFile('report1')}.0123456789ab.tmp`), '{"format":1,')
    await writeFile(join(annotations, `.${bucketFile('report1')}.ba9876543210.tmp`), '')
    await writeFile(join(links, `.${bucketFile('report1')}.cafe00cafe00.tmp`), '{"format":1,"items":[]}')
    // Not ours: a damaged copy kept aside, and names only like a temp file.
    await writeFile(join(annotations, `${bucketFile('other9')}.damaged-2025-01-01T00-00-00-000Z`), 'kept for the user')
    await writeFile(join(annotations, 'notes.tmp'), 'a user file')
    await writeFile(join(annotations, `.${bucketFile('report1')}.not-hex-at-all.tmp`), 'a user file')
    const { store, notices } = await openNotes(dir, { now: clock.now })
    expect(store.listAllAnnotations()).toEqual([kept])
    expect(notices).toEqual([])
    expect((await readdir(annotations)).sort()).toEqual(
      [`.${bucketFile('report1')}.not-hex-at-all.tmp`, bucketFile('report1'), `${bucketFile('other9')}.damaged-2025-01-01T00-00-00-000Z`, 'notes.tmp'].sort(),
    )
    expect(await readdir(links)).toEqual([])
  })
})

describe('rolling backups', () => {
  it('snapshots at open and at most once per interval of writes, keeping the last K', async () => {
    const dir = await tempArchive()
    const clock = new TestClock()
    const { store } = await openNotes(dir, { now: clock.now, backups: { keep: 3, intervalMs: 60_000 } })
    const list = () => store.backups.list()
    expect(await list()).toHaveLength(1)
    await store.createAnnotation(highlight('Kabul'))
    clock.advance(30_000)
    await store.createAnnotation(highlight('over 30 militants'))
    await store.backups.idle()
    expect(await list()).toHaveLength(1) // both writes inside the interval
    const made: Annotation[] = []
    for (const phrase of ['at least 46 people', 'no civilians were harmed', 'until dawn', 'Islamabad']) {
      clock.advance(61_000)
      made.push(await store.createAnnotation(highlight(phrase)))
    }
    await store.backups.idle()
    const snapshots = await list()
    expect(snapshots).toHaveLength(3)
    expect(await readdir(join(dir, 'backups'))).toHaveLength(3)
    const newest = JSON.parse(await readFile(join(dir, 'backups', snapshots[0] ?? '', 'annotations', bucketFile('report1')), 'utf8'))
    expect(newest.items).toHaveLength(6)
  })

  it('links an unchanged file to the previous snapshot and copies a changed one', async () => {
    const dir = await tempArchive()
    const clock = new TestClock()
    const { store } = await openNotes(dir, { now: clock.now, backups: { intervalMs: 0 } })
    expect(bucketOf('a1')).not.toBe(bucketOf('b2'))
    await store.createAnnotation({ articleId: 'a1', plainText: 'alpha beta', start: 0, end: 5 })
    await store.createAnnotation({ articleId: 'b2', plainText: 'gamma delta', start: 0, end: 5 })
    await store.backups.idle()
    clock.advance(1000)
    await store.createAnnotation({ articleId: 'b2', plainText: 'gamma delta', start: 6, end: 11 })
    await store.backups.idle()
    const [newer, older] = await store.backups.list()
    const ino = async (snapshot: string | undefined, id: string) =>
      (await stat(join(dir, 'backups', snapshot ?? '', 'annotations', bucketFile(id)))).ino
    expect(await ino(newer, 'a1')).toBe(await ino(older, 'a1'))
    expect(await ino(newer, 'b2')).not.toBe(await ino(older, 'b2'))
    expect(await ino(newer, 'a1')).not.toBe((await stat(shardPath(dir, 'a1'))).ino)
  })

  it('does not trust or keep a snapshot cut short before its manifest', async () => {
    const { dir, clock, kept } = await archiveWithBackup()
    const { mkdir } = await import('node:fs/promises')
    const partial = join(dir, 'backups', 'notes-2000-01-01T00-00-00-000Z-000')
    await mkdir(join(partial, 'annotations'), { recursive: true })
    await writeFile(join(partial, 'annotations', bucketFile('report1')), JSON.stringify({ format: 1, items: [] }))
    await writeFile(shardPath(dir, 'report1'), 'null')
    const { store } = await openNotes(dir, { now: clock.now })
    expect(store.getAnnotation(kept.id)).toEqual(kept)
    expect(await readdir(join(dir, 'backups'))).not.toContain('notes-2000-01-01T00-00-00-000Z-000')
  })
})

describe('cost of a save', () => {
  /** An archive whose notes hold one annotation for each of `articles` articles, written directly. */
  async function archiveOf(articles: number) {
    const dir = await tempArchive()
    await openNotes(dir)
    const text = 'A paragraph about the border clashes and the figures each side gave.'
    const buckets = new Map<string, Annotation[]>()
    for (let i = 0; i < articles; i++) {
      const articleId = `art${i}`
      const annotation: Annotation = {
        id: `seed-${i}`,
        target: { articleId, ...describeRange(text, 2, 11) },
        color: 'yellow',
        note: '',
        tags: [],
        author: '',
        created: '2025-01-01T00:00:00.000Z',
        modified: '2025-01-01T00:00:00.000Z',
      }
      buckets.set(bucketOf(articleId), [...(buckets.get(bucketOf(articleId)) ?? []), annotation])
    }
    for (const [bucket, items] of buckets) {
      await writeFile(join(dir, 'notes', 'annotations', `${bucket}.json`), JSON.stringify({ format: 1, items }))
    }
    return { dir, text }
  }

  async function stamps(dir: string): Promise<Map<string, string>> {
    const result = new Map<string, string>()
    for (const sub of ['annotations', 'links']) {
      for (const name of await readdir(join(dir, 'notes', sub))) {
        const s = await stat(join(dir, 'notes', sub, name))
        result.set(`${sub}/${name}`, `${s.ino}:${s.size}:${s.mtimeMs}`)
      }
    }
    return result
  }

  async function bytesWrittenBySave(articles: number): Promise<{ changed: string[]; bytes: number; total: number }> {
    const { dir, text } = await archiveOf(articles)
    const { store } = await openNotes(dir, { backups: { intervalMs: Number.MAX_SAFE_INTEGER } })
    expect(store.listAllAnnotations()).toHaveLength(articles)
    const before = await stamps(dir)
    await store.createAnnotation({ articleId: 'art3', plainText: text, start: 22, end: 35, note: 'note' })
    const after = await stamps(dir)
    const changed = [...after].filter(([file, stamp]) => before.get(file) !== stamp).map(([file]) => file)
    const bytes = (await Promise.all(changed.map(async (f) => (await stat(join(dir, 'notes', f))).size))).reduce((a, b) => a + b, 0)
    const sizes = await Promise.all([...after.keys()].map(async (f) => (await stat(join(dir, 'notes', f))).size))
    return { changed, bytes, total: sizes.reduce((a, b) => a + b, 0) }
  }

  it('rewrites one small file, the same whether the archive holds 10 annotated articles or 2,000', async () => {
    const small = await bytesWrittenBySave(10)
    const large = await bytesWrittenBySave(2000)
    expect(small.changed).toEqual([`annotations/${bucketFile('art3')}`])
    expect(large.changed).toEqual([`annotations/${bucketFile('art3')}`])
    // The bucket holds ~2000/256 other articles' notes: a few KB, not the archive.
    expect(large.bytes).toBeLessThan(large.total / 50)
    expect(large.bytes).toBeLessThan(16 * 1024)
  })
})
