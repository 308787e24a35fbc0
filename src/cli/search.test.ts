import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { SearchResponse } from '../shared/search'
import { TTP_FIXTURE } from '../test-support/fixtures'
import { main, type CliIo } from './main'
import { snippetLine } from './search'

let root: string
let archive: string

async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { stdout: '', stderr: '' }
  const io: CliIo = { out: (t) => void (out.stdout += t), err: (t) => void (out.stderr += t), untilStopped: () => Promise.resolve() }
  const code = await main([...argv, '--archive', archive], io)
  return { code, ...out }
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-cli-search-'))
  archive = join(root, 'archive')
})
afterEach(() => rm(root, { recursive: true, force: true }))

describe('dossier search', () => {
  it('finds the fixture from a fresh process, forgiving a typo, with id, title, passage, score and snippet', async () => {
    const imported = await run('import', TTP_FIXTURE, '--json')
    expect(imported.code).toBe(0)
    const [id] = (JSON.parse(imported.stdout) as { ids: string[] }).ids
    const { code, stdout } = await run('search', 'Waziristn')
    expect(code).toBe(0)
    expect(stdout).toContain(`${id}  `)
    expect(stdout).toMatch(/\n {2}\S+ {2}\d+\.\d\d {2}.*\[Waziristan\]/)
  })

  it('prints JSON with at most --limit articles, each hit naming its passage', async () => {
    const notes = join(root, 'notes')
    await writeFile(`${notes}-a.txt`, 'Floods in Sindh\n\nThe floods in Sindh displaced many families.\n')
    await writeFile(`${notes}-b.txt`, 'Floods in Swat\n\nFlash floods hit the Swat valley after heavy rain.\n')
    expect((await run('import', `${notes}-a.txt`, `${notes}-b.txt`)).code).toBe(0)
    const { code, stdout } = await run('search', 'floods', '--limit', '1', '--json')
    expect(code).toBe(0)
    const response = JSON.parse(stdout) as SearchResponse
    expect(response.total).toBe(2)
    expect(response.groups).toHaveLength(1)
    expect(response.groups[0]!.hits[0]).toMatchObject({ kind: 'passage', blockId: expect.any(String) })
  })

  it('says so when nothing matches', async () => {
    const { code, stdout } = await run('search', 'zzqxv')
    expect(code).toBe(0)
    expect(stdout).toBe('No matches.\n')
  })

  it.each([['0'], ['501'], ['-3'], ['ten'], ['1e2'], ['']])('refuses --limit %j as a usage error', async (limit) => {
    const { code, stderr } = await run('search', 'floods', `--limit=${limit}`)
    expect(code).toBe(2)
    expect(stderr).toMatch(/--limit must be a whole number/)
  })

  it('refuses a missing or blank query', async () => {
    expect((await run('search')).code).toBe(2)
    const blank = await run('search', '   ')
    expect(blank.code).toBe(2)
    expect(blank.stderr).toMatch(/search needs a query/)
  })

  it('refuses a query over the length cap with the reason', async () => {
    const { code, stderr } = await run('search', 'a'.repeat(1001))
    expect(code).toBe(1)
    expect(stderr).toMatch(/query longer than 1000/)
  })
})

describe('snippetLine', () => {
  it('brackets each highlight, folds whitespace and marks cut ends', () => {
    const line = snippetLine({ text: 'the floods\n\nin Sindh', highlights: [{ start: 4, end: 10 }, { start: 15, end: 20 }], offset: 0, truncatedStart: true, truncatedEnd: false })
    expect(line).toBe('…the [floods] in [Sindh]')
  })
})
