// state.json fields an older or hand-edited file lacks load as their defaults,
// and open says which: a reset is never silent.

import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DEFAULT_PREFERENCES } from '../../../shared/types'
import { Archive } from './archive'

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-state-'))
})
afterEach(() => rm(dir, { recursive: true, force: true }))

const position = { blockId: 'b1', fraction: 0.5, updatedAt: '2025-03-01T09:00:00.000Z' }
const dark = { ...DEFAULT_PREFERENCES, theme: 'dark' as const }
const writeState = (state: unknown) => writeFile(join(dir, 'state.json'), JSON.stringify(state))

describe('state.json with fields missing', () => {
  it('loads the missing fields as defaults, keeps the others, and names the file and each defaulted field', async () => {
    const { id } = await (await Archive.open(dir)).add({ title: 'Read me', format: 'text', blocks: [{ type: 'paragraph', text: 'Body.' }] })
    await writeState({ format: 1, positions: { [id]: position } })
    const archive = await Archive.open(dir)
    expect(archive.notices).toEqual(['state.json had no preferences and welcomed; their defaults were used'])
    expect(archive.preferences()).toEqual(DEFAULT_PREFERENCES)
    expect(archive.welcomed).toBe(false)
    // Still loading: what the file had is kept, and nothing was set aside as damaged.
    expect(archive.readingPosition(id)).toEqual(position)
    expect((await readdir(dir)).filter((name) => name.includes('damaged'))).toEqual([])
  })

  it('names a single defaulted field on its own', async () => {
    await writeState({ format: 1, preferences: dark, positions: {} })
    const archive = await Archive.open(dir)
    expect(archive.notices).toEqual(['state.json had no welcomed; its default was used'])
    expect(archive.preferences().theme).toBe('dark')
  })

  it('names all three when the file holds only its format', async () => {
    await writeState({ format: 1 })
    expect((await Archive.open(dir)).notices).toEqual(['state.json had no preferences, positions and welcomed; their defaults were used'])
  })

  it('says nothing for a complete state.json, or a new archive that has none yet', async () => {
    const fresh = await Archive.open(dir)
    expect(fresh.notices).toEqual([])
    await fresh.setPreferences({ theme: 'sepia' })
    expect((await Archive.open(dir)).notices).toEqual([])
  })

  it('treats a field present with the wrong type as damage, not as a default: the file is kept aside', async () => {
    await writeState({ format: 1, preferences: null, positions: {}, welcomed: true })
    const archive = await Archive.open(dir)
    expect(archive.notices.join('\n')).toMatch(/state\.json has an unexpected shape/)
    expect(archive.notices.join('\n')).not.toMatch(/had no/)
    expect((await readdir(dir)).filter((name) => name.startsWith('state.json.damaged-'))).toHaveLength(1)
  })

  it('names the fields the backup lacked when a damaged state.json is recovered from it', async () => {
    await writeFile(join(dir, 'state.json.bak'), JSON.stringify({ format: 1, preferences: dark }))
    await writeFile(join(dir, 'state.json'), '{"format":1,"pref')
    const archive = await Archive.open(dir)
    expect(archive.notices).toContain('state.json was restored from its backup')
    expect(archive.notices).toContain('state.json had no positions and welcomed; their defaults were used')
    expect(archive.preferences().theme).toBe('dark')
  })
})
