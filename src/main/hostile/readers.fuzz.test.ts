// The backup and merge readers fuzzed over their structure (paths, ids, field
// sizes), not only over bytes: every manifest and every notes file carries
// checksums and shapes, so random bytes would stop at the first check.

import { mkdir, mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative, sep } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isSafeId } from '../../shared/ids'
import { DossierFailure } from '../../shared/result'
import { Archive } from '../core/archive/archive'
import { contentHash } from '../core/archive/text-stats'
import { applyMergeToFolder } from '../core/exchange/apply'
import { archiveEntryProblem } from '../core/exchange/backup-format'
import { guardPlan } from '../core/exchange/guard-plan'
import { parseSharedNotes } from '../core/exchange/parse-shared-notes'
import { planMerge } from '../core/exchange/plan-merge'
import { restoreArchive } from '../core/exchange/restore'
import { NotesStore } from '../core/notes'
import { craftBackup } from './backup-merge.test-support'

const RUNS = process.env['DOSSIER_LONG'] === '1' ? 400 : 40

const segment = fc.oneof(
  fc.constantFrom('..', '.', '', 'articles', 'assets', 'notes', 'index', 'catalog.json', 'state.json', '.merge-rollback', 'journal.json', 'dossier.lock', 'aux', 'CON.json', 'a.json', 'image-1.png', 'C:', '\\..', '\0', 'abc123', '.x.0123456789ab.tmp'),
  fc.string({ maxLength: 12 }),
)
const path = fc.oneof(
  fc.array(segment, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('/')),
  fc.constantFrom('articles/abc123.json', 'assets/abc123/image-1.png', 'notes/annotations/0a.json', 'index/segment-1.bin', 'backups/notes-1/manifest.json'),
)
const catalogText = fc.oneof(
  fc.constant('{"format":1,"articles":[]}'),
  fc.string({ maxLength: 30 }),
  fc.array(fc.oneof(fc.constantFrom('../x', 'aux', 'constructor', 'ok-1', '', 'a.b'), fc.string({ maxLength: 70 })), { maxLength: 3 }).map((ids) =>
    JSON.stringify({ format: 1, articles: ids.map((id) => ({ id, title: 't', addedAt: 'x', updatedAt: 'x', tags: [], format: 'text', wordCount: 0, readingMinutes: 0, contentHash: 'h' })) }),
  ),
)

let root: string
let outside: string
const listOutside = async (): Promise<string[]> => (await readdir(outside, { recursive: true })).sort()

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-fuzz-'))
  outside = join(root, 'outside')
  await mkdir(outside, { recursive: true })
  await rm(join(outside, 'keep.txt'), { force: true })
})
afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

const expectOnlyDossierFailures = (error: unknown): void => {
  if (!(error instanceof DossierFailure)) throw error
}

describe('restore of a crafted backup, over its structure', () => {
  it('either refuses with a DossierFailure or restores only archive files inside the target, and the result opens', async () => {
    const before = await listOutside()
    let run = 0
    const outcomes = { restored: 0, refused: 0 }
    await fc.assert(
      fc.asyncProperty(fc.dictionary(path, fc.string({ maxLength: 20 }), { maxKeys: 5 }), catalogText, async (files, catalog) => {
        const target = join(root, 'runs', `r${run++}`, 'archive')
        const bytes = craftBackup({ ...files, 'catalog.json': catalog })
        try {
          await restoreArchive(bytes, target)
          outcomes.restored++
        } catch (error) {
          expectOnlyDossierFailures(error)
          outcomes.refused++
          return
        }
        for (const name of await readdir(target, { recursive: true, withFileTypes: true })) {
          if (!name.isFile()) continue
          const rel = relative(target, join(name.parentPath, name.name)).split(sep).join('/')
          expect(archiveEntryProblem(rel), rel).toBeUndefined()
        }
        const archive = await Archive.open(target)
        expect(archive.list().every((meta) => isSafeId(meta.id))).toBe(true)
      }),
      { numRuns: RUNS },
    )
    expect(await listOutside()).toEqual(before)
    // Both ways were taken, or the property proved little.
    expect(outcomes.restored).toBeGreaterThan(0)
    expect(outcomes.refused).toBeGreaterThan(0)
  })
})

const hostileId = fc.oneof(fc.constantFrom('ok-1', 'ok-2', 'ok-3', '../../outside/x', '/abs', 'aux', 'aux.json', 'constructor', '__proto__', 'a\u0000b', 'x'.repeat(199), 'ok-1', 'ok_2'), fc.string({ maxLength: 70 }))
const size = fc.constantFrom(0, 10, 501, 5_000)

const sharedArticle = fc.record({ id: hostileId, title: size, byline: size, tags: fc.nat({ max: 300 }) }).map(({ id, title, byline, tags }) => {
  const blocks = [{ id: 'b0', type: 'paragraph', text: 'Shared passage text' }]
  return {
    id,
    title: 'T'.repeat(title) || 'T',
    byline: 'B'.repeat(byline),
    addedAt: '2026-11-30T09:00:00.000Z',
    updatedAt: '2026-11-30T09:00:00.000Z',
    tags: Array.from({ length: tags }, (_, i) => `t${i}`),
    format: 'text',
    wordCount: 3,
    readingMinutes: 1,
    contentHash: contentHash(blocks as never),
    blocks,
  }
})
const item = (articleIds: string[]) =>
  fc.record({ id: hostileId, article: fc.constantFrom(...articleIds, 'missing'), note: size, link: fc.boolean(), relation: fc.constantFrom('supports', 'x'.repeat(65)) }).map(({ id, article, note, link, relation }) => {
    const target = {
      source: `urn:dossier:article:${article}`,
      selector: [
        { type: 'TextQuoteSelector', exact: 'Shared', prefix: '', suffix: '' },
        { type: 'TextPositionSelector', start: 0, end: 6 },
      ],
    }
    const common = { type: 'Annotation', created: '2026-11-30T09:00:00.000Z', modified: '2026-11-30T09:00:00.000Z', creator: 'Mallory', target }
    return link
      ? { ...common, id: `urn:dossier:link:${id}`, motivation: 'linking', body: [{ type: 'SpecificResource', ...target }], dossier: { relation } }
      : { ...common, id: `urn:dossier:annotation:${id}`, body: [{ type: 'TextualBody', value: 'n'.repeat(note), purpose: 'commenting' }] }
  })
const shareFile = fc.array(sharedArticle, { minLength: 1, maxLength: 3 }).chain((articles) =>
  fc.array(item(articles.map((a) => a.id)), { maxLength: 4 }).map((items) => ({
    type: 'AnnotationCollection',
    first: { type: 'AnnotationPage', items },
    dossier: { formatVersion: 1, appVersion: '0.1.0', exportedAt: '2026-11-30T09:00:00.000Z', articles },
  })),
)

describe('merge of a crafted notes file, over its structure', () => {
  it('stores only ids and fields the app can open, inside the archive, and the archive and notes reopen clean', async () => {
    const before = await listOutside()
    let run = 0
    let added = 0
    await fc.assert(
      fc.asyncProperty(shareFile, async (share) => {
        const dir = join(root, 'merges', `m${run++}`, 'archive')
        await (await Archive.open(dir)).flushCatalog()
        let incoming
        try {
          incoming = parseSharedNotes(new TextEncoder().encode(JSON.stringify(share)), 'colleague.json')
        } catch (error) {
          expectOnlyDossierFailures(error)
          return
        }
        const state = { articles: [], annotations: [], links: [] }
        const plan = guardPlan(planMerge(state, incoming), new Set())
        await applyMergeToFolder(dir, plan, { annotations: new Map(), links: new Map() })
        const archive = await Archive.open(dir)
        expect(archive.notices).toEqual([])
        added += archive.list().length
        for (const meta of archive.list()) {
          expect(isSafeId(meta.id)).toBe(true)
          expect(meta.title.length).toBeLessThanOrEqual(500)
          expect(await archive.readBlocks(meta.id)).toHaveLength(1)
        }
        const { store, notices } = await NotesStore.open(dir)
        expect(notices).toEqual([])
        expect(store.listAllAnnotations().every((a) => isSafeId(a.id) && a.note.length <= 100_000)).toBe(true)
        await store.close()
        expect(JSON.parse(await readFile(join(dir, 'catalog.json'), 'utf8')).articles.length).toBe(archive.list().length)
      }),
      { numRuns: RUNS },
    )
    expect(await listOutside()).toEqual(before)
    expect(added).toBeGreaterThan(0)
  })
})
