// Damaged files at start, through openService as the app opens an archive: it
// opens, says what it found (listNotices, which the UI shows as toasts), takes
// the last good copy where one exists, and keeps every damaged file as it was.

import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { Result } from '../../shared/result'
import { DEFAULT_PREFERENCES } from '../../shared/types'
import { bucketOf } from '../core/notes/buckets'
import { openService, type DossierService } from '../service'

const dirs: string[] = []
const open: DossierService[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((service) => service.close()))
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

async function start(dir: string): Promise<DossierService> {
  const service = await openService(dir)
  open.push(service)
  return service
}

async function stop(service: DossierService): Promise<void> {
  open.splice(open.indexOf(service), 1)
  await service.close()
}

const report = new TextEncoder().encode('Harbour report\n\nThe ferry left at dawn; officials said at least 46 people were aboard.\n')

/** An archive holding the welcome article and one import, opened twice so `.bak` copies and a notes backup exist. */
async function archiveWithBackups(): Promise<{ dir: string; id: string; annotationId: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'dossier-damaged-'))
  dirs.push(dir)
  const first = await start(dir)
  const [meta] = valueOf(await first.api.importFiles([{ name: 'harbour.txt', data: report }])).imported
  if (!meta) throw new Error('fixture did not import')
  await first.api.setPreferences({ theme: 'dark' })
  const annotation = valueOf(await first.api.createAnnotation(meta.id, { start: 0, end: 7, note: 'kept' }))
  await stop(first)
  await stop(await start(dir))
  return { dir, id: meta.id, annotationId: annotation.id }
}

const damage: [string, string][] = [
  ['truncated JSON', '{"format":1,"articles":[{"id":"abc","ti'],
  ['zero bytes', ''],
  ['garbage', '\u00ff\u00fe binary garbage \u0007\u0008 {{{'],
  ['NUL bytes', '\u0000'.repeat(128)],
  ['null', 'null'],
  ['a wrong shape', '{"format":1,"articles":"none"}'],
]

async function damagedCopies(dir: string, name: string): Promise<string[]> {
  return (await readdir(dir)).filter((file) => file.startsWith(`${name}.damaged-`))
}

describe('damaged files at start, through openService', () => {
  it.each(damage)('a catalog holding %s is reported, kept aside byte for byte, and recovered from its backup', async (_what, content) => {
    const { dir, id } = await archiveWithBackups()
    await writeFile(join(dir, 'catalog.json'), content)
    const service = await start(dir)
    const notices = valueOf(await service.api.listNotices()).map((notice) => notice.message)
    expect(notices.join('\n')).toMatch(/catalog\.json/)
    expect(notices.join('\n')).toMatch(/restored from its backup/)
    expect(valueOf(await service.api.listArticles()).map((meta) => meta.id)).toContain(id)
    expect(valueOf(await service.api.getArticle(id)).title).toBe('Harbour report')
    const kept = await damagedCopies(dir, 'catalog.json')
    expect(kept).toHaveLength(1)
    expect(await readFile(join(dir, kept[0] ?? ''), 'utf8')).toBe(content)
  })

  // stateSchema fills absent fields with defaults (older archives lack them), so its wrong shape must be a wrong type.
  const stateDamage = damage.map(([what, content]): [string, string] => (what === 'a wrong shape' ? [what, '{"format":1,"preferences":"dark"}'] : [what, content]))
  it.each(stateDamage)('a state file holding %s is reported and the preferences come back from its backup', async (_what, content) => {
    const { dir } = await archiveWithBackups()
    await writeFile(join(dir, 'state.json'), content)
    const service = await start(dir)
    expect(valueOf(await service.api.listNotices()).map((n) => n.message).join('\n')).toMatch(/state\.json.*\n?.*restored from its backup/)
    expect(valueOf(await service.api.getPreferences()).theme).toBe('dark')
    expect(await damagedCopies(dir, 'state.json')).toHaveLength(1)
  })

  it('a damaged catalog with a damaged backup starts afresh, says so, and keeps both files', async () => {
    const { dir } = await archiveWithBackups()
    await writeFile(join(dir, 'catalog.json'), '{"format":1,"arti')
    await writeFile(join(dir, 'catalog.json.bak'), '\u0000\u0000')
    const service = await start(dir)
    const notices = valueOf(await service.api.listNotices()).map((n) => n.message).join('\n')
    expect(notices).toMatch(/backup catalog\.json\.bak is damaged too/)
    expect(notices).toMatch(/started afresh/)
    expect(await damagedCopies(dir, 'catalog.json')).toHaveLength(1)
    // The bodies are still on disk for a later repair: nothing was deleted.
    expect((await readdir(join(dir, 'articles'))).length).toBeGreaterThanOrEqual(2)
  })

  it('a missing body file is named at open; the other articles still open and that one fails with a typed error', async () => {
    const { dir, id } = await archiveWithBackups()
    await rm(join(dir, 'articles', `${id}.json`))
    const service = await start(dir)
    expect(valueOf(await service.api.listNotices()).map((n) => n.message).join('\n')).toMatch(/text of 1 article is missing.*Harbour report/)
    const result = await service.api.getArticle(id)
    expect(result.ok ? 'opened' : result.error.code).toBe('damaged')
    const others = valueOf(await service.api.listArticles()).filter((meta) => meta.id !== id)
    expect(others.length).toBeGreaterThan(0)
    for (const meta of others) expect((await service.api.getArticle(meta.id)).ok).toBe(true)
  })

  it('a garbled body file is refused with a typed error and left as it was on disk', async () => {
    const { dir, id } = await archiveWithBackups()
    const path = join(dir, 'articles', `${id}.json`)
    await writeFile(path, '{"format":1,"id":"x","blocks":[{"id":')
    const service = await start(dir)
    const result = await service.api.getArticle(id)
    expect(result.ok ? 'opened' : result.error.code).toBe('damaged')
    expect(await readFile(path, 'utf8')).toBe('{"format":1,"id":"x","blocks":[{"id":')
  })

  it('a damaged notes bucket is reported and its annotations come back from the notes backup', async () => {
    const { dir, id, annotationId } = await archiveWithBackups()
    const bucket = join(dir, 'notes', 'annotations', `${bucketOf(id)}.json`)
    await writeFile(bucket, '{"format":1,"items":[{"id":')
    const service = await start(dir)
    expect(valueOf(await service.api.listNotices()).map((n) => n.message).join('\n')).toMatch(new RegExp(`${bucketOf(id)}\\.json`))
    expect(valueOf(await service.api.listAnnotations(id)).map((a) => a.id)).toEqual([annotationId])
    const aside = (await readdir(join(dir, 'notes', 'annotations'))).filter((name) => name.startsWith(`${bucketOf(id)}.json.damaged-`))
    expect(aside).toHaveLength(1)
  })

  it('a state file lacking fields opens with their defaults, keeps the rest, and a notice names the file and the fields', async () => {
    const { dir } = await archiveWithBackups()
    await writeFile(join(dir, 'state.json'), JSON.stringify({ format: 1, preferences: { ...DEFAULT_PREFERENCES, theme: 'dark' } }))
    const service = await start(dir)
    expect(valueOf(await service.api.listNotices()).map((n) => n.message)).toContain('state.json had no positions and welcomed; their defaults were used')
    expect(valueOf(await service.api.getPreferences()).theme).toBe('dark')
    expect(await damagedCopies(dir, 'state.json')).toEqual([])
  })

  it('an archive with nothing wrong has no notices', async () => {
    const { dir } = await archiveWithBackups()
    const service = await start(dir)
    expect(valueOf(await service.api.listNotices())).toEqual([])
  })
})
