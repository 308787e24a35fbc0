// Entries added with deferCatalog: kept in memory until a catalog write holds them,
// never listed before, and dropped whole (entry and files) when their save fails.

import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImportedDocument } from '../../../shared/types'
import { Archive } from './archive'

const doc = (title: string): ImportedDocument => ({ title, format: 'text', blocks: [{ type: 'paragraph', text: `The text of ${title}.` }] })
const onDisk = async (dir: string): Promise<string[]> => (JSON.parse(await readFile(join(dir, 'catalog.json'), 'utf8')) as { articles: { id: string }[] }).articles.map((meta) => meta.id)

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-catalog-batch-'))
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('deferred catalog entries', () => {
  it('are not listed, nor on disk, until saveDeferred writes them', async () => {
    const archive = await Archive.open(dir)
    const saved = await archive.add(doc('Saved'))
    const deferred = await archive.add(doc('Deferred'), { deferCatalog: true })
    expect(archive.isUnsaved(deferred.id)).toBe(true)
    expect(archive.list().map((meta) => meta.id)).toEqual([saved.id])
    expect(await onDisk(dir)).toEqual([saved.id])
    // The duplicate check sees it at once, so the same text is not stored twice meanwhile.
    expect(archive.findDuplicate(doc('Deferred'))?.id).toBe(deferred.id)
    await archive.saveDeferred()
    expect(archive.isUnsaved(deferred.id)).toBe(false)
    expect(archive.list().map((meta) => meta.id)).toEqual([deferred.id, saved.id])
    expect(await onDisk(dir)).toEqual([saved.id, deferred.id])
  })

  it('are saved by any other catalog write, so saveDeferred then has nothing to write', async () => {
    const archive = await Archive.open(dir)
    const other = await archive.add(doc('Other'))
    const deferred = await archive.add(doc('Deferred'), { deferCatalog: true })
    await archive.update(other.id, { title: 'Renamed' })
    expect(await onDisk(dir)).toEqual([other.id, deferred.id])
    expect(archive.isUnsaved(deferred.id)).toBe(false)
    expect(await archive.discardUnsaved([deferred.id])).toEqual([])
    expect(archive.has(deferred.id)).toBe(true)
  })

  it('discardUnsaved drops the entries still unsaved with their body files, and only the ids it is given', async () => {
    const archive = await Archive.open(dir)
    const kept = await archive.add(doc('Kept'))
    const mine = await archive.add(doc('Mine'), { deferCatalog: true })
    const theirs = await archive.add(doc('Theirs'), { deferCatalog: true })
    expect(await archive.discardUnsaved([mine.id, kept.id, 'not-an-id'])).toEqual([mine.id])
    expect(archive.has(mine.id)).toBe(false)
    expect(archive.findDuplicate(doc('Mine'))).toBeUndefined()
    expect(archive.isUnsaved(theirs.id)).toBe(true)
    expect((await readdir(join(dir, 'articles'))).sort()).toEqual([`${kept.id}.json`, `${theirs.id}.json`].sort())
    await archive.saveDeferred()
    const reopened = await Archive.open(dir)
    expect(reopened.notices).toEqual([])
    expect(reopened.list().map((meta) => meta.title)).toEqual(['Theirs', 'Kept'])
  })

  it('are lost at a crash before their save, leaving an archive that opens whole', async () => {
    const archive = await Archive.open(dir)
    const saved = await archive.add(doc('Saved'))
    await archive.add(doc('Never saved'), { deferCatalog: true })
    // The process ends here: a second open of the folder reads what is on disk.
    const reopened = await Archive.open(dir)
    expect(reopened.notices).toEqual([])
    expect(reopened.list().map((meta) => meta.id)).toEqual([saved.id])
    expect(reopened.findDuplicate(doc('Never saved'))).toBeUndefined()
  })
})

describe('the duplicate check, from its index rather than a scan', () => {
  it('follows text replaced, URLs edited, and entries purged or dropped', async () => {
    const archive = await Archive.open(dir)
    const first = await archive.add({ ...doc('First'), url: 'https://example.org/first' })
    await archive.replaceContent(first.id, { ...doc('First, revised'), url: 'https://example.org/first' })
    expect(archive.findDuplicate(doc('First'))).toBeUndefined()
    expect(archive.findDuplicate(doc('First, revised'))?.id).toBe(first.id)
    await archive.update(first.id, { url: 'https://example.org/moved' })
    expect(archive.findDuplicate({ ...doc('Other'), url: 'https://www.example.org/moved/?utm_source=feed' })?.id).toBe(first.id)
    expect(archive.findDuplicate({ ...doc('Other'), url: 'https://example.org/first' })).toBeUndefined()
    const dropped = await archive.add(doc('Dropped'), { deferCatalog: true })
    await archive.discardUnsaved([dropped.id])
    expect(archive.findDuplicate(doc('Dropped'))).toBeUndefined()
    await archive.purge(first.id)
    expect(archive.findDuplicate(doc('First, revised'))).toBeUndefined()
    // Reopened, the index is built from the catalog.
    const second = await archive.add(doc('Second'))
    expect((await Archive.open(dir)).findDuplicate(doc('Second'))?.id).toBe(second.id)
  })

  it('returns the entry first in the catalog when the text matches one and the URL another', async () => {
    const archive = await Archive.open(dir)
    const byUrl = await archive.add({ ...doc('Page'), url: 'https://example.org/page' })
    const byText = await archive.add(doc('Text'))
    expect(archive.findDuplicate({ ...doc('Text'), url: 'https://example.org/page#top' })?.id).toBe(byUrl.id)
    expect(archive.findDuplicate(doc('Text'))?.id).toBe(byText.id)
  })
})
