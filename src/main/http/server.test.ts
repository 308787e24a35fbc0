// The browser mode's server: token, Host and Origin checks, and API requests.

import { request as httpRequest } from 'node:http'
import { describe, expect, it } from 'vitest'
import type { ImportOutcome } from '../../shared/api'
import type { Article, ArticleMeta } from '../../shared/types'
import { encodeWire } from '../../shared/wire'
import { cookieName } from './guard'
import { startHttpServer } from './server'
import { MAX_BODY, TOKEN, api, call, post, server, service, useServerHarness, valueOf } from './server.test-support'

useServerHarness()

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
    const reply = await post('/api/getArticle', body)
    expect(reply.status).toBe(413)
    expect(reply.body).toBe(`Request too large: the limit is ${+(MAX_BODY / 2 ** 20).toFixed(2)} MB`)
    expect((await post('/api/listArticles', encodeWire({ args: [] }))).status).toBe(200)
  })

  it('accepts a body exactly at the limit', async () => {
    const frame = JSON.stringify({ args: [''] })
    const body = JSON.stringify({ args: ['x'.repeat(MAX_BODY - frame.length)] })
    expect(body.length).toBe(MAX_BODY)
    expect((await post('/api/getArticle', body)).status).toBe(200)
  })

  it('answers 413 to an oversized chunked body sent without a Content-Length', async () => {
    const reply = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        {
          host: '127.0.0.1',
          port: server.port,
          path: '/api/getArticle',
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Cookie: `${cookieName(server.port)}=${TOKEN}`, 'Transfer-Encoding': 'chunked' },
        },
        (res) => {
          let text = ''
          res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')))
          res.on('end', () => resolve(`${res.statusCode} ${text}`))
        },
      )
      req.on('error', reject)
      for (let i = 0; i < 8; i++) req.write('x'.repeat(MAX_BODY / 4))
      req.end()
    })
    expect(reply).toBe(`413 Request too large: the limit is ${+(MAX_BODY / 2 ** 20).toFixed(2)} MB`)
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
