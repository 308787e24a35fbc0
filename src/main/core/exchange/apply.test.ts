import { cp, mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, relative } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { Archive } from '../archive/archive'
import { exportJson } from '../export/json-ld'
import { OPTIONS, sampleSelection } from '../export/test-fixtures'
import { NotesStore } from '../notes'
import { applyMergeToFolder, recoverInterruptedMerge, rollbackDirOf, type HeldNotes } from './apply'
import { guardPlan } from './guard-plan'
import { parseSharedNotes } from './parse-shared-notes'
import { planMerge, type MergePlan } from './plan-merge'

let root: string
let dir: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-apply-'))
  dir = join(root, 'archive')
  // An archive with one article of its own and a highlight on it.
  const archive = await Archive.open(dir)
  const mine = await archive.add({ title: 'Mine', format: 'text', blocks: [{ type: 'paragraph', text: 'My own article about tidal power.' }] })
  const { store } = await NotesStore.open(dir)
  await store.createAnnotation({ articleId: mine.id, plainText: 'My own article about tidal power.', start: 0, end: 6, note: 'mine' })
  await store.close()
})
afterEach(() => rm(root, { recursive: true, force: true }))

/** Every file of the folder with its content, so "nothing changed" is checked byte for byte (the stores' own .bak copies, refreshed at each open, aside). */
async function snapshot(folder: string): Promise<Record<string, string>> {
  const entries = await readdir(folder, { recursive: true, withFileTypes: true })
  const files: Record<string, string> = {}
  for (const entry of entries.filter((e) => e.isFile() && !e.name.endsWith('.bak') && !relative(folder, e.parentPath).startsWith('backups'))) {
    const path = join(entry.parentPath, entry.name)
    files[relative(folder, path)] = await readFile(path, 'utf8')
  }
  return files
}

async function colleaguePlan(): Promise<{ plan: MergePlan; held: HeldNotes }> {
  const selection = sampleSelection()
  const file = await exportJson({ ...selection, links: selection.links.filter((l) => l.id !== 'l3') }, OPTIONS)
  const incoming = parseSharedNotes(new TextEncoder().encode(file.data as string), 'colleague.json')
  const archive = await Archive.open(dir)
  const { store } = await NotesStore.open(dir)
  const state = { articles: archive.list(), annotations: store.listAllAnnotations(), links: store.listAllLinks() }
  await store.close()
  const held: HeldNotes = {
    annotations: new Map(state.annotations.map((a) => [a.id, a.target.articleId])),
    links: new Map(state.links.map((l) => [l.id, l.from.articleId])),
  }
  return { plan: guardPlan(planMerge(state, incoming), new Set(state.articles.map((a) => a.id))), held }
}

describe('applyMergeToFolder', () => {
  it('writes the whole plan: the archive and its notes reopen with everything merged', async () => {
    const { plan, held } = await colleaguePlan()
    await applyMergeToFolder(dir, plan, held)
    const archive = await Archive.open(dir)
    expect(archive.list().map((a) => a.title).sort()).toEqual(['Grid / Storage: a "report"', 'Mine', 'Prices', 'prices'])
    expect((await archive.readBlocks('art-grid')).length).toBe(2)
    const { store, notices } = await NotesStore.open(dir)
    expect(notices).toEqual([])
    expect(store.listAllAnnotations().map((a) => a.note)).toContain('mine')
    expect(store.listAllAnnotations()).toHaveLength(5)
    expect(store.listAllLinks().map((l) => l.id).sort()).toEqual(['l1', 'l2'])
    await store.close()
    await expect(stat(rollbackDirOf(dir))).rejects.toMatchObject({ code: 'ENOENT' })
  })

  it('a failure before any file, between files or before the last file leaves every file as it was', async () => {
    const { plan, held } = await colleaguePlan()
    const before = await snapshot(dir)
    const writes: string[] = []
    await applyMergeToFolder(join(root, 'dry'), plan, { annotations: new Map(), links: new Map() }, { beforeWrite: (p) => void writes.push(p) })
    expect(writes.at(-1)).toBe('catalog.json')
    for (let failAt = 0; failAt < writes.length; failAt += 1) {
      let count = 0
      const run = applyMergeToFolder(dir, plan, held, {
        beforeWrite: () => {
          if (count++ === failAt) throw new Error('disk unplugged')
        },
      })
      await expect(run, `failing at write ${failAt}`).rejects.toMatchObject({ code: 'io-error', message: expect.stringMatching(/nothing was merged.*disk unplugged/) })
      expect(await snapshot(dir), `failing at write ${failAt}`).toEqual(before)
    }
  })

  it('after a crash midway, recovery at the next open puts every file back', async () => {
    const { plan, held } = await colleaguePlan()
    const before = await snapshot(dir)
    const crashed = join(root, 'crashed')
    let count = 0
    // The folder as a crash after the second write would leave it.
    await applyMergeToFolder(dir, plan, held, {
      beforeWrite: async () => {
        if (count++ !== 2) return
        await cp(dir, crashed, { recursive: true })
        await cp(rollbackDirOf(dir), rollbackDirOf(crashed), { recursive: true })
      },
    })
    expect(await readdir(rollbackDirOf(crashed))).toContain('journal.json')
    expect(await snapshot(crashed)).not.toEqual(before)
    expect(await recoverInterruptedMerge(crashed)).toBe(true)
    expect(await snapshot(crashed)).toEqual(before)
    expect(await recoverInterruptedMerge(crashed)).toBe(false)
  })

  it('writes nothing, not even a journal, for an empty plan', async () => {
    const { plan, held } = await colleaguePlan()
    await applyMergeToFolder(dir, plan, held)
    const after = await snapshot(dir)
    const { plan: again } = await colleaguePlan()
    const refuse = () => {
      throw new Error('should not write')
    }
    await applyMergeToFolder(dir, again, held, { beforeWrite: refuse })
    expect(await snapshot(dir)).toEqual(after)
  })
})

describe('guardPlan', () => {
  it('skips an article whose id cannot be a file name, and the notes on it, with reasons', async () => {
    const { plan } = await colleaguePlan()
    const evil = plan.addArticles.map((a) => (a.id === 'art-grid' ? { ...a, id: '../../etc' } : a))
    const retarget = <T extends { target: { articleId: string } }>(a: T): T =>
      a.target.articleId === 'art-grid' ? { ...a, target: { ...a.target, articleId: '../../etc' } } : a
    const guarded = guardPlan({ ...plan, addArticles: evil, addAnnotations: plan.addAnnotations.map(retarget) }, new Set())
    expect(guarded.addArticles.map((a) => a.id)).not.toContain('../../etc')
    expect(guarded.skipped.find((s) => s.kind === 'article')?.reason).toMatch(/id cannot be stored/)
    expect(guarded.skipped.filter((s) => s.kind === 'annotation').map((s) => s.id).sort()).toEqual(['a1', 'a2'])
    expect(guarded.addAnnotations.map((a) => a.id).sort()).toEqual(['a3', 'a4'])
  })
})
