import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Annotation } from '../../../shared/notes'
import type { SearchIndexStatus } from '../../../shared/search'
import type { Article } from '../../../shared/types'
import { SearchEngine, stampOf, type SearchEngineOptions, type SearchSource } from './engine'
import { decodeSnapshot, INDEX_FORMAT_VERSION } from './snapshot'
import { corpusInputs } from './testing/corpus'

/** An archive stand-in: articles and annotations in memory. */
class MemorySource implements SearchSource {
  readonly items = new Map<string, { article: Article; annotations: Annotation[] }>()
  loads = 0
  constructor() {
    for (const { article, annotations } of corpusInputs()) this.items.set(article.id, { article, annotations })
  }
  async listArticles() {
    return [...this.items.values()].map(({ article, annotations }) => ({ id: article.id, stamp: stampOf(article, annotations) }))
  }
  async loadArticle(id: string) {
    this.loads++
    return this.items.get(id)
  }
}

const open: SearchEngine[] = []
async function start(dir: string, source: SearchSource, options: SearchEngineOptions = {}) {
  const engine = await SearchEngine.open(dir, source, { worker: false, segmentCapacity: 3, ...options })
  open.push(engine)
  return engine
}
afterEach(async () => {
  await Promise.all(open.splice(0).map((e) => e.close()))
})
const newDir = () => mkdtempSync(join(tmpdir(), 'dossier-engine-'))
const ids = async (engine: SearchEngine, query: string) => (await engine.search({ query })).groups.map((g) => g.articleId).sort()

describe('SearchEngine', () => {
  it('indexes the whole archive on first open, with progress, then reports ready', async () => {
    const statuses: SearchIndexStatus[] = []
    const engine = await start(newDir(), new MemorySource(), { onStatus: (s) => statuses.push(s) })
    await engine.whenReady()
    expect(engine.status()).toEqual({ state: 'ready', articles: 7 })
    expect(statuses.some((s) => s.state === 'rebuilding' && s.total === 7)).toBe(true)
    expect(await ids(engine, 'Torkham')).toEqual(['torkham'])
    const response = await engine.search({ query: 'Torkham' })
    expect(response.complete).toBe(true)
  })

  it('reflects an edit and a delete at once', async () => {
    const source = new MemorySource()
    const engine = await start(newDir(), source)
    await engine.whenReady()
    const torkham = source.items.get('torkham')!.article
    const edited = { ...torkham, updatedAt: '2025-03-01T00:00:00.000Z', blocks: [{ id: 'torkham-b1', type: 'paragraph' as const, text: 'The Chaman crossing reopened.' }] }
    await engine.upsert(edited)
    expect(await ids(engine, 'Torkham')).toEqual(['torkham']) // still in the title
    expect(await ids(engine, 'lorries')).toEqual([])
    expect(await ids(engine, 'Chaman')).toEqual(['torkham'])
    await engine.remove('torkham')
    expect(await ids(engine, 'Chaman')).toEqual([])
    expect(engine.status()).toEqual({ state: 'ready', articles: 6 })
  })

  it('indexes a new annotation note at once and names it in the hit', async () => {
    const source = new MemorySource()
    const engine = await start(newDir(), source)
    await engine.whenReady()
    const { article, annotations } = source.items.get('cricket')!
    const note: Annotation = { ...source.items.get('floods')!.annotations[0]!, id: 'note-perth', target: { ...annotations[0]?.target ?? source.items.get('floods')!.annotations[0]!.target, articleId: 'cricket' }, note: 'Perth pitch report', tags: [] }
    await engine.upsert(article, [note])
    const { groups } = await engine.search({ query: 'note:pitch' })
    expect(groups[0]).toMatchObject({ articleId: 'cricket', hits: [{ kind: 'annotation', annotationId: 'note-perth' }] })
  })

  it('reopens from the saved index without re-reading the archive', async () => {
    const dir = newDir()
    const source = new MemorySource()
    const first = await start(dir, source)
    await first.whenReady()
    await first.close()
    source.loads = 0
    const second = await start(dir, source)
    await second.whenReady()
    expect(source.loads).toBe(0)
    expect(await ids(second, '"cowardly act"')).toEqual(['ttp'])
  })

  it('re-indexes only articles whose stamp changed or that were added while closed, and drops deleted ones', async () => {
    const dir = newDir()
    const source = new MemorySource()
    const first = await start(dir, source)
    await first.whenReady()
    await first.close()
    const floods = source.items.get('floods')!
    source.items.set('floods', { ...floods, article: { ...floods.article, updatedAt: '2026-01-01T00:00:00.000Z', title: 'Monsoon floods swamp Karachi' } })
    source.items.delete('cricket')
    source.loads = 0
    const second = await start(dir, source)
    await second.whenReady()
    expect(source.loads).toBe(1)
    expect(await ids(second, 'Karachi')).toEqual(['floods'])
    expect(await ids(second, 'Australia')).toEqual([])
  })

  it.each([
    ['truncated', (bytes: Buffer) => bytes.subarray(0, Math.floor(bytes.length / 2))],
    ['garbled', (bytes: Buffer) => Buffer.from(bytes.map((b, i) => (i > 40 && i % 7 === 0 ? b ^ 0xff : b)))],
    ['emptied', () => Buffer.alloc(0)],
    ['NUL-filled', (bytes: Buffer) => Buffer.alloc(bytes.length)],
    ['from another format version', (bytes: Buffer) => Buffer.from(bytes).fill(99, 8, 9)],
  ])('rebuilds a %s segment in the background and keeps answering', async (_damage, damage) => {
    const dir = newDir()
    const source = new MemorySource()
    const first = await start(dir, source)
    await first.whenReady()
    await first.close()
    const files = readdirSync(dir).filter((f) => f.endsWith('.dsx'))
    expect(files.length).toBeGreaterThan(1)
    for (const file of files) writeFileSync(join(dir, file), damage(readFileSync(join(dir, file))))
    const problems: string[] = []
    const second = await start(dir, source, { onProblem: (p) => problems.push(p) })
    await second.whenReady()
    expect(problems.length).toBe(files.length)
    expect(second.status()).toEqual({ state: 'ready', articles: 7 })
    expect(await ids(second, 'Waziristn')).toEqual(['ttp'])
  })

  it('upgrades segments saved in an earlier format: rebuilt in the background, answering from the others meanwhile', async () => {
    const dir = newDir()
    const source = new MemorySource()
    const first = await start(dir, source)
    await first.whenReady()
    await first.close()
    const oldest = join(dir, 'segment-000001.dsx')
    const inOldest = decodeSnapshot(readFileSync(oldest), 'segment 1').articles.map((a) => a.id)
    const elsewhere = [...source.items.keys()].filter((id) => !inOldest.includes(id))
    expect(inOldest.length).toBeGreaterThan(0)
    expect(elsewhere.length).toBeGreaterThan(0)
    // The same file as an earlier release wrote it: only the header's format number differs.
    const earlier = readFileSync(oldest)
    earlier.writeUInt32LE(INDEX_FORMAT_VERSION - 1, 8)
    writeFileSync(oldest, earlier)
    source.loads = 0

    // The archive answers slowly, so the rebuild is still under way while we search.
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const slow: SearchSource = { listArticles: () => source.listArticles(), loadArticle: async (id) => (await gate, source.loadArticle(id)) }
    const problems: string[] = []
    const second = await start(dir, slow, { onProblem: (p) => problems.push(p) })
    while (second.status().state !== 'rebuilding') await new Promise((r) => setTimeout(r, 5))
    const titleWord = (id: string) => source.items.get(id)!.article.title.split(/\s+/).find((w) => w.length > 5)!
    const during = await second.search({ query: titleWord(elsewhere[0]!) })
    expect(during.complete).toBe(false)
    expect(during.status).toMatchObject({ state: 'rebuilding', total: inOldest.length })
    expect(during.groups.map((g) => g.articleId)).toContain(elsewhere[0])
    expect((await second.search({ query: titleWord(inOldest[0]!) })).groups.map((g) => g.articleId)).not.toContain(inOldest[0])
    expect(problems).toEqual([expect.stringMatching(new RegExp(`segment 1 has index format ${INDEX_FORMAT_VERSION - 1}, expected ${INDEX_FORMAT_VERSION}`))])

    release()
    await second.whenReady()
    expect(second.status()).toEqual({ state: 'ready', articles: 7 })
    expect(await ids(second, titleWord(inOldest[0]!))).toContain(inOldest[0])
    expect(source.loads).toBe(inOldest.length)
    // Every file on disk is now in the current format and reads back.
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.dsx'))) {
      expect(readFileSync(join(dir, file)).readUInt32LE(8)).toBe(INDEX_FORMAT_VERSION)
      expect(() => decodeSnapshot(readFileSync(join(dir, file)), file)).not.toThrow()
    }
  })

  it('runs in a worker thread with the same answers', async () => {
    const dir = newDir()
    const engine = await start(dir, new MemorySource(), { worker: true })
    await engine.whenReady()
    const { groups } = await engine.search({ query: 'Khowarazmi' })
    expect(groups[0]).toMatchObject({ articleId: 'algebra', hits: [{ kind: 'passage', blockId: 'algebra-b1' }] })
    await engine.remove('algebra')
    // The exact word is gone with it; the fuzzy fallback may now find ttp's "Khowarazami", as a rebuilt index would.
    expect(await ids(engine, 'Khowarazmi')).not.toContain('algebra')
    expect(await ids(engine, 'algebra')).toEqual([])
    await engine.flush()
    expect(readdirSync(dir).some((f) => f.endsWith('.dsx'))).toBe(true)
  })

  it('answers an empty result after close instead of throwing', async () => {
    const engine = await start(newDir(), new MemorySource())
    await engine.close()
    expect(await engine.search({ query: 'Torkham' })).toMatchObject({ groups: [], total: 0, complete: false })
  })
})
