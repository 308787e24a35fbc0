import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DossierApi, ImportFile } from '../../shared/api'
import type { DossierEvent } from '../../shared/events'
import type { Result } from '../../shared/result'
import { SEARCH_MAX_LIMIT, SEARCH_MAX_QUERY_LENGTH, type SearchResponse } from '../../shared/search'
import { TTP_FIXTURE } from '../../test-support/fixtures'
import { Archive } from '../core/archive/archive'
import { EventBus } from './events'
import { createLibraryApi } from './library'
import { ArticleLifecycle } from './lifecycle'
import { openSearch, searchWorkerLocation, type OpenedSearch } from './search'
import { openService, type DossierService } from '.'

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
const file = (name: string, text: string): ImportFile => ({ name, data: utf8(text) })

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

const HARBOUR = file('harbour.md', '---\nsource: Dawn\ntags: [ports, Karachi]\npublished: 2024-05-02\n---\n# Karachi harbour dredging\n\nThe port trust signed a $54 million contract to dredge the Karachi channel.\n\nDredgers arrive in June.\n')
const CRICKET = file('cricket.txt', 'Cricket in Perth\n\nThe touring side lost the second test in Perth by 360 runs.\n')

/** The search service alone, in this thread, over a real archive and the library API that feeds its life cycle. */
interface Harness {
  dir: string
  events: EventBus
  seen: DossierEvent[]
  library: ReturnType<typeof createLibraryApi>
  search: OpenedSearch
}

const opened: { close(): Promise<void> }[] = []
let dir: string

async function harness(at = dir): Promise<Harness> {
  const archive = await Archive.open(at)
  const events = new EventBus()
  const seen: DossierEvent[] = []
  events.subscribe((event) => seen.push(event))
  const lifecycle = new ArticleLifecycle()
  const library = createLibraryApi(archive, events, lifecycle)
  const search = await openSearch({ dir: at, archive, events, lifecycle, worker: false })
  opened.push(search)
  return { dir: at, events, seen, library, search }
}

const articleIds = (response: SearchResponse) => response.groups.map((g) => g.articleId)
const find = async (h: Harness, query: string, filters = {}) => valueOf(await h.search.api.search({ query, filters }))

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-search-service-'))
})

afterEach(async () => {
  for (const item of opened.splice(0)) await item.close()
  await rm(dir, { recursive: true, force: true })
})

describe('search requests are validated', () => {
  const BAD: [string, unknown[]][] = [
    ['no request', []],
    ['null', [null]],
    ['a bare string', ['Karachi']],
    ['a query too long', [{ query: 'a'.repeat(SEARCH_MAX_QUERY_LENGTH + 1) }]],
    ['a numeric query', [{ query: 42 }]],
    ['a zero limit', [{ query: 'a', limit: 0 }]],
    ['a limit over the cap', [{ query: 'a', limit: SEARCH_MAX_LIMIT + 1 }]],
    ['a fractional limit', [{ query: 'a', limit: 1.5 }]],
    ['a limit as text', [{ query: 'a', limit: '10' }]],
    ['hits per article over the cap', [{ query: 'a', hitsPerArticle: 1000 }]],
    ['an unknown sort', [{ query: 'a', sort: 'best' }]],
    ['an unknown field', [{ query: 'a', boost: 2 }]],
    ['an unknown filter', [{ query: 'a', filters: { colour: 'red' } }]],
    ['a source that is not a list', [{ query: 'a', filters: { source: 'Dawn' } }]],
    ['too many sources', [{ query: 'a', filters: { source: Array.from({ length: 51 }, (_, i) => `s${i}`) } }]],
    ['a date that is not ISO', [{ query: 'a', filters: { publishedFrom: '2 May 2024' } }]],
    ['a date with trailing script', [{ query: 'a', filters: { addedTo: '2024-01-01<script>' } }]],
    ['has-annotations as text', [{ query: 'a', filters: { hasAnnotations: 'yes' } }]],
    ['an article id with a path', [{ query: 'a', filters: { articleId: '../x' } }]],
    ['a second argument', [{ query: 'a' }, {}]],
  ]
  it.each(BAD)('refuses %s as invalid-argument', async (_, args) => {
    const h = await harness()
    const result = await (h.search.api.search as unknown as (...a: unknown[]) => Promise<Result<unknown>>)(...args)
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('invalid-argument')
  })

  it('accepts every documented filter together, and an empty query', async () => {
    const h = await harness()
    const full = await h.search.api.search({
      query: 'harbour',
      limit: SEARCH_MAX_LIMIT,
      hitsPerArticle: 5,
      sort: 'newest',
      filters: { source: ['Dawn'], tags: ['ports'], publishedFrom: '2024', publishedTo: '2024-12-31', addedFrom: '2020-01-01T00:00:00Z', hasAnnotations: false },
    })
    expect(full.ok).toBe(true)
    expect((await h.search.api.search({ query: '' })).ok).toBe(true)
  })
})

describe('the index follows the archive at once', () => {
  it('finds an article as soon as its import returns, with the passage that matched', async () => {
    const h = await harness()
    await h.search.engine.whenReady()
    const outcome = valueOf(await h.library.importFiles([HARBOUR, CRICKET]))
    const harbour = outcome.imported.find((a) => a.title.includes('Karachi'))!
    const response = await find(h, 'dredgers')
    expect(articleIds(response)).toEqual([harbour.id])
    const hit = response.groups[0]!.hits[0]!
    expect(hit.kind).toBe('passage')
    expect(hit.snippet.text.slice(hit.snippet.highlights[0]!.start, hit.snippet.highlights[0]!.end)).toBe('Dredgers')
  })

  it('reflects a title edit, a trash, a restore and a purge immediately', async () => {
    const h = await harness()
    const [cricket] = valueOf(await h.library.importFiles([CRICKET])).imported
    const id = cricket!.id
    valueOf(await h.library.updateArticle(id, { title: 'Ashes report from the WACA' }))
    expect(articleIds(await find(h, 'WACA'))).toEqual([id])
    valueOf(await h.library.deleteArticle(id))
    expect(articleIds(await find(h, 'WACA'))).toEqual([])
    valueOf(await h.library.restoreArticle(id))
    expect(articleIds(await find(h, 'WACA'))).toEqual([id])
    valueOf(await h.library.deleteArticle(id))
    valueOf(await h.library.purgeArticle(id))
    expect(articleIds(await find(h, 'Perth'))).toEqual([])
  })

  it('reflects a re-import that replaces the text: old words gone, new words found', async () => {
    const h = await harness()
    const page = (body: string) => file('cricket.md', `---\nurl: https://example.org/perth\n---\n# Cricket in Perth\n\n${body}\n`)
    const [first] = valueOf(await h.library.importFiles([page('The touring side lost by 360 runs.')])).imported
    const outcome = valueOf(await h.library.importFiles([page('Rain washed out the final day at Optus Stadium.')], { duplicates: 'update' }))
    expect(outcome.updated.map((a) => a.id)).toEqual([first!.id])
    expect(articleIds(await find(h, 'Optus'))).toEqual([first!.id])
    expect(articleIds(await find(h, '"360 runs"'))).toEqual([])
  })

  it('filters by source and tag case-insensitively, and counts them as facets', async () => {
    const h = await harness()
    valueOf(await h.library.importFiles([HARBOUR, CRICKET]))
    expect((await find(h, 'Karachi OR Perth', { source: ['dawn'] })).groups.map((g) => g.title)).toEqual(['Karachi harbour dredging'])
    expect((await find(h, 'Karachi', { tags: ['PORTS'] })).total).toBe(1)
    expect((await find(h, 'Karachi', { tags: ['cricket'] })).total).toBe(0)
    const facets = valueOf(await h.search.api.searchFacets())
    expect(facets.sources).toEqual([{ value: 'Dawn', count: 1 }])
    expect(facets.tags.map((t) => t.value).sort()).toEqual(['Karachi', 'ports'])
  })

  it('reports its status as events, ending ready with the article count', async () => {
    const h = await harness()
    valueOf(await h.library.importFiles([HARBOUR]))
    await h.search.engine.whenReady()
    const statuses = h.seen.filter((e) => e.type === 'search-status').map((e) => e.payload)
    expect(statuses.at(-1)).toMatchObject({ state: 'ready' })
    expect(valueOf(await h.search.api.searchStatus())).toEqual({ state: 'ready', articles: 1 })
  })
})

describe('a damaged index never stops the archive from opening', () => {
  it('rebuilds from the archive when the saved segments are garbage, and says so', async () => {
    const first = await harness()
    valueOf(await first.library.importFiles([HARBOUR, CRICKET]))
    await first.search.close()
    opened.length = 0
    const index = join(dir, 'index')
    const segments = (await readdir(index)).filter((name) => name.endsWith('.dsx'))
    expect(segments.length).toBeGreaterThan(0)
    for (const name of segments) await writeFile(join(index, name), 'not a segment at all')
    const again = await harness()
    await again.search.engine.whenReady()
    expect((await find(again, 'dredgers')).total).toBe(1)
    expect(again.seen.some((e) => e.type === 'notice' && e.payload.message.includes('search index'))).toBe(true)
  })

  it('moves aside an index path that is a file, not a folder, and rebuilds', async () => {
    const first = await harness()
    valueOf(await first.library.importFiles([CRICKET]))
    await first.search.close()
    opened.length = 0
    await rm(join(dir, 'index'), { recursive: true, force: true })
    await writeFile(join(dir, 'index'), 'a stray file')
    const again = await harness()
    await again.search.engine.whenReady()
    expect((await find(again, 'Perth')).total).toBe(1)
    expect(again.search.notices.join(' ')).toMatch(/moved aside/)
    expect((await readdir(dir)).some((name) => name.startsWith('index.damaged-'))).toBe(true)
  })
})

it('falls back to searching in this thread when the worker file is missing, and says so', async () => {
  const archive = await Archive.open(dir)
  const events = new EventBus()
  const lifecycle = new ArticleLifecycle()
  const library = createLibraryApi(archive, events, lifecycle)
  const missing = { url: new URL('search-worker-that-is-not-there.js', `file://${dir}/`) }
  const search = await openSearch({ dir, archive, events, lifecycle, worker: missing })
  opened.push(search)
  expect(search.notices.join(' ')).toMatch(/background worker/)
  valueOf(await library.importFiles([CRICKET]))
  expect(valueOf(await search.api.search({ query: 'Perth' })).total).toBe(1)
  expect((await readdir(dir)).some((name) => name.startsWith('index.damaged-'))).toBe(false)
})

describe('the assembled service', () => {
  let service: DossierService
  let api: DossierApi
  beforeEach(async () => {
    service = await openService(dir)
    api = service.api
  })
  afterEach(() => service.close())

  it('searches the real fixture through the worker thread: typo, phrase and annotation note', async () => {
    const fixture = await readFile(TTP_FIXTURE)
    const [article] = valueOf(await api.importFiles([{ name: 'pakistan-ttp-challenge.txt', data: new Uint8Array(fixture) }])).imported
    const id = article!.id
    expect(articleIds(valueOf(await api.search({ query: 'Waziristn' })))).toContain(id)
    const phrase = valueOf(await api.search({ query: '"46 people"' }))
    expect(articleIds(phrase)).toEqual([id])
    valueOf(await api.createAnnotation(id, { start: 0, end: 20, note: 'compare with the Quetta briefing' }))
    // notes-changed reindexes the article in the background: wait until the note is searchable.
    await expect.poll(async () => articleIds(valueOf(await api.search({ query: 'note:Quetta' })))).toEqual([id])
    expect(articleIds(valueOf(await api.search({ query: 'Waziristan', filters: { hasAnnotations: true } })))).toEqual([id])
  })
})

describe('where the built app finds its worker', () => {
  it('uses the bundled search-worker.js beside a built module, and tsx from source', () => {
    expect(searchWorkerLocation('file:///app/out/main/cli.js')).toEqual({ url: new URL('file:///app/out/main/search-worker.js') })
    expect(searchWorkerLocation('file:///repo/src/main/service/search.ts').viaTsx).toBe(true)
  })
})

it('still indexes and searches when a segment name in the index is taken by a folder', async () => {
  await mkdir(join(dir, 'index', 'segment-000001.dsx'), { recursive: true })
  const h = await harness()
  await h.search.engine.whenReady()
  valueOf(await h.library.importFiles([CRICKET]))
  expect((await find(h, 'Perth')).total).toBe(1)
})
