import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { ImportOutcome } from '../../shared/api'
import type { DossierEvent } from '../../shared/events'
import type { Result } from '../../shared/result'
import type { Article, ArticleMeta } from '../../shared/types'
import { decodeWire, encodeWire } from '../../shared/wire'
import { openService, type DossierService } from '../service'
import { CONTENT_SECURITY_POLICY, cookieName } from './guard'
import { startHttpServer, type RunningServer } from './server'

const TOKEN = 'test-token-0123456789abcdef'
const MAX_BODY = 64 * 1024

interface Reply {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

interface Call {
  method?: string
  headers?: Record<string, string>
  body?: string | Buffer
  /** Leave out the access cookie. */
  anonymous?: boolean
}

let root: string
let service: DossierService
let server: RunningServer

/** http.request, not fetch: it lets a test send any Host header. */
function call(path: string, options: Call = {}): Promise<Reply> {
  const headers: Record<string, string> = { ...(options.anonymous ? {} : { Cookie: `${cookieName(server.port)}=${TOKEN}` }), ...options.headers }
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: '127.0.0.1', port: server.port, path, method: options.method ?? 'GET', headers }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.on('error', reject)
    if (options.body !== undefined) req.write(options.body)
    req.end()
  })
}

const post = (path: string, body: string, headers: Record<string, string> = {}): Promise<Reply> =>
  call(path, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } })

async function api<T>(method: string, ...args: unknown[]): Promise<Result<T>> {
  const reply = await post(`/api/${method}`, encodeWire({ args }))
  expect(reply.status).toBe(200)
  return decodeWire(reply.body) as Result<T>
}

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-http-'))
  const rendererDir = join(root, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>Dossier test page</title>')
  await writeFile(join(rendererDir, 'assets', 'x.js'), 'console.log("x")')
  // Files beside the renderer build that must never be served.
  await writeFile(join(root, 'secret.txt'), 'top secret')
  await writeFile(join(root, 'secret.js'), 'top secret js')
  await mkdir(join(root, 'renderer-evil'))
  await writeFile(join(root, 'renderer-evil', 'x.js'), 'sibling folder')
  service = await openService(join(root, 'archive'))
  server = await startHttpServer({ service, rendererDir, token: TOKEN, maxBodyBytes: MAX_BODY })
})

afterAll(async () => {
  await server?.close()
  await service?.close()
  await rm(root, { recursive: true, force: true })
})

describe('binding and access token', () => {
  it('listens on 127.0.0.1 only and prints an address carrying the token', () => {
    const address = server.server.address()
    expect(typeof address === 'object' && address?.address).toBe('127.0.0.1')
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/`)
    expect(new URL(server.openUrl).searchParams.get('token')).toBe(TOKEN)
  })

  it('makes up a long random token when none is given', async () => {
    const other = await startHttpServer({ service })
    try {
      expect(other.token.length).toBeGreaterThanOrEqual(24)
      expect(other.token).not.toBe(TOKEN)
    } finally {
      await other.close()
    }
  })

  it('exchanges the right token in the address for an HttpOnly, SameSite=Strict cookie and a redirect', async () => {
    const reply = await call(`/?token=${TOKEN}`, { anonymous: true })
    expect(reply.status).toBe(303)
    expect(reply.headers.location).toBe('/')
    const cookie = reply.headers['set-cookie']?.[0] ?? ''
    expect(cookie).toContain(`${cookieName(server.port)}=${TOKEN}`)
    expect(cookie).toContain('HttpOnly')
    expect(cookie).toContain('SameSite=Strict')
    const page = await call('/', { headers: { Cookie: cookie.split(';')[0]! }, anonymous: true })
    expect(page.status).toBe(200)
    expect(page.body).toContain('Dossier test page')
  })

  it('refuses a wrong token in the address and sets no cookie', async () => {
    const reply = await call('/?token=wrong', { anonymous: true })
    expect(reply.status).toBe(401)
    expect(reply.headers['set-cookie']).toBeUndefined()
  })

  it('refuses a token that is the right one plus a suffix, or a prefix of it', async () => {
    expect((await call(`/?token=${TOKEN}x`, { anonymous: true })).status).toBe(401)
    expect((await call(`/?token=${TOKEN.slice(0, -1)}`, { anonymous: true })).status).toBe(401)
    expect((await call('/?token=', { anonymous: true })).status).toBe(401)
  })

  it.each(['/', '/assets/x.js', '/media/abc/x.png', '/api/events'])('refuses GET %s without a token', async (path) => {
    expect((await call(path, { anonymous: true })).status).toBe(401)
  })

  it('refuses an API call without a token, and one with a wrong cookie or header', async () => {
    const body = encodeWire({ args: [] })
    const headers = { 'Content-Type': 'application/json' }
    expect((await call('/api/listArticles', { method: 'POST', body, headers, anonymous: true })).status).toBe(401)
    expect(
      (await call('/api/listArticles', { method: 'POST', body, headers: { ...headers, Cookie: `${cookieName(server.port)}=nope` }, anonymous: true })).status,
    ).toBe(401)
    expect((await call('/api/listArticles', { method: 'POST', body, headers: { ...headers, 'X-Dossier-Token': 'nope' }, anonymous: true })).status).toBe(401)
  })

  it("does not accept another port's cookie name", async () => {
    const reply = await call('/', { headers: { Cookie: `${cookieName(server.port + 1)}=${TOKEN}` }, anonymous: true })
    expect(reply.status).toBe(401)
  })

  it('accepts the token in the X-Dossier-Token header', async () => {
    const reply = await call('/api/listArticles', {
      method: 'POST',
      body: encodeWire({ args: [] }),
      headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': TOKEN },
      anonymous: true,
    })
    expect(reply.status).toBe(200)
  })
})

describe('Host and Origin (DNS rebinding, cross-site requests)', () => {
  it.each(['evil.example:PORT', 'evil.example', '127.0.0.1', '127.0.0.1:1', 'localhost.evil.example:PORT', '0.0.0.0:PORT', '[::1]:PORT'])(
    'refuses Host: %s even with the right token',
    async (host) => {
      const reply = await call('/', { headers: { Host: host.replace('PORT', String(server.port)) } })
      expect(reply.status).toBe(421)
      expect(reply.body).not.toContain('Dossier test page')
    },
  )

  it('refuses the token exchange for a foreign Host, so no cookie is set for it', async () => {
    const reply = await call(`/?token=${TOKEN}`, { anonymous: true, headers: { Host: `evil.example:${server.port}` } })
    expect(reply.status).toBe(421)
    expect(reply.headers['set-cookie']).toBeUndefined()
  })

  it('accepts localhost:PORT as its own name', async () => {
    expect((await call('/', { headers: { Host: `localhost:${server.port}` } })).status).toBe(200)
  })

  it.each(['https://evil.example', 'null', `http://127.0.0.1:${1}`, 'http://127.0.0.1', 'https://127.0.0.1:PORT', 'http://evil.example:PORT'])(
    'refuses an API call from Origin %s with 403',
    async (origin) => {
      const reply = await post('/api/listArticles', encodeWire({ args: [] }), { Origin: origin.replace('PORT', String(server.port)) })
      expect(reply.status).toBe(403)
    },
  )

  it('accepts an API call from its own origin', async () => {
    const reply = await post('/api/listArticles', encodeWire({ args: [] }), { Origin: `http://127.0.0.1:${server.port}` })
    expect(reply.status).toBe(200)
  })
})

describe('API requests', () => {
  it.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', 'nope', 'events', 'listArticles/extra', ''])(
    'answers 404 for the method "%s", which is not in the list',
    async (method) => {
      const reply = await post(`/api/${method}`, encodeWire({ args: [] }))
      expect(reply.status).toBe(404)
    },
  )

  it('answers 405 to GET, PUT and DELETE on an API method', async () => {
    expect((await call('/api/listArticles')).status).toBe(405)
    expect((await call('/api/listArticles', { method: 'PUT', body: '{"args":[]}', headers: { 'Content-Type': 'application/json' } })).status).toBe(405)
    expect((await call('/api/listArticles', { method: 'DELETE' })).status).toBe(405)
  })

  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])('answers 415 to Content-Type %s', async (type) => {
    const reply = await call('/api/listArticles', { method: 'POST', body: '{"args":[]}', headers: { 'Content-Type': type } })
    expect(reply.status).toBe(415)
  })

  it('answers 415 when there is no Content-Type', async () => {
    expect((await call('/api/listArticles', { method: 'POST', body: '{"args":[]}' })).status).toBe(415)
  })

  it.each([
    ['malformed JSON', '{"args": ['],
    ['an empty body', ''],
    ['bad base64 in $bytes', '{"args": [[{"name": "a.txt", "data": {"$bytes": "!!not base64!!"}}]]}'],
    ['args that is an object', '{"args": {"0": 1, "length": 1}}'],
    ['args that is a string', '{"args": "listArticles"}'],
    ['no args at all', '{}'],
    ['a JSON null', 'null'],
    ['a JSON number', '5'],
    ['a JSON array', '[[]]'],
    ['more arguments than any method takes', `{"args": [${new Array(1000).fill('0').join(',')}]}`],
  ])('answers 400 to %s', async (_what, body) => {
    expect((await post('/api/listArticles', body)).status).toBe(400)
  })

  it('answers 413 to a body over the limit, and keeps serving afterwards', async () => {
    const body = JSON.stringify({ args: ['x'.repeat(MAX_BODY)] })
    expect((await post('/api/getArticle', body)).status).toBe(413)
    expect((await post('/api/listArticles', encodeWire({ args: [] }))).status).toBe(200)
  })

  it('answers 413 to an oversized chunked body sent without a Content-Length', async () => {
    const reply = await new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/getArticle',
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Cookie: `${cookieName(server.port)}=${TOKEN}`, 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        },
      )
      req.on('error', reject)
      for (let i = 0; i < 8; i++) req.write('x'.repeat(MAX_BODY / 4))
      req.end()
    })
    expect(reply).toBe(413)
  })

  it('passes bad arguments through to the service, which refuses them as a typed result', async () => {
    const result = await api<Article>('getArticle', '../../etc/passwd')
    expect(result.ok).toBe(false)
    if (!result.ok) expect(result.error.code).toBe('invalid-argument')
  })

  it('round-trips an import of bytes, then lists and reads the article', async () => {
    const text = 'Field Report From the Border\n\nThe first paragraph of the field report describes the crossing.\n\nA second paragraph follows with more detail.\n'
    const outcome = valueOf(await api<ImportOutcome>('importFiles', [{ name: 'field-report.txt', data: new TextEncoder().encode(text) }]))
    expect(outcome.failed).toEqual([])
    expect(outcome.imported).toHaveLength(1)
    const id = outcome.imported[0]!.id
    const list = valueOf(await api<ArticleMeta[]>('listArticles'))
    expect(list.map((meta) => meta.id)).toContain(id)
    const article = valueOf(await api<Article>('getArticle', id))
    expect(article.title).toBe('Field Report From the Border')
    expect(article.blocks.map((block) => block.text).join('\n')).toContain('describes the crossing')
    expect(article.fileName).toBe('field-report.txt')
  })

  it('answers a missing article with a typed not-found result, not an HTTP error', async () => {
    const result = await api<Article>('getArticle', 'doesnotexist')
    expect(result).toMatchObject({ ok: false, error: { code: 'not-found' } })
  })
})

describe('event stream', () => {
  it('delivers archive-changed after an import', async () => {
    const events: DossierEvent[] = []
    let connected!: () => void
    const ready = new Promise<void>((resolve) => (connected = resolve))
    let sawChange!: (event: DossierEvent) => void
    const changed = new Promise<DossierEvent>((resolve) => (sawChange = resolve))
    const stream = httpRequest({
      host: '127.0.0.1',
      port: server.port,
      path: '/api/events',
      headers: { Cookie: `${cookieName(server.port)}=${TOKEN}`, Accept: 'text/event-stream' },
    })
    stream.on('response', (res) => {
      expect(res.statusCode).toBe(200)
      expect(res.headers['content-type']).toBe('text/event-stream')
      let buffer = ''
      res.setEncoding('utf8')
      res.on('data', (chunk: string) => {
        buffer += chunk
        if (buffer.includes(': connected')) connected()
        let end: number
        while ((end = buffer.indexOf('\n\n')) !== -1) {
          const frame = buffer.slice(0, end)
          buffer = buffer.slice(end + 2)
          const data = frame.split('\n').find((line) => line.startsWith('data: '))
          if (!data) continue
          const event = JSON.parse(data.slice(6)) as DossierEvent
          events.push(event)
          if (event.type === 'archive-changed') sawChange(event)
        }
      })
    })
    stream.on('error', () => undefined)
    stream.end()
    try {
      await ready
      const outcome = valueOf(
        await api<ImportOutcome>('importFiles', [{ name: 'events.txt', data: new TextEncoder().encode('Events Article\n\nA paragraph that only the event test imports.\n') }], {
          jobId: 'events-job',
        }),
      )
      const event = await changed
      expect(event).toEqual({ type: 'archive-changed', payload: { articleIds: outcome.imported.map((meta) => meta.id) } })
      const states = events.filter((e) => e.type === 'job-progress').map((e) => (e.type === 'job-progress' ? e.payload.state : ''))
      expect(states.at(-1)).toBe('done')
    } finally {
      stream.destroy()
    }
  })
})

describe('static files', () => {
  it('serves index.html with the CSP and security headers', async () => {
    const reply = await call('/')
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
    expect(reply.headers['x-content-type-options']).toBe('nosniff')
    expect(reply.headers['x-frame-options']).toBe('DENY')
  })

  it('serves /index.html with the CSP too', async () => {
    const reply = await call('/index.html')
    expect(reply.status).toBe(200)
    expect(reply.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY)
  })

  it('serves a built asset with its type', async () => {
    const reply = await call('/assets/x.js')
    expect(reply.status).toBe(200)
    expect(reply.headers['content-type']).toBe('text/javascript; charset=utf-8')
    expect(reply.body).toBe('console.log("x")')
  })

  it.each([
    '/../secret.txt',
    '/../secret.js',
    '/%2e%2e/secret.js',
    '/%2E%2E/secret.js',
    '/assets/..%2f..%2fsecret.js',
    '/..%2fsecret.js',
    '/..%5csecret.js',
    '/%5c..%5csecret.js',
    '/assets/%2e%2e%5c%2e%2e%5csecret.js',
    '/..%2frenderer-evil%2fx.js',
    '/%2e%2e%2frenderer-evil/x.js',
    '/assets/',
    '/assets',
    '/assets/%00x.js',
    '/x.js%00.html',
    '/%E0%A4%A',
    '/nope.js',
    '/archive/catalog.json',
  ])('answers 404 to %s', async (path) => {
    const reply = await call(path)
    expect(reply.status).toBe(404)
    expect(reply.body).not.toContain('top secret')
    expect(reply.body).not.toContain('sibling folder')
  })

  it.each(['/../package.json', '/%2e%2e/%2e%2e/package.json'])('never serves anything outside the renderer for %s', async (path) => {
    const reply = await call(path)
    expect(reply.status).toBe(404)
  })

  it('answers 405 to POST on a static path', async () => {
    expect((await call('/index.html', { method: 'POST', body: 'x' })).status).toBe(405)
  })
})

describe('article media', () => {
  it.each([
    '/media/../../secret.txt',
    '/media/%2e%2e/%2e%2e/secret.png',
    '/media/x/..%2f..%2f..%2fsecret.png',
    '/media/nosuchid/a.png',
    '/media/nosuchid/a.png/extra',
    '/media/',
    '/media/%E0%A4%A/a.png',
    '/media/abc/%E0%A4%A.png',
  ])('answers 404 to %s', async (path) => {
    const reply = await call(path)
    expect(reply.status).toBe(404)
    expect(reply.body).not.toContain('top secret')
  })

  it("answers 404 for a traversal name under a real article's id", async () => {
    const list = valueOf(await api<ArticleMeta[]>('listArticles'))
    const id = list[0]!.id
    for (const name of ['..%2f..%2fcatalog.png', '%2e%2e%2fstate.png', '..%5c..%5ccatalog.png', 'a.html', 'b.js']) {
      expect((await call(`/media/${id}/${name}`)).status).toBe(404)
    }
  })
})
