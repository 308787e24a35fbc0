import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { DossierApi } from '../../shared/api'
import { DossierFailure, type Result } from '../../shared/result'
import { fetchPage } from '../core/import/fetch-url'
import { openService, type DossierService } from '.'

const STORY = `<!doctype html><html lang="en"><head><title>Ferry fares rise again</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Ferry fares rise again</h1><p>${'The island ferry operator raised its fares for the third time this year, citing fuel costs. '.repeat(5)}</p>
<img src="/pic.png" alt="The ferry"><p>${'Commuters said the increase would push some of them onto the longer road route. '.repeat(4)}</p></article></body></html>`

type Route = (req: IncomingMessage, res: ServerResponse) => void
const routes: Record<string, Route> = {
  '/story': (_req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(STORY),
  '/old': (_req, res) => res.writeHead(301, { location: '/story' }).end(),
  '/notes.txt': (_req, res) => res.writeHead(200, { 'content-type': 'text/plain' }).end('Harbour notes\n\nThe pilot boats were idle all week while the strike went on.\n'),
  '/missing': (_req, res) => res.writeHead(404, { 'content-type': 'text/html' }).end('<h1>Not found</h1>'),
  '/photo': (_req, res) => res.writeHead(200, { 'content-type': 'image/png' }).end(Buffer.from([0x89, 0x50, 0x4e, 0x47])),
  '/huge': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    // No Content-Length: the cap must hold while the body streams.
    const chunk = '<p>' + 'x'.repeat(16_000) + '</p>'
    const timer = setInterval(() => (res.writableEnded ? clearInterval(timer) : res.write(chunk)), 1)
    res.on('close', () => clearInterval(timer))
  },
  '/declared-huge': (_req, res) => res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(10 ** 10) }).end(),
  '/silent': () => undefined,
  '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
  '/to-file': (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
}

let server: Server
let base: string
const requested: string[] = []

beforeAll(async () => {
  server = createServer((req, res) => {
    requested.push(req.url ?? '')
    const route = routes[req.url ?? '']
    if (route) route(req, res)
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

let dir: string
let service: DossierService
let api: DossierApi

beforeEach(async () => {
  requested.length = 0
  dir = await mkdtemp(join(tmpdir(), 'dossier-web-'))
  service = await openService(dir)
  api = service.api
})
afterEach(async () => {
  await service.close()
  await rm(dir, { recursive: true, force: true })
})

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}
function errorOf(result: Result<unknown>) {
  if (result.ok) throw new Error('expected the call to fail')
  return result.error
}

describe('importUrl: a page fetched on request becomes an offline article', () => {
  it('imports the article text, keeps the URL, fetches nothing but the page, and tells search', async () => {
    const added: string[][] = []
    service.lifecycle.subscribe({ added: (ids) => void added.push(ids) })
    const outcome = valueOf(await api.importUrl(`${base}/story`))
    expect(outcome.imported).toHaveLength(1)
    const article = valueOf(await api.getArticle(outcome.imported[0]!.id))
    expect(article).toMatchObject({ title: 'Ferry fares rise again', url: `${base}/story`, format: 'html' })
    expect(article.blocks.map((b) => b.text).join(' ')).toContain('citing fuel costs')
    expect(article.blocks.map((b) => b.text).join(' ')).not.toContain('World')
    expect(requested).toEqual(['/story'])
    expect(added).toEqual([[article.id]])
  })

  it('follows a redirect and keeps the final address as the article URL', async () => {
    const outcome = valueOf(await api.importUrl(`${base}/old`))
    expect(outcome.imported[0]?.url).toBe(`${base}/story`)
    expect(requested).toEqual(['/old', '/story'])
  })

  it('skips the same page fetched twice as a duplicate', async () => {
    valueOf(await api.importUrl(`${base}/story`))
    const again = valueOf(await api.importUrl(`${base}/old`))
    expect(again.imported).toEqual([])
    expect(again.duplicates).toHaveLength(1)
    expect(valueOf(await api.listArticles()).filter((m) => m.url === `${base}/story`)).toHaveLength(1)
  })

  it('imports a plain-text document by its content type', async () => {
    const outcome = valueOf(await api.importUrl(`${base}/notes.txt`))
    expect(outcome.imported[0]).toMatchObject({ title: 'Harbour notes', url: `${base}/notes.txt`, format: 'text' })
  })
})

describe('importUrl: what it refuses, saying why, with the archive unchanged', () => {
  const unchanged = async (run: () => Promise<unknown>) => {
    const before = valueOf(await api.listArticles()).length
    await run()
    expect(valueOf(await api.listArticles())).toHaveLength(before)
  }

  it('reports a 404 with the status', async () => {
    await unchanged(async () => {
      const error = errorOf(await api.importUrl(`${base}/missing`))
      expect(error.code).toBe('network')
      expect(error.message).toContain('answered 404')
    })
  })

  it('refuses a content type that is not a document', async () => {
    const error = errorOf(await api.importUrl(`${base}/photo`))
    expect(error).toMatchObject({ code: 'unsupported-format' })
    expect(error.message).toContain('is image/png')
  })

  it('refuses a body that says it is too large without reading it', async () => {
    const error = errorOf(await api.importUrl(`${base}/declared-huge`))
    expect(error.code).toBe('too-large')
  })

  it.each(['file:///etc/passwd', 'javascript:alert(1)', 'ftp://127.0.0.1/x', 'data:text/html,<p>x', 'not a url', 'http://user:pw@127.0.0.1/'])(
    'refuses %s before connecting anywhere',
    async (url) => {
      const error = errorOf(await api.importUrl(url))
      expect(error.code).toBe('invalid-argument')
      expect(requested).toEqual([])
    },
  )

  it('refuses a redirect to a file: address, and a redirect loop', async () => {
    expect(errorOf(await api.importUrl(`${base}/to-file`)).code).toBe('invalid-argument')
    const loop = errorOf(await api.importUrl(`${base}/loop`))
    expect(loop.code).toBe('network')
    expect(loop.message).toContain('redirected more than 5 times')
  })

  it('stops a fetch when the job is cancelled', async () => {
    const pending = api.importUrl(`${base}/silent`, { jobId: 'fetch-1' })
    while (!requested.includes('/silent')) await new Promise((resolve) => setTimeout(resolve, 5))
    expect(valueOf(await api.cancelJob('fetch-1'))).toBe(true)
    expect(errorOf(await pending).code).toBe('cancelled')
  })
})

describe('fetchPage limits', () => {
  const failureOf = async (promise: Promise<unknown>): Promise<DossierFailure> => {
    try {
      await promise
    } catch (error) {
      if (error instanceof DossierFailure) return error
      throw error
    }
    throw new Error('expected a failure')
  }

  it('stops reading a streamed body past the size cap', async () => {
    const failure = await failureOf(fetchPage(`${base}/huge`, { timeoutMs: 60_000, maxBytes: 200_000, maxRedirects: 5 }))
    expect(failure.code).toBe('too-large')
    expect(failure.message).toContain('larger than 195 KB')
  })

  it('gives up on a server that never answers, saying so', async () => {
    const failure = await failureOf(fetchPage(`${base}/silent`, { timeoutMs: 300, maxBytes: 1000, maxRedirects: 5 }))
    expect(failure.code).toBe('network')
    expect(failure.message).toContain('did not answer within')
  })

  it('reports a server that refuses connections', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const failure = await failureOf(fetchPage(`http://127.0.0.1:${port}/`, { timeoutMs: 5000, maxBytes: 1000, maxRedirects: 5 }))
    expect(failure.code).toBe('network')
    expect(failure.message).toContain('could not be reached')
  })
})
