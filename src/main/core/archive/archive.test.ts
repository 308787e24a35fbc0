import { mkdtemp, readdir, readFile, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import type { ImportedDocument } from '../../../shared/types'
import { Archive } from './archive'

const doc = (title: string, text: string, extra: Partial<ImportedDocument> = {}): ImportedDocument => ({
  title,
  format: 'text',
  blocks: [
    { type: 'heading', level: 1, text: title },
    { type: 'paragraph', text },
  ],
  ...extra,
})

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-archive-'))
})

describe('Archive', () => {
  it('stores an article as a catalog entry plus its own body file and reads it back after reopening', async () => {
    const archive = await Archive.open(dir)
    const meta = await archive.add(doc('Strikes in Barmal', 'At least 46 people were killed, the Taliban said.'), { fileName: 'barmal.txt' })
    expect(meta.wordCount).toBe(12)
    expect(meta.readingMinutes).toBe(1)
    const reopened = await Archive.open(dir)
    const article = await reopened.get(meta.id)
    expect(article.title).toBe('Strikes in Barmal')
    expect(article.blocks.map((b) => [b.id, b.type])).toEqual([['b0', 'heading'], ['b1', 'paragraph']])
    expect(await readdir(join(dir, 'articles'))).toEqual([`${meta.id}.json`])
  })

  it('finds a duplicate by identical text or by the same canonical URL', async () => {
    const archive = await Archive.open(dir)
    const first = await archive.add(doc('One', 'Same text here.', { url: 'https://www.example.org/a/?utm_source=x#top' }))
    expect(archive.findDuplicate(doc('One', 'Same   text here.'))?.id).toBe(first.id)
    expect(archive.findDuplicate(doc('Two', 'Different.', { url: 'https://example.org/a' }))?.id).toBe(first.id)
    expect(archive.findDuplicate(doc('Three', 'Different again.'))).toBeUndefined()
  })

  it('keeps user-corrected metadata when the same article is imported again', async () => {
    const archive = await Archive.open(dir)
    const meta = await archive.add(doc('Wrong title', 'Body.', { source: 'Wire' }))
    await archive.update(meta.id, { title: 'Right title', tags: [' ttp ', 'ttp', 'kabul'] })
    const updated = await archive.replaceContent(meta.id, doc('Wrong title', 'Body, revised.', { source: 'Wire service' }))
    expect(updated.title).toBe('Right title')
    expect(updated.tags).toEqual(['ttp', 'kabul'])
    expect(updated.source).toBe('Wire service')
    expect(updated.edited).toEqual(['title', 'tags'])
  })

  it('refuses an empty title and leaves the article unchanged', async () => {
    const archive = await Archive.open(dir)
    const meta = await archive.add(doc('Title', 'Body.'))
    await expect(archive.update(meta.id, { title: '   ' })).rejects.toMatchObject({ code: 'invalid-argument' })
    expect(archive.meta(meta.id).title).toBe('Title')
  })

  it('refuses a patch with an empty title whole, whatever order its fields come in: the tags before it stay as they were', async () => {
    const archive = await Archive.open(dir)
    const meta = await archive.add(doc('Title', 'Body.'))
    const before = { ...archive.meta(meta.id) }
    await expect(archive.update(meta.id, { tags: ['slipped'], byline: 'Someone', title: ' ' })).rejects.toMatchObject({ code: 'invalid-argument' })
    expect(archive.meta(meta.id)).toEqual(before)
  })

  it('moves a deleted article to the trash, restores it, and purges its files for good', async () => {
    const archive = await Archive.open(dir)
    const meta = await archive.add(doc('Gone soon', 'Body.'))
    await archive.trash(meta.id)
    expect(archive.list()).toEqual([])
    expect(archive.listTrash().map((m) => m.id)).toEqual([meta.id])
    await archive.restore(meta.id)
    expect(archive.list().map((m) => m.id)).toEqual([meta.id])
    await archive.purge(meta.id)
    expect(archive.has(meta.id)).toBe(false)
    expect(await readdir(join(dir, 'articles'))).toEqual([])
  })

  it('writes only the catalog and one body file when an article is added, whatever the archive holds', async () => {
    const archive = await Archive.open(dir)
    for (let i = 0; i < 30; i++) await archive.add(doc(`Article ${i}`, `Text number ${i}.`), { deferCatalog: true })
    await archive.flushCatalog()
    const before = new Map<string, number>()
    for (const name of await readdir(join(dir, 'articles'))) before.set(name, (await stat(join(dir, 'articles', name))).mtimeMs)
    await new Promise((resolve) => setTimeout(resolve, 20))
    const added = await archive.add(doc('New', 'Fresh text.'))
    const changed = []
    for (const name of await readdir(join(dir, 'articles'))) {
      if (before.get(name) !== (await stat(join(dir, 'articles', name))).mtimeMs) changed.push(name)
    }
    expect(changed).toEqual([`${added.id}.json`])
  })

  it('reports a missing body file as damage naming the article instead of crashing', async () => {
    const archive = await Archive.open(dir)
    const meta = await archive.add(doc('Lost body', 'Body.'))
    await writeFile(join(dir, 'articles', `${meta.id}.json`), '')
    await expect(archive.get(meta.id)).rejects.toMatchObject({ code: 'damaged' })
  })

  it('recovers a catalog that holds null from its backup and keeps the damaged copy', async () => {
    const archive = await Archive.open(dir)
    const meta = await archive.add(doc('Survivor', 'Body.'))
    await Archive.open(dir) // takes the backup of the good catalog
    await writeFile(join(dir, 'catalog.json'), 'null')
    const recovered = await Archive.open(dir)
    expect(recovered.list().map((m) => m.id)).toEqual([meta.id])
    expect(recovered.notices.join(' ')).toMatch(/does not hold an object.*restored from its backup/)
    const kept = (await readdir(dir)).find((name) => name.startsWith('catalog.json.damaged-'))
    expect(kept && (await readFile(join(dir, kept), 'utf8'))).toBe('null')
  })

  it('stores preferences and reading positions and refuses positions for unknown articles', async () => {
    const archive = await Archive.open(dir)
    const meta = await archive.add(doc('Read me', 'Body.'))
    await archive.setPreferences({ theme: 'sepia', fontSize: 21 })
    await archive.setReadingPosition(meta.id, { blockId: 'b1', fraction: 0.5 })
    const reopened = await Archive.open(dir)
    expect(reopened.preferences()).toMatchObject({ theme: 'sepia', fontSize: 21, lineWidth: 68 })
    expect(reopened.readingPosition(meta.id)).toMatchObject({ blockId: 'b1', fraction: 0.5 })
    await expect(reopened.setReadingPosition('nope', { blockId: 'b0', fraction: 0 })).rejects.toMatchObject({ code: 'not-found' })
  })

  it('gives asset paths only for safe names inside a known article', async () => {
    const archive = await Archive.open(dir)
    const meta = await archive.add(doc('Pictures', 'Body.', { assets: [{ name: 'map.png', mime: 'image/png', data: new Uint8Array([1, 2]) }] }))
    expect(archive.assetPath(meta.id, 'map.png')).toBe(join(dir, 'assets', meta.id, 'map.png'))
    expect(archive.assetPath(meta.id, '../catalog.json')).toBeUndefined()
    expect(archive.assetPath('unknown', 'map.png')).toBeUndefined()
  })
})
