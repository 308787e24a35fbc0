import { describe, expect, it } from 'vitest'
import { DossierFailure } from '../../../shared/result'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import { bucketOf } from './buckets'
import { NotesStore } from './notes-store'
import { OTHER, openNotes, rangeOf, REPORT, tempArchive, TestClock } from './test-helpers.test-data'

async function openStore(options: { articleExists?: (id: string) => boolean } = {}) {
  const dir = await tempArchive()
  const clock = new TestClock()
  const { store, notices } = await openNotes(dir, { ...options, now: clock.now })
  return { dir, clock, store, notices }
}

const highlight = (phrase: string, extra: object = {}) => ({
  articleId: 'report1',
  plainText: REPORT,
  ...rangeOf(REPORT, phrase),
  ...extra,
})

describe('annotations', () => {
  it('creates a highlight with selectors computed from the article text, and keeps it across reopening', async () => {
    const { dir, store, notices } = await openStore()
    expect(notices).toEqual([])
    const created = await store.createAnnotation(highlight('at least 46 people', { color: 'pink', note: 'Taliban *claim*', tags: ['casualties', ' casualties ', 'Casualties', 'claims'], author: 'Ana' }))
    expect(created.target.quote.exact).toBe('at least 46 people')
    expect(created.target.quote.prefix).toBe(REPORT.slice(created.target.position.start - 32, created.target.position.start))
    expect(created.tags).toEqual(['casualties', 'claims'])
    const reopened = await openNotes(dir)
    expect(reopened.store.getAnnotation(created.id)).toEqual(created)
  })

  it('updates the note, tags and colour and stamps the change', async () => {
    const { store, clock } = await openStore()
    const created = await store.createAnnotation(highlight('over 30 militants'))
    clock.advance(60_000)
    const updated = await store.updateAnnotation(created.id, { note: 'Pakistani figure', tags: ['casualties'], color: 'blue' })
    expect(updated).toMatchObject({ note: 'Pakistani figure', tags: ['casualties'], color: 'blue', created: created.created })
    expect(updated.modified > created.modified).toBe(true)
    expect(store.getAnnotation(created.id)).toEqual(updated)
  })

  it('deletes a highlight and undoes the delete exactly', async () => {
    const { dir, store } = await openStore()
    const created = await store.createAnnotation(highlight('no civilians were harmed', { note: 'denial' }))
    const deleted = await store.deleteAnnotation(created.id)
    expect(deleted).toEqual(created)
    expect(store.getAnnotation(created.id)).toBeUndefined()
    expect((await openNotes(dir)).store.getAnnotation(created.id)).toBeUndefined()
    await store.restoreAnnotation(deleted)
    expect((await openNotes(dir)).store.getAnnotation(created.id)).toEqual(created)
    await expect(store.restoreAnnotation(deleted)).rejects.toMatchObject({ code: 'conflict' })
  })

  it('lists an article’s highlights in reading order', async () => {
    const { store } = await openStore()
    await store.createAnnotation(highlight('road to Kabul'))
    await store.createAnnotation(highlight('at least 46 people'))
    await store.createAnnotation(highlight('over 30 militants'))
    expect(store.listAnnotations('report1').map((a) => a.target.quote.exact)).toEqual([
      'at least 46 people',
      'over 30 militants',
      'road to Kabul',
    ])
    expect(store.listAnnotations('nothing-here')).toEqual([])
  })

  it('filters the notebook by tag, colour, article, date and text', async () => {
    const { store, clock } = await openStore()
    const a = await store.createAnnotation(highlight('at least 46 people', { tags: ['casualties'], color: 'pink', note: 'Taliban figure' }))
    clock.advance(86_400_000)
    const b = await store.createAnnotation(highlight('over 30 militants', { tags: ['Casualties', 'pakistan'], color: 'green' }))
    const c = await store.createAnnotation({ articleId: 'other2', plainText: OTHER, ...rangeOf(OTHER, 'Officials said'), tags: ['sources'] })
    const ids = (filter: Parameters<NotesStore['listAllAnnotations']>[0]) => store.listAllAnnotations(filter).map((x) => x.id)
    const all = ids({})
    expect(all[2]).toBe(a.id) // newest first
    expect(all.slice(0, 2).sort()).toEqual([b.id, c.id].sort())
    expect(ids({ tag: 'casualties' }).sort()).toEqual([a.id, b.id].sort())
    expect(ids({ color: 'green' })).toEqual([b.id])
    expect(ids({ articleId: 'other2' })).toEqual([c.id])
    expect(ids({ until: a.created })).toEqual([a.id])
    expect(ids({ since: b.created }).sort()).toEqual([b.id, c.id].sort())
    expect(ids({ text: 'TALIBAN' })).toEqual([a.id])
    expect(ids({ text: 'militants' })).toEqual([b.id])
    expect(ids({ since: 'not a date' })).toEqual([])
  })

  it('refuses bad input and stores nothing', async () => {
    const { dir, store } = await openStore()
    const bad: unknown[] = [
      highlight('Kabul', { start: 5, end: 5 }),
      highlight('Kabul', { start: -1 }),
      highlight('Kabul', { end: REPORT.length + 1 }),
      highlight('Kabul', { start: 1.5 }),
      highlight('Kabul', { articleId: '../../etc/passwd' }),
      highlight('Kabul', { articleId: '' }),
      highlight('Kabul', { color: 'red' }),
      highlight('Kabul', { tags: 'casualties' }),
      highlight('Kabul', { note: 42 }),
      highlight('Kabul', { plainText: undefined }),
      { articleId: 'report1', plainText: 'a\n\n b', start: 1, end: 4 },
    ]
    for (const input of bad) {
      await expect(store.createAnnotation(input as never)).rejects.toBeInstanceOf(DossierFailure)
    }
    await expect(store.updateAnnotation('missing', { note: 'x' })).rejects.toMatchObject({ code: 'not-found' })
    await expect(store.deleteAnnotation('missing')).rejects.toMatchObject({ code: 'not-found' })
    await expect(store.restoreAnnotation({ id: 'x' } as never)).rejects.toMatchObject({ code: 'invalid-argument' })
    expect(store.listAllAnnotations()).toEqual([])
    expect((await openNotes(dir)).store.listAllAnnotations()).toEqual([])
  })
})

describe('saving', () => {
  it('keeps both of two highlights saved at once in the same article', async () => {
    const { dir, store } = await openStore()
    const [a, b] = await Promise.all([store.createAnnotation(highlight('Kabul')), store.createAnnotation(highlight('Islamabad'))])
    const reopened = (await openNotes(dir)).store
    expect(reopened.listAnnotations('report1').map((x) => x.id).sort()).toEqual([a.id, b.id].sort())
  })

  it('reports a failed write as an io-error and keeps nothing in memory that the disk lacks', async () => {
    const { dir, store } = await openStore()
    const blocked = join(dir, 'notes', 'annotations', `${bucketOf('report1')}.json`)
    await mkdir(join(blocked, 'occupied'), { recursive: true }) // the rename onto it fails
    await expect(store.createAnnotation(highlight('Kabul'))).rejects.toMatchObject({ code: 'io-error' })
    expect(store.listAllAnnotations()).toEqual([])
    const reopened = await openNotes(dir)
    expect(reopened.notices).toEqual([`annotations/${bucketOf('report1')}.json is not a file and was left alone`])
  })
})

describe('links and backlinks', () => {
  it('links two passages with a relation; both ends show it, across reopening', async () => {
    const { dir, store } = await openStore()
    const taliban = await store.createAnnotation(highlight('at least 46 people'))
    const link = await store.createLink({
      from: { annotationId: taliban.id },
      to: { articleId: 'report1', plainText: REPORT, ...rangeOf(REPORT, 'over 30 militants') },
      relation: 'contradicts',
      note: 'figures differ',
    })
    const across = await store.createLink({
      from: { articleId: 'other2', plainText: OTHER, ...rangeOf(OTHER, 'at least 46 people') },
      to: { annotationId: taliban.id },
      relation: 'supports',
    })
    expect(link).toMatchObject({ relation: 'contradicts', broken: false, from: { annotationId: taliban.id } })
    const reopened = (await openNotes(dir)).store
    const report = reopened.linksForArticle('report1')
    expect(report.outgoing.map((l) => l.id)).toEqual([link.id])
    expect(report.incoming.map((l) => l.id).sort()).toEqual([link.id, across.id].sort())
    expect(reopened.linksForArticle('other2')).toMatchObject({ outgoing: [{ id: across.id }], incoming: [] })
  })

  it('updates, deletes and restores a link, keeping the backlink index in step', async () => {
    const { store } = await openStore()
    const link = await store.createLink({
      from: { articleId: 'other2', plainText: OTHER, ...rangeOf(OTHER, 'Officials said') },
      to: { articleId: 'report1', plainText: REPORT, ...rangeOf(REPORT, 'over 30 militants') },
      relation: 'cites',
    })
    expect(await store.updateLink(link.id, { relation: 'same event', note: 'n' })).toMatchObject({ relation: 'same event', note: 'n' })
    const deleted = await store.deleteLink(link.id)
    expect(store.linksForArticle('report1').incoming).toEqual([])
    await store.restoreLink(deleted)
    expect(store.linksForArticle('report1').incoming.map((l) => l.id)).toEqual([link.id])
    await expect(store.restoreLink(deleted)).rejects.toMatchObject({ code: 'conflict' })
  })

  it('filters links by relation, article and text', async () => {
    const { store } = await openStore()
    const end = (phrase: string) => ({ articleId: 'report1', plainText: REPORT, ...rangeOf(REPORT, phrase) })
    const a = await store.createLink({ from: end('at least 46 people'), to: end('over 30 militants'), relation: 'contradicts' })
    const b = await store.createLink({ from: { articleId: 'other2', plainText: OTHER, ...rangeOf(OTHER, 'Kabul') }, to: end('Kabul'), relation: 'my own label', note: 'Same city' })
    expect(store.listAllLinks({ relation: 'contradicts' }).map((l) => l.id)).toEqual([a.id])
    expect(store.listAllLinks({ articleId: 'other2' }).map((l) => l.id)).toEqual([b.id])
    expect(store.listAllLinks({ articleId: 'report1' })).toHaveLength(2)
    expect(store.listAllLinks({ text: 'same city' }).map((l) => l.id)).toEqual([b.id])
  })

  it('refuses links with a bad end or relation', async () => {
    const { store } = await openStore()
    const end = { articleId: 'report1', plainText: REPORT, ...rangeOf(REPORT, 'Kabul') }
    const other = { ...end, ...rangeOf(REPORT, 'Kabul', 1) }
    await expect(store.createLink({ from: end, to: other, relation: '  ' })).rejects.toMatchObject({ code: 'invalid-argument' })
    await expect(store.createLink({ from: end, to: other, relation: 'x'.repeat(65) })).rejects.toMatchObject({ code: 'invalid-argument' })
    await expect(store.createLink({ from: { annotationId: 'nope' }, to: end, relation: 'cites' })).rejects.toMatchObject({ code: 'not-found' })
    await expect(store.createLink({ from: end, to: end, relation: 'cites' })).rejects.toMatchObject({ code: 'invalid-argument' })
    await expect(store.createLink({ from: null, to: end, relation: 'cites' } as never)).rejects.toMatchObject({ code: 'invalid-argument' })
    const elsewhere = await store.createAnnotation({ articleId: 'other2', plainText: OTHER, ...rangeOf(OTHER, 'Kabul') })
    await expect(store.createLink({ from: { ...end, annotationId: elsewhere.id }, to: other, relation: 'cites' })).rejects.toMatchObject({ code: 'invalid-argument' })
    expect(store.listAllLinks()).toEqual([])
  })

  it('marks links to an article that no longer exists as broken, and keeps them through a purge', async () => {
    const present = new Set(['report1', 'other2'])
    const { store } = await openStore({ articleExists: (id) => present.has(id) })
    const a = await store.createAnnotation({ articleId: 'other2', plainText: OTHER, ...rangeOf(OTHER, 'Kabul') })
    const link = await store.createLink({ from: { annotationId: a.id }, to: { articleId: 'report1', plainText: REPORT, ...rangeOf(REPORT, 'Kabul') }, relation: 'cites' })
    expect(store.getLink(link.id)?.broken).toBe(false)
    present.delete('other2')
    const removed = await store.purgeArticle('other2')
    expect(removed.map((x) => x.id)).toEqual([a.id])
    expect(store.getAnnotation(a.id)).toBeUndefined()
    expect(store.linksForArticle('report1').incoming).toMatchObject([{ id: link.id, broken: true }])
    expect(store.listAllLinks()[0]?.from.quote.exact).toBe('Kabul')
  })
})

describe('reanchorArticle', () => {
  it('moves shifted highlights and link ends, keeps edited ones by fuzzy match, and reports orphans without dropping them', async () => {
    const { dir, store } = await openStore()
    const shifted = await store.createAnnotation(highlight('over 30 militants'))
    const edited = await store.createAnnotation(highlight('at least 46 people were killed in Pakistani air strikes'))
    const lost = await store.createAnnotation(highlight('most of them women and children'))
    const link = await store.createLink({
      from: { articleId: 'other2', plainText: OTHER, ...rangeOf(OTHER, 'Officials said') },
      to: { articleId: 'report1', plainText: REPORT, ...rangeOf(REPORT, 'most of them women and children') },
      relation: 'cites',
    })
    const newText = ('Editor’s note: updated.\n\n' + REPORT)
      .replace('were killed', 'died')
      .replace(', most of them women and children,', '')
    const report = await store.reanchorArticle('report1', newText)
    expect(report.moved.map((m) => [m.id, m.method]).sort()).toEqual([[edited.id, 'fuzzy'], [shifted.id, 'quote']].sort())
    expect(report.orphanedAnnotations.map((a) => a.id)).toEqual([lost.id])
    expect(report.orphanedLinkEnds).toMatchObject([{ link: { id: link.id }, end: 'to' }])
    const reopened = (await openNotes(dir)).store
    const moved = reopened.getAnnotation(shifted.id)
    expect(newText.slice(moved?.target.position.start, moved?.target.position.end)).toBe('over 30 militants')
    expect(reopened.getAnnotation(lost.id)).toEqual(lost)
    expect(reopened.getLink(link.id)?.to.quote.exact).toBe('most of them women and children')
    expect(reopened.getAnnotation(edited.id)?.target.quote.exact).toContain('died in Pakistani')
  })

  it('reports every target unchanged when the text is unchanged, and refuses a bad article id', async () => {
    const { store } = await openStore()
    await store.createAnnotation(highlight('Kabul'))
    expect(await store.reanchorArticle('report1', REPORT)).toMatchObject({ unchanged: 1, moved: [], orphanedAnnotations: [] })
    await expect(store.reanchorArticle('../x', REPORT)).rejects.toMatchObject({ code: 'invalid-argument' })
  })
})
