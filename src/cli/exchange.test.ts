import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { MergeReport } from '../shared/api/exchange'
import { BLOCK_SEPARATOR } from '../shared/types'
import { openService } from '../main/service'
import { main, type CliIo } from './main'

interface FakeIo extends CliIo {
  stdout: string
  stderr: string
}

function fakeIo(): FakeIo {
  const io: FakeIo = {
    stdout: '',
    stderr: '',
    out: (text) => void (io.stdout += text),
    err: (text) => void (io.stderr += text),
    untilStopped: () => Promise.resolve(),
  }
  return io
}

let root: string
let archive: string

async function run(...argv: string[]): Promise<{ code: number; io: FakeIo }> {
  const io = fakeIo()
  const code = await main([...argv, '--archive', archive], io)
  return { code, io }
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-cli-exchange-'))
  archive = join(root, 'archive')
  // An archive with one highlighted article, made through the service the CLI uses.
  await writeFile(join(root, 'grid.txt'), 'Grid storage\n\nThe grid operator added 2 GW of storage in 2023, more than planned.\n')
  expect((await run('import', join(root, 'grid.txt'))).code).toBe(0)
  const service = await openService(archive)
  const grid = service.archive.list().find((a) => a.title === 'Grid storage')
  if (!grid) throw new Error('fixture')
  const plainText = (await service.archive.readBlocks(grid.id)).map((b) => b.text).join(BLOCK_SEPARATOR)
  const start = plainText.indexOf('added 2 GW')
  await service.notes.createAnnotation({ articleId: grid.id, plainText, start, end: start + 10, note: '@mention, not a formula', author: 'Ana' })
  await service.close()
})
afterEach(() => rm(root, { recursive: true, force: true }))

describe('dossier export', () => {
  it('writes a CSV that parses, with no temp file left beside it', async () => {
    const out = join(root, 'notes.csv')
    const { code, io } = await run('export', '--format', 'csv', '--all', '--out', out)
    expect(code).toBe(0)
    expect(io.stdout).toMatch(/exported 1 annotations/)
    const rows = parse(await readFile(out, 'utf8'), { bom: true, columns: true }) as Record<string, string>[]
    expect(rows).toHaveLength(1)
    expect(Object.values(rows[0] ?? {}).join('|')).toContain("'@mention, not a formula")
    expect((await readdir(root)).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('refuses to replace an existing file without --force, naming it, and replaces it with --force', async () => {
    const out = join(root, 'notes.json')
    await writeFile(out, 'precious')
    const refused = await run('export', '--format', 'json', '--all', '--out', out)
    expect(refused.code).toBe(1)
    expect(refused.io.stderr).toContain(`${out} already exists`)
    expect(await readFile(out, 'utf8')).toBe('precious')
    const forced = await run('export', '--format', 'json', '--all', '--out', out, '--force')
    expect(forced.code).toBe(0)
    expect(JSON.parse(await readFile(out, 'utf8'))).toMatchObject({ type: 'AnnotationCollection' })
  })

  it('writes per-article Markdown into a folder and refuses when one of the files exists', async () => {
    const out = join(root, 'vault')
    expect((await run('export', '--format', 'markdown', '--tag', 'nothing', '--out', out)).code).toBe(1)
    expect((await run('export', '--format', 'markdown', '--all', '--out', out)).code).toBe(0)
    const names = await readdir(out)
    expect(names).toContain('Grid storage.md')
    await writeFile(join(out, 'Grid storage.md'), 'edited in Obsidian')
    const again = await run('export', '--format', 'markdown', '--all', '--out', out)
    expect(again.io.stderr).toMatch(/Grid storage\.md already exists; nothing was written/)
    expect(await readFile(join(out, 'Grid storage.md'), 'utf8')).toBe('edited in Obsidian')
  })

  it('refuses usage mistakes with exit code 2', async () => {
    const out = join(root, 'x.csv')
    for (const argv of [
      ['export', '--all', '--out', out],
      ['export', '--format', 'docx', '--all', '--out', out],
      ['export', '--format', 'csv', '--out', out],
      ['export', '--format', 'csv', '--all', '--tag', 't', '--out', out],
      ['export', '--format', 'csv', '--all'],
    ]) {
      const { code, io } = await run(...argv)
      expect(code, argv.join(' ')).toBe(2)
      expect(io.stderr).toMatch(/^error: /)
    }
    for (const command of ['backup', 'restore', 'merge']) expect((await run(command)).code, command).toBe(2)
    await mkdir(join(root, 'folder.csv'))
    expect((await run('export', '--format', 'csv', '--all', '--out', join(root, 'folder.csv'))).io.stderr).toMatch(/is a folder/)
  })
})

describe('dossier backup, restore and merge', () => {
  it('backs up, restores the archive as it was, and refuses a damaged backup', async () => {
    const backup = join(root, 'backup.zip')
    expect((await run('backup', '--out', backup)).code).toBe(0)
    expect((await run('backup', '--out', backup)).io.stderr).toMatch(/already exists/)
    await writeFile(join(root, 'later.txt'), 'Later article\n\nWritten after the backup and gone after the restore.\n')
    await run('import', join(root, 'later.txt'))
    const restored = await run('restore', backup)
    expect(restored.code).toBe(0)
    expect(restored.io.stdout).toMatch(/kept as archive\.before-restore-/)
    const list = await run('list', '--json')
    expect((JSON.parse(list.io.stdout) as { title: string }[]).map((a) => a.title)).not.toContain('Later article')
    const bytes = await readFile(backup)
    await writeFile(join(root, 'cut.zip'), bytes.subarray(0, bytes.length - 50))
    const refused = await run('restore', join(root, 'cut.zip'))
    expect(refused.code).toBe(1)
    expect(refused.io.stderr).toMatch(/cut\.zip.*truncated/)
    expect((await run('restore', join(root, 'missing.zip'))).io.stderr).toMatch(/missing\.zip cannot be read/)
  })

  it("merges a colleague's export into an empty archive; twice changes nothing", async () => {
    const shared = join(root, 'ana.json')
    await run('export', '--format', 'json', '--all', '--out', shared)
    archive = join(root, 'ben')
    const first = await run('merge', shared, '--json')
    expect(first.code).toBe(0)
    const report = JSON.parse(first.io.stdout) as MergeReport
    expect(report.added).toMatchObject({ annotations: 1 })
    expect(report.authors).toEqual(['Ana'])
    const again = await run('merge', shared)
    expect(again.io.stdout).toMatch(/added: 0 articles, 0 annotations, 0 links/)
    await writeFile(join(root, 'half.json'), (await readFile(shared, 'utf8')).slice(0, 200))
    const half = await run('merge', join(root, 'half.json'))
    expect(half.code).toBe(1)
    expect(half.io.stderr).toMatch(/half\.json cannot be read: /)
  })
})
