// Fuzzes every API method through the real HTTP transport with random and
// hostile payloads (fast-check): each answer must be a Result (a value or a
// typed error, never `internal`) or a 4xx refusal, never a 500; the server must
// still answer afterwards, and nothing may be written outside the archive.
// Short run always; DOSSIER_LONG=1 tries ten times as many payloads.

import { mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { apiMethods, type ApiMethod } from '../../shared/api'
import type { ErrorCode } from '../../shared/result'
import { decodeWire, encodeWire } from '../../shared/wire'
import { openService, type DossierService } from '../service'
import { startHttpServer, type RunningServer } from './server'

const RUNS_PER_METHOD = process.env['DOSSIER_LONG'] === '1' ? 400 : 40
const RAW_RUNS = process.env['DOSSIER_LONG'] === '1' ? 2000 : 200
const SEED = Number(process.env['DOSSIER_FUZZ_SEED'] ?? Date.now() % 1_000_000)

let sandbox: string
let archive: string
let service: DossierService
let server: RunningServer
let tried = 0

beforeAll(async () => {
  // The archive sits alone in a sandbox folder: anything else appearing there was written outside it.
  sandbox = await mkdtemp(join(tmpdir(), 'dossier-fuzz-'))
  archive = join(sandbox, 'archive')
  service = await openService(archive)
  server = await startHttpServer({ service, maxBodyBytes: 4 * 1024 * 1024 })
})

afterAll(async () => {
  console.info(`API fuzz: ${tried} payloads over ${apiMethods.length} methods (seed ${SEED})`)
  await server.close()
  await service.close()
  await rm(sandbox, { recursive: true, force: true })
})

const encoder = new TextEncoder()

/** File names that try to climb out, name devices, or hide. */
const hostileName = fc.constantFrom(
  '../../x.txt', '../../../../tmp/pwned.md', '/etc/passwd', '/tmp/pwned.txt', 'C:\\Windows\\win.ini', '..\\..\\x.txt',
  'a/../../b.md', 'page_files/../../../x.png', '%2e%2e%2fx.txt', 'x.txt\u0000.png', '.', '..', '', ' ', 'CON', 'nul.txt',
  '\u202egnp.txt', 'a'.repeat(1025), 'notes/report.md', 'report.html', 'saved_files/img.png',
)

/** Contents that parse as articles, so import paths are really walked, plus junk. */
const contents = fc.oneof(
  fc.constantFrom(
    'Report\n\nA paragraph about the harbour.\n',
    '# Title\n\n<script>window.__pwned=1</script> [x](javascript:alert(1)) ![i](../../../etc/passwd)\n',
    '<html><head><base href="http://evil.test/"><title>T</title></head><body><h1>T</h1><img src="../../../../etc/passwd"><p>Text long enough to be an article body.</p></body></html>',
    '',
    '\u0000\u0001\u0002',
  ).map((text) => encoder.encode(text)),
  fc.uint8Array({ maxLength: 256 }),
)

const hostileString = fc.oneof(
  fc.string(),
  fc.constantFrom('../../etc/passwd', '/etc/passwd', '__proto__', 'constructor', 'toString', '%00', '\u0000', 'a'.repeat(70), 'javascript:alert(1)', '1e309', 'NaN'),
)

const fileLike = fc.record({ name: fc.oneof(hostileName, fc.string()), data: contents })
const value: fc.Arbitrary<unknown> = fc.oneof(
  { depthSize: 'small' },
  fc.anything({ maxDepth: 3, withBigInt: false, withTypedArray: true, withNullPrototype: true, withObjectString: true }),
  hostileString,
  fileLike,
  fc.array(fileLike, { maxLength: 3 }),
  fc.record({ format: fc.constantFrom('markdown', 'csv', 'json', 'html', 'x'), scope: fc.oneof(fc.record({ all: fc.constant(true) }), fc.record({ articleId: hostileString }), fc.record({ tag: hostileString })) }),
  fc.record({ query: hostileString, limit: fc.oneof(fc.integer(), fc.double()) }, { requiredKeys: [] }),
  fc.record({ start: fc.integer(), end: fc.integer(), note: hostileString, __proto__: fc.anything() }, { requiredKeys: [] }),
  fc.constantFrom(-1, 0, 2 ** 53, Number.MAX_VALUE, -0, 'listArticles'),
)

const KNOWN_CODES: readonly ErrorCode[] = ['invalid-argument', 'not-found', 'empty-file', 'binary-file', 'too-large', 'unsupported-format', 'duplicate', 'parse-failed', 'no-text', 'encrypted', 'cancelled', 'conflict', 'io-error', 'damaged', 'network']

async function post(method: string, body: string, type = 'application/json'): Promise<{ status: number; text: string }> {
  const response = await fetch(`${server.url}api/${method}`, { method: 'POST', headers: { 'Content-Type': type, 'X-Dossier-Token': server.token }, body })
  tried++
  return { status: response.status, text: await response.text() }
}

/** A 200 must carry a Result; a failure must be typed and must not be an internal error. */
function checkAnswer(method: string, args: unknown, answer: { status: number; text: string }): void {
  const where = `${method}(${encodeWire(args).slice(0, 300)}) answered ${answer.status} ${answer.text.slice(0, 300)}`
  expect([200, 400, 413], where).toContain(answer.status)
  if (answer.status !== 200) return
  const result = decodeWire(answer.text) as { ok?: unknown; value?: unknown; error?: { code?: unknown; message?: unknown } }
  expect(typeof result.ok, where).toBe('boolean')
  if (result.ok) return
  expect(KNOWN_CODES, where).toContain(result.error?.code)
  expect(typeof result.error?.message, where).toBe('string')
}

describe('the HTTP API under random and malformed payloads', () => {
  it.each(apiMethods.map((method) => [method]))('%s answers every payload with a result or a typed error', { timeout: 120_000 }, async (method: ApiMethod) => {
    await fc.assert(
      fc.asyncProperty(fc.array(value, { maxLength: 4 }), async (args) => {
        checkAnswer(method, args, await post(method, encodeWire({ args })))
      }),
      { numRuns: RUNS_PER_METHOD, seed: SEED + method.length },
    )
  })

  it('refuses bodies that are not a call with a 4xx, never a 500', { timeout: 120_000 }, async () => {
    const body = fc.oneof(
      fc.string(),
      fc.constantFrom('', 'null', '[]', '{"args":1}', '{"args":{"length":3}}', '{"args":[{"$bytes":"%%%"}]}', `{"args":[${'['.repeat(5000)}${']'.repeat(5000)}]}`, '{"args":' + '1,'.repeat(9) + '1]}'),
      fc.json(),
    )
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...apiMethods), body, async (method, text) => {
        const answer = await post(method, text)
        expect(answer.status, `${method} ${text.slice(0, 200)}`).toBeLessThan(500)
      }),
      { numRuns: RAW_RUNS, seed: SEED },
    )
  })

  it('still answers afterwards, and nothing was written outside the archive folder', async () => {
    const answer = await post('listArticles', encodeWire({ args: [] }))
    expect(answer.status).toBe(200)
    expect((decodeWire(answer.text) as { ok: boolean }).ok).toBe(true)
    expect(await readdir(sandbox)).toEqual(['archive'])
    const names = await readdir(archive, { recursive: true })
    expect(names.filter((name) => /pwned|passwd|win\.ini|(^|\/)x\.txt$/.test(name))).toEqual([])
  })
})
