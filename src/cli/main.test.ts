import { mkdir, mkdtemp, readdir, rm, truncate, writeFile } from 'node:fs/promises'
import { request as httpRequest } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { Article, ArticleMeta } from '../shared/types'
import type { DossierError } from '../shared/result'
import { MAX_IMPORT_BYTES } from '../shared/limits'
import { TTP_FIXTURE } from '../test-support/fixtures'
import { main, type CliIo } from './main'

const FIXTURE = TTP_FIXTURE

interface FakeIo extends CliIo {
  stdout: string
  stderr: string
}

function fakeIo(onServe?: (io: FakeIo) => Promise<void>): FakeIo {
  const io: FakeIo = {
    stdout: '',
    stderr: '',
    out: (text) => void (io.stdout += text),
    err: (text) => void (io.stderr += text),
    untilStopped: () => (onServe ? onServe(io) : Promise.resolve()),
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

interface ImportJson {
  ids: string[]
  imported: ArticleMeta[]
  duplicates: { file: string; existingId: string }[]
  failed: DossierError[]
}

async function listJson(): Promise<ArticleMeta[]> {
  const { code, io } = await run('list', '--json')
  expect(code).toBe(0)
  return JSON.parse(io.stdout) as ArticleMeta[]
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-cli-'))
  archive = join(root, 'archive')
})

afterEach(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('dossier import / show / list / delete', () => {
  it('imports the fixture and prints the id it created as JSON', async () => {
    const { code, io } = await run('import', FIXTURE, '--json')
    expect(code).toBe(0)
    expect(io.stderr).toBe('')
    const printed = JSON.parse(io.stdout) as ImportJson
    expect(printed.ids).toHaveLength(1)
    expect(printed.ids[0]).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(printed.imported[0]!.fileName).toBe('pakistan-ttp-challenge.txt')
    expect(printed.failed).toEqual([])
  })

  it('shows the stored fixture with its title and typed blocks', async () => {
    const imported = await run('import', FIXTURE, '--json')
    const [id] = (JSON.parse(imported.io.stdout) as ImportJson).ids
    const { code, io } = await run('show', id!, '--json')
    expect(code).toBe(0)
    const article = JSON.parse(io.stdout) as Article
    expect(article.id).toBe(id)
    expect(article.title).toBe('Pakistan’s TTP Challenge: Strikes, Talks, and Solutions')
    const types = new Set(article.blocks.map((block) => block.type))
    for (const type of ['heading', 'list-item', 'paragraph'] as const) expect(types).toContain(type)
    for (const block of article.blocks) expect(typeof block.text).toBe('string')
    const text = article.blocks.map((block) => block.text).join('\n')
    expect(text).not.toContain('Add a Comment')
    expect(text).not.toContain('Your email address will not be published')
    expect(article.wordCount).toBeGreaterThan(100)
  })

  it('shows an article as readable text without --json', async () => {
    const [id] = (JSON.parse((await run('import', FIXTURE, '--json')).io.stdout) as ImportJson).ids
    const { code, io } = await run('show', id!)
    expect(code).toBe(0)
    expect(io.stdout.split('\n')[0]).toBe('Pakistan’s TTP Challenge: Strikes, Talks, and Solutions')
    expect(io.stdout).toMatch(/^#+ /m)
    expect(io.stdout).toMatch(/^\s*• /m)
  })

  it('lists the welcome article and the imported one as JSON', async () => {
    const [id] = (JSON.parse((await run('import', FIXTURE, '--json')).io.stdout) as ImportJson).ids
    const list = await listJson()
    expect(list.map((meta) => meta.id)).toContain(id)
    expect(list.map((meta) => meta.title)).toContain('Welcome to Dossier')
  })

  it('deletes an article: it leaves the list', async () => {
    const [id] = (JSON.parse((await run('import', FIXTURE, '--json')).io.stdout) as ImportJson).ids
    const { code, io } = await run('delete', id!, '--json')
    expect(code).toBe(0)
    expect((JSON.parse(io.stdout) as ArticleMeta).deletedAt).toBeTruthy()
    expect((await listJson()).map((meta) => meta.id)).not.toContain(id)
  })

  it('reports a second import of the same file as a duplicate, exit 0', async () => {
    await run('import', FIXTURE)
    const { code, io } = await run('import', FIXTURE)
    expect(code).toBe(0)
    expect(io.stdout).toContain('0 imported, 1 duplicates skipped, 0 failed')
  })

  it('imports a folder recursively, skipping hidden files', async () => {
    const folder = join(root, 'inbox')
    await mkdir(join(folder, 'deeper', 'deepest'), { recursive: true })
    await writeFile(join(folder, 'one.txt'), 'First Note\n\nThe first note has a paragraph of its own text.\n')
    await writeFile(join(folder, 'deeper', 'two.md'), '# Second Note\n\nThe second note is written in Markdown.\n')
    await writeFile(join(folder, 'deeper', 'deepest', 'three.txt'), 'Third Note\n\nThe third note sits two folders down.\n')
    await writeFile(join(folder, '.hidden.txt'), 'Hidden Note\n\nThis one must not be imported.\n')
    const { code, io } = await run('import', folder, '--json')
    expect(code).toBe(0)
    const printed = JSON.parse(io.stdout) as ImportJson
    expect(printed.imported.map((meta) => meta.title).sort()).toEqual(['First Note', 'Second Note', 'Third Note'])
  })

  it('refuses an empty file: exit 1, the file named on stderr, nothing imported', async () => {
    const before = await listJson()
    const empty = join(root, 'empty-notes.txt')
    await writeFile(empty, '')
    const { code, io } = await run('import', empty)
    expect(code).toBe(1)
    expect(io.stderr).toContain('empty-notes.txt')
    expect(io.stdout).toContain('0 imported')
    expect(await listJson()).toEqual(before)
  })

  it('refuses a file over the size limit without reading it: exit 1, the file and the limit named', async () => {
    const before = await listJson()
    const huge = join(root, 'huge-report.txt')
    // A sparse file: past the limit on paper, no disk used.
    await truncate(huge, MAX_IMPORT_BYTES + 1).catch(async () => {
      await writeFile(huge, '')
      await truncate(huge, MAX_IMPORT_BYTES + 1)
    })
    const { code, io } = await run('import', huge, join(root, 'missing-too.txt'))
    expect(code).toBe(1)
    expect(io.stderr).toMatch(/huge-report\.txt is larger than 64 MB/)
    expect(await listJson()).toEqual(before)
  })

  it('names a path that does not exist on stderr, exit 1', async () => {
    const { code, io } = await run('import', join(root, 'nope.txt'))
    expect(code).toBe(1)
    expect(io.stderr).toContain('nope.txt')
  })
})

describe('dossier errors', () => {
  it.each([
    ['an unknown command', ['frobnicate'], 2, /unknown command "frobnicate"/],
    ['an unknown option', ['list', '--frobnicate'], 2, /frobnicate/],
    ['show without an id', ['show'], 2, /show needs an article id/],
    ['delete without an id', ['delete'], 2, /delete needs an article id/],
    ['import without files', ['import'], 2, /at least one file/],
    ['show of an id that is not there', ['show', 'abcdef123456'], 1, /No article with id abcdef123456/],
    ['show of a path-like id', ['show', '../../etc/passwd'], 1, /not a valid id/],
    ['delete of an id that is not there', ['delete', 'abcdef123456'], 1, /No article/],
    ['a port that is not a number', ['serve', '--port', 'abc'], 2, /--port/],
    ['a port out of range', ['serve', '--port', '70000'], 2, /--port/],
    ['a negative port', ['serve', '--port=-1'], 2, /--port/],
    ['a fractional port', ['serve', '--port', '80.5'], 2, /--port/],
    ['an empty port', ['serve', '--port', ''], 2, /--port/],
    ['a hexadecimal port', ['serve', '--port', '0x50'], 2, /--port/],
  ])('%s: non-zero exit and a message on stderr', async (_what, argv, exit, message) => {
    const { code, io } = await run(...argv)
    expect(code).toBe(exit)
    expect(io.stderr).toMatch(/^error: /)
    expect(io.stderr).toMatch(message)
  })

  it('prints usage and exits 2 with no command, 0 with --help', async () => {
    const bare = fakeIo()
    expect(await main([], bare)).toBe(2)
    expect(bare.stdout).toContain('Usage: dossier')
    const help = fakeIo()
    expect(await main(['--help'], help)).toBe(0)
    expect(help.stdout).toContain('Usage: dossier')
  })

  it('does not create an archive for an unknown command', async () => {
    await run('frobnicate')
    await expect(readdir(archive)).rejects.toThrow()
  })
})

describe('dossier serve', () => {
  it('prints the address with a token; the token opens the app and the API', async () => {
    let apiStatus = 0
    let redirect = 0
    let anonymousStatus = 0
    const io = fakeIo(async (self) => {
      const printed = JSON.parse(self.stdout) as { url: string; port: number }
      const address = new URL(printed.url)
      expect(address.hostname).toBe('127.0.0.1')
      expect(Number(address.port)).toBe(printed.port)
      const token = address.searchParams.get('token')
      expect(token).toBeTruthy()
      const first = await fetch(printed.url, { redirect: 'manual' })
      redirect = first.status
      const cookie = (first.headers.get('set-cookie') ?? '').split(';')[0]!
      anonymousStatus = (await fetch(new URL('/', printed.url))).status
      apiStatus = await new Promise<number>((resolve, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: printed.port, path: '/api/listArticles', method: 'POST', headers: { Cookie: cookie, 'Content-Type': 'application/json' } },
          (res) => {
            res.resume()
            resolve(res.statusCode ?? 0)
          },
        )
        req.on('error', reject)
        req.end('{"args":[]}')
      })
    })
    const code = await main(['serve', '--port', '0', '--json', '--archive', archive], io)
    expect(code).toBe(0)
    expect(redirect).toBe(303)
    expect(anonymousStatus).toBe(401)
    expect(apiStatus).toBe(200)
  })
})

describe('processIo', () => {
  it('writes to the real stdout and stderr (it once called itself forever)', async () => {
    // A fresh module, as `dossier` starts with: no earlier main() call has swapped in a fake io.
    vi.resetModules()
    const { processIo } = await import('./main')
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true)
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true)
    try {
      processIo.out('to stdout\n')
      processIo.err('to stderr\n')
      expect(out).toHaveBeenCalledWith('to stdout\n')
      expect(err).toHaveBeenCalledWith('to stderr\n')
    } finally {
      out.mockRestore()
      err.mockRestore()
    }
  })
})
