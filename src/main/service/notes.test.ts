import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { plainText } from '../../shared/anchoring'
import type { DossierApi } from '../../shared/api'
import type { DossierEvent } from '../../shared/events'
import type { Result } from '../../shared/result'
import { TTP_FIXTURE } from '../../test-support/fixtures'
import { openService, type DossierService } from '.'

let dir: string
let service: DossierService
let api: DossierApi
let events: DossierEvent[]

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}
const errorOf = <T>(result: Result<T>) => {
  if (result.ok) throw new Error('expected a failure')
  return result.error
}
const utf8 = (text: string) => new TextEncoder().encode(text)

async function importText(name: string, text: string, duplicates: 'skip' | 'update' = 'skip'): Promise<string> {
  const outcome = valueOf(await api.importFiles([{ name, data: utf8(text) }], { duplicates }))
  const meta = outcome.imported[0] ?? outcome.updated[0]
  if (!meta) throw new Error(`nothing imported from ${name}`)
  return meta.id
}
async function textOf(id: string): Promise<string> {
  return plainText(valueOf(await api.getArticle(id)).blocks)
}
async function rangeOf(id: string, phrase: string) {
  const text = await textOf(id)
  const start = text.indexOf(phrase)
  if (start < 0) throw new Error(`"${phrase}" is not in ${id}`)
  return { start, end: start + phrase.length }
}

const markdown = (body: string) => `---\ntitle: Field Report\nurl: https://example.org/field-report\n---\n\n${body}\n`

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-notes-'))
  service = await openService(dir)
  api = service.api
  events = []
  service.events.subscribe((event) => events.push(event))
})

afterEach(async () => {
  await service.close()
  await rm(dir, { recursive: true, force: true })
})

describe('annotations through the service', () => {
  it('highlights a passage by plain-text offsets, signs it with the user name and lists it anchored', async () => {
    const ttp = await importText('ttp.txt', await readFile(TTP_FIXTURE, 'utf8'))
    valueOf(await api.setPreferences({ userName: 'Ana' }))
    const created = valueOf(await api.createAnnotation(ttp, { ...(await rangeOf(ttp, 'at least 46 people')), color: 'pink', note: '*claim*', tags: ['casualties'] }))
    expect(created.target.quote.exact).toBe('at least 46 people')
    expect(created.author).toBe('Ana')
    expect(created.anchor).toMatchObject({ status: 'anchored', ...(await rangeOf(ttp, 'at least 46 people')) })
    const listed = valueOf(await api.listAnnotations(ttp))
    expect(listed.map((a) => a.id)).toEqual([created.id])
    expect(events).toContainEqual({ type: 'notes-changed', payload: { articleIds: [ttp] } })
  })

  it('refuses bad ranges, colours, tags and unknown articles, storing nothing', async () => {
    const id = await importText('a.txt', 'Alpha report\n\nThe convoy left at dawn and reached the border by noon.\n')
    const length = (await textOf(id)).length
    const bad: unknown[][] = [
      [id, { start: 5, end: 5 }],
      [id, { start: 9, end: 2 }],
      [id, { start: -1, end: 4 }],
      [id, { start: 1.5, end: 4 }],
      [id, { start: 0, end: length + 1 }],
      [id, { start: 0, end: 4, color: 'red' }],
      [id, { start: 0, end: 4, tags: 'one' }],
      [id, { start: 0, end: 4, extra: true }],
      ['../etc', { start: 0, end: 4 }],
      ['nosuch', { start: 0, end: 4 }],
      [id],
    ]
    for (const args of bad) {
      const result = await (api.createAnnotation as unknown as (...a: unknown[]) => Promise<Result<unknown>>)(...args)
      expect(result.ok, JSON.stringify(args)).toBe(false)
    }
    expect(valueOf(await api.listAnnotations(id))).toEqual([])
  })

  it('refuses a passage of only white space between two blocks', async () => {
    const id = await importText('a.txt', 'Alpha report\n\nThe convoy left at dawn.\n')
    const text = await textOf(id)
    const gap = text.indexOf('\n\n')
    expect(errorOf(await api.createAnnotation(id, { start: gap, end: gap + 2 })).code).toBe('invalid-argument')
  })

  it('deletes with undo: the deleted highlight comes back exactly', async () => {
    const id = await importText('a.txt', 'Alpha report\n\nThe convoy left at dawn and reached the border by noon.\n')
    const created = valueOf(await api.createAnnotation(id, await rangeOf(id, 'left at dawn')))
    const deleted = valueOf(await api.deleteAnnotation(created.id))
    expect(valueOf(await api.listAnnotations(id))).toEqual([])
    valueOf(await api.restoreAnnotation(deleted))
    const { anchor: _anchor, ...back } = valueOf(await api.listAnnotations(id))[0]!
    expect(back).toEqual(deleted)
    expect(errorOf(await api.restoreAnnotation(deleted)).code).toBe('conflict')
  })

  it('re-anchors highlights when a re-import shifts the text, and keeps a lost one as an orphan with its quote', async () => {
    const id = await importText('field.md', markdown('The convoy left at dawn.\n\nTwelve trucks crossed the bridge at noon.'))
    const trucks = valueOf(await api.createAnnotation(id, await rangeOf(id, 'Twelve trucks crossed')))
    const dawn = valueOf(await api.createAnnotation(id, await rangeOf(id, 'left at dawn')))
    const updated = await importText('field.md', markdown('A new opening paragraph arrived with the corrected edition.\n\nTwelve trucks crossed the bridge at noon.'), 'update')
    expect(updated).toBe(id)
    const listed = valueOf(await api.listAnnotations(id))
    const moved = listed.find((a) => a.id === trucks.id)!
    expect(moved.anchor).toMatchObject({ status: 'anchored', ...(await rangeOf(id, 'Twelve trucks crossed')) })
    expect(moved.target.position.start).toBeGreaterThan(trucks.target.position.start)
    const lost = listed.find((a) => a.id === dawn.id)!
    expect(lost.anchor).toEqual({ status: 'orphaned' })
    expect(lost.target.quote.exact).toBe('left at dawn')
    expect(events.some((e) => e.type === 'notice' && e.payload.message.includes('could not be found'))).toBe(true)
  })
})

describe('links through the service', () => {
  async function twoArticles() {
    const ttp = await importText('ttp.txt', await readFile(TTP_FIXTURE, 'utf8'))
    const other = await importText('ispr.txt', 'ISPR statement\n\nSecurity forces said over 30 militants were killed in the operation near the border.\n')
    return { ttp, other }
  }

  it('links the Taliban figure to Pakistan’s as contradicting, within one article, and shows it at both ends', async () => {
    const { ttp } = await twoArticles()
    const claim = valueOf(await api.createAnnotation(ttp, await rangeOf(ttp, 'at least 46 people')))
    const link = valueOf(await api.createLink({ from: { annotationId: claim.id }, to: { articleId: ttp, ...(await rangeOf(ttp, 'over 30 militants')) }, relation: 'contradicts', note: 'civilians vs militants' }))
    expect(link).toMatchObject({ relation: 'contradicts', broken: false, fromOrphaned: false, toOrphaned: false })
    expect(link.from.annotationId).toBe(claim.id)
    expect(link.to.quote.exact).toBe('over 30 militants')
    const { outgoing, incoming } = valueOf(await api.linksForArticle(ttp))
    expect(outgoing.map((l) => l.id)).toEqual([link.id])
    expect(incoming.map((l) => l.id)).toEqual([link.id])
  })

  it('shows a backlink with the title of the article it comes from', async () => {
    const { ttp, other } = await twoArticles()
    const link = valueOf(await api.createLink({ from: { articleId: other, ...(await rangeOf(other, 'over 30 militants')) }, to: { articleId: ttp, ...(await rangeOf(ttp, 'over 30 militants')) }, relation: 'same-event' }))
    const here = valueOf(await api.linksForArticle(ttp))
    expect(here.outgoing).toEqual([])
    expect(here.incoming).toEqual([expect.objectContaining({ id: link.id, fromTitle: 'ISPR statement' })])
    expect(here.incoming[0]!.toTitle).toBe(valueOf(await api.getArticle(ttp)).title)
    expect(events).toContainEqual({ type: 'notes-changed', payload: { articleIds: [other, ttp] } })
  })

  it('marks a link broken while the other article is in the trash, mends it on restore and keeps it broken after purge', async () => {
    const { ttp, other } = await twoArticles()
    const link = valueOf(await api.createLink({ from: { articleId: ttp, ...(await rangeOf(ttp, 'at least 46 people')) }, to: { articleId: other, ...(await rangeOf(other, 'over 30 militants')) }, relation: 'contradicts' }))
    valueOf(await api.deleteArticle(other))
    expect(valueOf(await api.linksForArticle(ttp)).outgoing[0]).toMatchObject({ id: link.id, broken: true })
    valueOf(await api.restoreArticle(other))
    expect(valueOf(await api.linksForArticle(ttp)).outgoing[0]!.broken).toBe(false)
    valueOf(await api.deleteArticle(other))
    valueOf(await api.purgeArticle(other))
    const kept = valueOf(await api.linksForArticle(ttp)).outgoing[0]!
    expect(kept).toMatchObject({ id: link.id, broken: true, toOrphaned: true, toTitle: 'A deleted article' })
    expect(kept.to.quote.exact).toBe('over 30 militants')
  })

  it('purging an article drops its highlights but lists nothing orphaned elsewhere', async () => {
    const { ttp, other } = await twoArticles()
    valueOf(await api.createAnnotation(other, await rangeOf(other, 'over 30 militants')))
    valueOf(await api.createAnnotation(ttp, await rangeOf(ttp, 'at least 46 people')))
    valueOf(await api.deleteArticle(other))
    expect(valueOf(await api.listAllAnnotations({ articleId: other }))[0]!.articleTrashed).toBe(true)
    valueOf(await api.purgeArticle(other))
    expect(valueOf(await api.listAllAnnotations()).map((a) => a.target.articleId)).toEqual([ttp])
  })

  it('refuses a self-link, a missing highlight and an empty relation', async () => {
    const { ttp } = await twoArticles()
    const range = { articleId: ttp, ...(await rangeOf(ttp, 'at least 46 people')) }
    expect(errorOf(await api.createLink({ from: range, to: range, relation: 'supports' })).code).toBe('invalid-argument')
    expect(errorOf(await api.createLink({ from: { annotationId: 'nosuch' }, to: range, relation: 'supports' })).code).toBe('not-found')
    const other = { articleId: ttp, ...(await rangeOf(ttp, 'over 30 militants')) }
    expect(errorOf(await api.createLink({ from: range, to: other, relation: '   ' })).code).toBe('invalid-argument')
    expect(valueOf(await api.listAllLinks())).toEqual([])
  })

  it('filters links and lists custom relations after the built-in ones; deletes a link with undo', async () => {
    const { ttp, other } = await twoArticles()
    const a = { articleId: ttp, ...(await rangeOf(ttp, 'at least 46 people')) }
    const b = { articleId: other, ...(await rangeOf(other, 'over 30 militants')) }
    const link = valueOf(await api.createLink({ from: a, to: b, relation: 'disputes count' }))
    expect(valueOf(await api.listRelations()).slice(-1)).toEqual(['disputes count'])
    expect(valueOf(await api.listAllLinks({ relation: 'supports' }))).toEqual([])
    expect(valueOf(await api.listAllLinks({ text: 'MILITANTS' })).map((l) => l.id)).toEqual([link.id])
    const deleted = valueOf(await api.deleteLink(link.id))
    expect(valueOf(await api.listAllLinks())).toEqual([])
    valueOf(await api.restoreLink(deleted))
    expect(valueOf(await api.listAllLinks()).map((l) => l.id)).toEqual([link.id])
    expect(errorOf(await api.listAllLinks({ since: 'yesterday-ish' })).code).toBe('invalid-argument')
  })

  it('counts tags across highlights case-insensitively, most used first, spelled as last written', async () => {
    const { ttp } = await twoArticles()
    valueOf(await api.createAnnotation(ttp, { ...(await rangeOf(ttp, 'at least 46 people')), tags: ['Casualties', 'claims'] }))
    valueOf(await api.createAnnotation(ttp, { ...(await rangeOf(ttp, 'over 30 militants')), tags: ['casualties'] }))
    expect(valueOf(await api.listNoteTags())).toEqual([{ tag: 'casualties', count: 2 }, { tag: 'claims', count: 1 }])
  })
})
