// The browser mode's server: the event stream, the renderer's files and article media.

import { request as httpRequest } from 'node:http'
import { describe, expect, it } from 'vitest'
import type { ImportOutcome } from '../../shared/api'
import type { DossierEvent } from '../../shared/events'
import type { ArticleMeta } from '../../shared/types'
import { CONTENT_SECURITY_POLICY, cookieName } from './guard'
import { TOKEN, api, call, server, useServerHarness, valueOf } from './server.test-support'

useServerHarness()

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
