// Changes that overlap while one of their writes fails. Each write saves the
// whole catalog (or state), so a change must never be saved by another change's
// write and then undone in memory only: what the app lists is what is on disk.
// The failure is injected at the rename that puts the new file in place, held
// until the test lets it fail, so the overlap is certain.

import * as fs from 'node:fs/promises'
import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ImportedDocument } from '../../../shared/types'
import { Archive } from './archive'

const held: { file: string; writes: number; reached?: () => void; release?: Promise<void> } = { file: '', writes: 0 }

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>()
  const rename: typeof actual.rename = async (from, to) => {
    if (held.writes > 0 && String(to).endsWith(held.file)) {
      held.writes--
      held.reached?.()
      await held.release
      throw Object.assign(new Error('ENOSPC: injected by the test'), { code: 'ENOSPC' })
    }
    return actual.rename(from, to)
  }
  return { ...actual, rename, default: { ...actual, rename } }
})

const doc = (title: string): ImportedDocument => ({ title, format: 'text', blocks: [{ type: 'paragraph', text: `The text of ${title}, long enough to be an article.` }] })
const titles = (archive: Archive) => archive.list().map((meta) => meta.title)

/** The next write of `file` fails once the test calls `fail`; `reached` resolves when that write is under way. */
function failNextWrite(file = 'catalog.json'): { reached: Promise<void>; fail: () => void } {
  let fail!: () => void
  held.release = new Promise((resolve) => (fail = resolve))
  const reached = new Promise<void>((resolve) => (held.reached = resolve))
  held.file = file
  held.writes = 1
  return { reached, fail }
}

/** Lets a change that was started run until it waits on the catalog. */
async function settle(dir: string, bodies: number): Promise<void> {
  await vi.waitFor(async () => expect((await readdir(join(dir, 'articles'))).filter((name) => name.endsWith('.json'))).toHaveLength(bodies))
  await new Promise((resolve) => setTimeout(resolve, 50))
}

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-archive-race-'))
})
afterEach(async () => {
  held.writes = 0
  delete held.reached
  delete held.release
  await rm(dir, { recursive: true, force: true })
})

describe('overlapping catalog changes when a write fails', () => {
  it('an add whose write fails is not saved by the write of an add that overlapped it', async () => {
    const archive = await Archive.open(dir)
    const failing = failNextWrite()
    const first = archive.add(doc('First'))
    const firstFailed = expect(first).rejects.toMatchObject({ code: 'ENOSPC' })
    await failing.reached
    const second = archive.add(doc('Second'))
    await settle(dir, 2)
    failing.fail()
    await firstFailed
    await second
    expect(titles(archive)).toEqual(['Second'])
    const reopened = await Archive.open(dir)
    expect(reopened.notices).toEqual([])
    expect(titles(reopened)).toEqual(['Second'])
  })

  it('an add that overlaps a purge whose write fails stays listed, and the purged article comes back', async () => {
    const archive = await Archive.open(dir)
    const kept = await archive.add(doc('Kept'))
    const failing = failNextWrite()
    const purge = archive.purge(kept.id)
    const purgeFailed = expect(purge).rejects.toMatchObject({ code: 'ENOSPC' })
    await failing.reached
    const added = archive.add(doc('Added during the purge'))
    await settle(dir, 2)
    failing.fail()
    await purgeFailed
    const meta = await added
    // Reported added, so it must be listed, and the purge that failed changed nothing.
    expect(archive.has(meta.id)).toBe(true)
    expect(titles(archive)).toEqual(['Added during the purge', 'Kept'])
    const reopened = await Archive.open(dir)
    expect(reopened.notices).toEqual([])
    expect(titles(reopened)).toEqual(['Added during the purge', 'Kept'])
  })

  it('a trash whose write fails is not saved by the write of an add that overlapped it', async () => {
    const archive = await Archive.open(dir)
    const kept = await archive.add(doc('Kept'))
    const failing = failNextWrite()
    const trash = archive.trash(kept.id)
    const trashFailed = expect(trash).rejects.toMatchObject({ code: 'ENOSPC' })
    await failing.reached
    const added = archive.add(doc('Added during the trash'))
    await settle(dir, 2)
    failing.fail()
    await trashFailed
    await added
    expect(titles(archive)).toEqual(['Added during the trash', 'Kept'])
    const reopened = await Archive.open(dir)
    expect(titles(reopened)).toEqual(['Added during the trash', 'Kept'])
    expect(reopened.listTrash()).toEqual([])
  })

  it('a preference change whose write fails is not saved by the write of one that overlapped it', async () => {
    const archive = await Archive.open(dir)
    const failing = failNextWrite('state.json')
    const dark = archive.setPreferences({ theme: 'dark' })
    const darkFailed = expect(dark).rejects.toMatchObject({ code: 'ENOSPC' })
    await failing.reached
    const larger = archive.setPreferences({ fontSize: 24 })
    await new Promise((resolve) => setTimeout(resolve, 50))
    failing.fail()
    await darkFailed
    await larger
    expect(archive.preferences()).toMatchObject({ theme: 'light', fontSize: 24 })
    const reopened = await Archive.open(dir)
    expect(reopened.preferences()).toMatchObject({ theme: 'light', fontSize: 24 })
  })
})
