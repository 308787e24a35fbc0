import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { ImportFile } from '../../shared/api'
import type { DossierEvent, JobProgress } from '../../shared/events'
import { importDocument } from '../core/import'
import { api, article, dir, file, ids, reopenService, service, useFreshService, utf8, valueOf } from './library.test-support'

useFreshService()

describe('importFiles with good and bad files', () => {
  const windows1252 = new Uint8Array([
    ...utf8('Caf'),
    0xe9,
    ...utf8(' Report\n\nThe '),
    0x93,
    ...utf8('na'),
    0xef,
    ...utf8('ve'),
    0x94,
    ...utf8(' plan costs 5 '),
    0x80,
    ...utf8(' and it was discussed at length by the committee members.\n'),
  ])
  const utf16 = (() => {
    const text = 'Résumé of the Talks\n\nThe delegates met in Zürich — “briefly” — and agreed on next steps.\n'
    const bytes = new Uint8Array(2 + text.length * 2)
    bytes[0] = 0xff
    bytes[1] = 0xfe
    for (let i = 0; i < text.length; i++) {
      bytes[2 + i * 2] = text.charCodeAt(i) & 0xff
      bytes[3 + i * 2] = text.charCodeAt(i) >> 8
    }
    return bytes
  })()
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0])

  it('imports the good ones and lists each failure by file name, with a reason', async () => {
    const outcome = valueOf(
      await api.importFiles([
        file('good.txt', article('A Good Article')),
        { name: 'empty.txt', data: new Uint8Array(0) },
        { name: 'picture.png', data: png },
        { name: 'picture-named-as-text.txt', data: png },
        file('table.xyz', 'a,b,c\n1,2,3\n'),
        { name: 'cp1252.txt', data: windows1252 },
        { name: 'utf16.txt', data: utf16 },
      ]),
    )
    expect(outcome.imported.map((meta) => meta.fileName)).toEqual(['good.txt', 'cp1252.txt', 'utf16.txt'])
    expect(outcome.failed.map((error) => error.file)).toEqual(['empty.txt', 'picture.png', 'picture-named-as-text.txt', 'table.xyz'])
    for (const error of outcome.failed) {
      expect(error.message).toContain(error.file)
      expect(error.message.length).toBeGreaterThan(error.file!.length + 10)
    }
    expect(outcome.failed.map((error) => error.code)).toEqual(['empty-file', 'unsupported-format', 'unsupported-format', 'unsupported-format'])
    expect(outcome.cancelled).toBe(false)
  })

  it('decodes Windows-1252 text instead of garbling it', async () => {
    const outcome = valueOf(await api.importFiles([{ name: 'cp1252.txt', data: windows1252 }]))
    const stored = valueOf(await api.getArticle(outcome.imported[0]!.id))
    const text = [stored.title, ...stored.blocks.map((block) => block.text)].join('\n')
    expect(stored.title).toBe('Café Report')
    expect(text).toContain('“naïve” plan costs 5 €')
    expect(text).not.toContain('\uFFFD')
  })

  it('decodes UTF-16 with a byte-order mark', async () => {
    const outcome = valueOf(await api.importFiles([{ name: 'utf16.txt', data: utf16 }]))
    const stored = valueOf(await api.getArticle(outcome.imported[0]!.id))
    expect(stored.title).toBe('Résumé of the Talks')
    expect(stored.blocks.map((block) => block.text).join('\n')).toContain('Zürich — “briefly”')
  })

  it('leaves the archive unchanged when every file fails', async () => {
    const before = valueOf(await api.listArticles())
    const trashBefore = valueOf(await api.listTrash())
    const bodiesBefore = await readdir(join(dir, 'articles'))
    const outcome = valueOf(
      await api.importFiles([
        { name: 'empty.txt', data: new Uint8Array(0) },
        { name: 'blank.txt', data: utf8('   \n\n  ') },
        { name: 'picture.png', data: png },
        file('sheet.xyz', 'nothing'),
      ]),
    )
    expect(outcome.imported).toEqual([])
    expect(outcome.failed).toHaveLength(4)
    expect(valueOf(await api.listArticles())).toEqual(before)
    expect(valueOf(await api.listTrash())).toEqual(trashBefore)
    expect(await readdir(join(dir, 'articles'))).toEqual(bodiesBefore)
  })

  it('reports a second import of the same text as a duplicate and stores it once', async () => {
    const first = valueOf(await api.importFiles([file('report.txt', article('Border Report'))]))
    const id = first.imported[0]!.id
    const count = (await ids()).length
    const second = valueOf(await api.importFiles([file('report-copy.txt', article('Border Report'))]))
    expect(second.imported).toEqual([])
    expect(second.duplicates).toEqual([{ file: 'report-copy.txt', existingId: id, title: 'Border Report' }])
    expect((await ids()).length).toBe(count)
  })

  it('stores a file twice in one call only once', async () => {
    const count = (await ids()).length
    const outcome = valueOf(await api.importFiles([file('a/report.txt', article('Same Report')), file('b/report.txt', article('Same Report'))]))
    expect(outcome.imported).toHaveLength(1)
    expect(outcome.duplicates).toHaveLength(1)
    expect((await ids()).length).toBe(count + 1)
  })

  it('keeps only the base name of a file as its fileName, never a path', async () => {
    const outcome = valueOf(await api.importFiles([file('../../outside/dir\\evil.txt', article('Path Name Article'))]))
    expect(outcome.imported[0]!.fileName).toBe('evil.txt')
  })
})

describe('import jobs', () => {
  const batch = (n: number): ImportFile[] => Array.from({ length: n }, (_, i) => file(`file-${i}.txt`, article(`Article Number ${i}`, `Body text of article ${i} with enough words to count.`)))

  it('emits job-progress in order: running per file with counts that never fall, then done', async () => {
    const seen: JobProgress[] = []
    const unsubscribe = service.events.subscribe((event) => {
      if (event.type === 'job-progress' && event.payload.jobId === 'ordered') seen.push(structuredClone(event.payload))
    })
    valueOf(await api.importFiles(batch(4), { jobId: 'ordered' }))
    unsubscribe()
    // An article counts as done once its catalog entry is on disk, so counts rise at each catalog save.
    expect(seen.filter((p) => p.current).map((p) => [p.state, p.current])).toEqual([0, 1, 2, 3].map((i) => ['running', `file-${i}.txt`]))
    const counts = seen.map((p) => p.done)
    expect(counts).toEqual([...counts].sort((x, y) => x - y))
    expect(seen.filter((p) => p.current).every((p, i) => p.done <= i && p.total === 4)).toBe(true)
    expect(seen.at(-1)).toMatchObject({ state: 'done', done: 4, total: 4 })
    expect(seen.filter((p) => p.state !== 'running')).toHaveLength(1)
  })

  it('announces the imported ids once, after the job, as archive-changed', async () => {
    const events: DossierEvent[] = []
    const unsubscribe = service.events.subscribe((event) => events.push(event))
    const outcome = valueOf(await api.importFiles(batch(2)))
    unsubscribe()
    const changes = events.filter((event) => event.type === 'archive-changed')
    expect(changes).toEqual([{ type: 'archive-changed', payload: { articleIds: outcome.imported.map((m) => m.id) } }])
    expect(events.at(-1)?.type).toBe('archive-changed')
  })

  it('stops a running import when cancelled, reading no further and keeping the finished articles', async () => {
    const before = (await ids()).length
    const unsubscribe = service.events.subscribe((event) => {
      // Cancel while the second file is being read: its reader is stopped, the third never starts.
      if (event.type === 'job-progress' && event.payload.jobId === 'to-cancel' && event.payload.current === 'file-1.txt') void api.cancelJob('to-cancel')
    })
    const outcome = valueOf(await api.importFiles(batch(5), { jobId: 'to-cancel' }))
    unsubscribe()
    expect(outcome.cancelled).toBe(true)
    expect(outcome.imported.map((m) => m.fileName)).toEqual(['file-0.txt'])
    expect(outcome.failed).toEqual([])
    const after = await ids()
    expect(after.length).toBe(before + 1)
    for (const meta of outcome.imported) expect(after).toContain(meta.id)
  })

  it('reports the cancelled state as the last progress event of a cancelled job', async () => {
    const states: string[] = []
    const unsubscribe = service.events.subscribe((event) => {
      if (event.type !== 'job-progress' || event.payload.jobId !== 'cancel-state') return
      states.push(event.payload.state)
      if (event.payload.state === 'running') void api.cancelJob('cancel-state')
    })
    valueOf(await api.importFiles(batch(3), { jobId: 'cancel-state' }))
    unsubscribe()
    expect(states).toEqual(['running', 'cancelled'])
  })

  it('runs a later job with a fresh id to the end after another was cancelled', async () => {
    valueOf(await api.cancelJob('some-other-job'))
    const outcome = valueOf(await api.importFiles(batch(2), { jobId: 'fresh-job' }))
    expect(outcome.cancelled).toBe(false)
    expect(outcome.imported).toHaveLength(2)
  })
})

describe('delete, trash, restore, purge', () => {
  it('moves an article to the trash, back, and then away for good', async () => {
    const id = valueOf(await api.importFiles([file('life.txt', article('Life Cycle Article'))])).imported[0]!.id
    const deleted = valueOf(await api.deleteArticle(id))
    expect(deleted.deletedAt).toBeTruthy()
    expect(await ids()).not.toContain(id)
    expect(valueOf(await api.listTrash()).map((m) => m.id)).toEqual([id])
    expect(valueOf(await api.getArticle(id)).title).toBe('Life Cycle Article')

    const restored = valueOf(await api.restoreArticle(id))
    expect(restored.deletedAt).toBeUndefined()
    expect(await ids()).toContain(id)
    expect(valueOf(await api.listTrash())).toEqual([])

    valueOf(await api.deleteArticle(id))
    expect(valueOf(await api.purgeArticle(id))).toBe(true)
    expect(valueOf(await api.listTrash())).toEqual([])
    expect(await ids()).not.toContain(id)
    expect(await api.getArticle(id)).toMatchObject({ ok: false, error: { code: 'not-found' } })
    expect(await readdir(join(dir, 'articles'))).not.toContain(`${id}.json`)
    expect(await api.purgeArticle(id)).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })

  it('keeps the reading position across trash and restore, and drops it on purge', async () => {
    const id = valueOf(await api.importFiles([file('pos.txt', article('Position Article'))])).imported[0]!.id
    valueOf(await api.setReadingPosition(id, { blockId: 'b1', fraction: 0.5 }))
    valueOf(await api.deleteArticle(id))
    valueOf(await api.restoreArticle(id))
    expect(valueOf(await api.getReadingPosition(id))).toMatchObject({ blockId: 'b1', fraction: 0.5 })
    valueOf(await api.purgeArticle(id))
    expect(await api.getReadingPosition(id)).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })
})

describe('metadata edits', () => {
  it('keeps edited fields when the same file is imported again', async () => {
    const text = article('Original Title')
    const id = valueOf(await api.importFiles([file('edit.txt', text)])).imported[0]!.id
    const edited = valueOf(await api.updateArticle(id, { title: 'Corrected Title', tags: [' one ', 'two', 'one', ''] }))
    expect(edited.title).toBe('Corrected Title')
    expect(edited.tags).toEqual(['one', 'two'])
    expect(edited.edited).toEqual(expect.arrayContaining(['title', 'tags']))

    const again = valueOf(await api.importFiles([file('edit.txt', text)]))
    expect(again.duplicates).toEqual([{ file: 'edit.txt', existingId: id, title: 'Corrected Title' }])
    expect(valueOf(await api.getArticle(id))).toMatchObject({ title: 'Corrected Title', tags: ['one', 'two'] })
  })

  it('keeps edited fields when the archive replaces the text with a new import of the file', async () => {
    const id = valueOf(await api.importFiles([file('replace.txt', article('First Version'))])).imported[0]!.id
    valueOf(await api.updateArticle(id, { title: 'My Title' }))
    const doc = await importDocument(file('replace.txt', article('Second Version', 'A changed body with different words in it now.')))
    await service.archive.replaceContent(id, doc)
    const stored = valueOf(await api.getArticle(id))
    expect(stored.title).toBe('My Title')
    expect(stored.blocks.map((block) => block.text).join(' ')).toContain('changed body')
  })

  it('survives a reopen of the archive', async () => {
    const id = valueOf(await api.importFiles([file('persist.txt', article('Persisted'))])).imported[0]!.id
    valueOf(await api.updateArticle(id, { byline: 'A. Writer', url: 'https://example.com/a' }))
    valueOf(await api.setPreferences({ theme: 'dark', fontSize: 20 }))
    await reopenService()
    expect(valueOf(await api.getArticle(id))).toMatchObject({ byline: 'A. Writer', url: 'https://example.com/a' })
    expect(valueOf(await api.getPreferences())).toMatchObject({ theme: 'dark', fontSize: 20 })
  })
})

describe('welcome article', () => {
  it('is there in a new archive', async () => {
    const list = valueOf(await api.listArticles())
    expect(list.map((meta) => meta.title)).toEqual(['Welcome to Dossier'])
    const welcome = valueOf(await api.getArticle(list[0]!.id))
    expect(welcome.blocks.length).toBeGreaterThan(3)
  })

  it('is added once, not again on every open', async () => {
    await reopenService()
    expect(valueOf(await api.listArticles())).toHaveLength(1)
  })

  it('does not come back after it is deleted, purged and the archive reopened', async () => {
    const [id] = await ids()
    valueOf(await api.deleteArticle(id!))
    valueOf(await api.purgeArticle(id!))
    await reopenService()
    expect(valueOf(await api.listArticles())).toEqual([])
    expect(valueOf(await api.listTrash())).toEqual([])
  })
})
