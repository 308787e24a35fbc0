// The desktop page fetcher through fetchPage, over a stand-in for electron's net.request that
// behaves as Electron documents it (redirect: 'manual' emits 'redirect' and goes no further),
// carried by Node's http to a local server.
import { EventEmitter } from 'node:events'
import { createServer, get, type ClientRequest as NodeRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import type { ClientRequest, ClientRequestConstructorOptions } from 'electron'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { DossierFailure } from '../../shared/result'
import { fetchPage, setPageFetcher, type PageFetcher } from '../core/import/fetch-url'
import { chromiumPageFetcher, FETCH_PARTITION } from './net-fetch'

type Route = (req: IncomingMessage, res: ServerResponse) => void
const routes: Record<string, Route> = {
  '/story': (req, res) => res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'x-accept-seen': req.headers.accept ?? '' }).end('<h1>Ferry fares</h1><p>Up again.</p>'),
  '/old': (_req, res) => res.writeHead(301, { location: '/story' }).end(),
  '/to-file': (_req, res) => res.writeHead(302, { location: 'file:///etc/passwd' }).end(),
  '/to-app': (_req, res) => res.writeHead(302, { location: 'app://dossier/media/x/y.png' }).end(),
  '/loop': (_req, res) => res.writeHead(302, { location: '/loop' }).end(),
  '/huge': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    const chunk = '<p>' + 'x'.repeat(16_000) + '</p>'
    const timer = setInterval(() => (res.writableEnded ? clearInterval(timer) : res.write(chunk)), 1)
    res.on('close', () => clearInterval(timer))
  },
  // Headers, then a body that never comes: the deadline must stop the read.
  '/stalls': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.write('<p>first')
  },
  '/no-content': (_req, res) => res.writeHead(204).end(),
}

let server: Server
let base: string
const requests: ClientRequestConstructorOptions[] = []
let previous: PageFetcher

/** electron's net.request, as far as the fetcher uses it. */
function fakeNetRequest(options: ClientRequestConstructorOptions): ClientRequest {
  requests.push(options)
  const emitter = new EventEmitter()
  const headers: Record<string, string> = {}
  let request: NodeRequest | undefined
  return Object.assign(emitter, {
    setHeader: (name: string, value: string) => void (headers[name] = value),
    abort: () => {
      request?.destroy()
      emitter.emit('abort')
    },
    end: () => {
      request = get(options.url!, { headers }, (res) => {
        const status = res.statusCode ?? 0
        if (options.redirect === 'manual' && status >= 300 && status < 400 && res.headers.location) {
          res.resume()
          emitter.emit('redirect', status, 'GET', new URL(res.headers.location, options.url).href, res.headers)
          return
        }
        emitter.emit('response', res)
      })
      request.on('error', (error) => emitter.emit('error', error))
    },
  }) as unknown as ClientRequest
}

beforeAll(async () => {
  server = createServer((req, res) => {
    const route = routes[req.url ?? '']
    if (route) route(req, res)
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  previous = setPageFetcher(chromiumPageFetcher(fakeNetRequest))
})
afterEach(() => {
  requests.length = 0
})
afterAll(async () => {
  setPageFetcher(previous)
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const limits = { timeoutMs: 5000, maxBytes: 200_000, maxRedirects: 5 }

async function failureOf(promise: Promise<unknown>): Promise<DossierFailure> {
  try {
    await promise
  } catch (error) {
    if (error instanceof DossierFailure) return error
    throw error
  }
  throw new Error('expected a failure')
}

describe('fetching a page on Chromium’s network stack', () => {
  it('fetches a page in a session of its own, without cookies or credentials, following no redirect by itself', async () => {
    const page = await fetchPage(`${base}/story`, limits)
    expect(new TextDecoder().decode(page.file.data)).toBe('<h1>Ferry fares</h1><p>Up again.</p>')
    expect(page.url).toBe(`${base}/story`)
    expect(requests).toEqual([
      { url: `${base}/story`, method: 'GET', redirect: 'manual', credentials: 'omit', useSessionCookies: false, partition: FETCH_PARTITION },
    ])
    expect(FETCH_PARTITION).not.toMatch(/^persist:/)
  })

  it('sends fetch-url’s headers', async () => {
    const seen: string[] = []
    const fetcher = chromiumPageFetcher(fakeNetRequest)
    const response = await fetcher(new URL(`${base}/story`), { redirect: 'manual', signal: new AbortController().signal, headers: { accept: 'text/html' } })
    seen.push(response.headers.get('x-accept-seen') ?? '')
    await response.body?.cancel()
    expect(seen).toEqual(['text/html'])
  })

  it('hands each redirect back to fetch-url, which checks the next address before asking for it', async () => {
    const page = await fetchPage(`${base}/old`, limits)
    expect(page.url).toBe(`${base}/story`)
    expect(requests.map((r) => r.url)).toEqual([`${base}/old`, `${base}/story`])
  })

  it.each([
    ['/to-file', /file: addresses cannot be fetched/],
    ['/to-app', /app: addresses cannot be fetched/],
  ])('refuses a redirect from %s to a local address without requesting it', async (path, message) => {
    const failure = await failureOf(fetchPage(`${base}${path}`, limits))
    expect(failure.code).toBe('invalid-argument')
    expect(failure.message).toMatch(message)
    expect(requests).toHaveLength(1)
  })

  it('stops an endless redirect', async () => {
    const failure = await failureOf(fetchPage(`${base}/loop`, limits))
    expect(failure.message).toMatch(/redirected more than 5 times/)
    expect(requests).toHaveLength(6)
  })

  it('stops reading a streamed body past the size cap', async () => {
    const failure = await failureOf(fetchPage(`${base}/huge`, limits))
    expect(failure.code).toBe('too-large')
  })

  it('gives up on a body that stops coming, at the deadline', async () => {
    const failure = await failureOf(fetchPage(`${base}/stalls`, { ...limits, timeoutMs: 400 }))
    expect(failure.code).toBe('network')
    expect(failure.message).toContain('did not answer within')
  })

  it('reports a server that refuses connections', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const failure = await failureOf(fetchPage(`http://127.0.0.1:${port}/`, limits))
    expect(failure.message).toContain('could not be reached (connect ECONNREFUSED')
  })

  it('answers a bodiless status without a body, and an abort before the request with the abort’s reason', async () => {
    const fetcher = chromiumPageFetcher(fakeNetRequest)
    const empty = await fetcher(new URL(`${base}/no-content`), { redirect: 'manual', signal: new AbortController().signal, headers: {} })
    expect([empty.status, empty.body]).toEqual([204, null])
    const controller = new AbortController()
    controller.abort(new Error('user cancelled'))
    await expect(fetcher(new URL(`${base}/story`), { redirect: 'manual', signal: controller.signal, headers: {} })).rejects.toThrow('user cancelled')
  })

  it('rejects a status a Response cannot carry instead of throwing out of the event', async () => {
    const odd = (options: ClientRequestConstructorOptions) => {
      const emitter = new EventEmitter()
      return Object.assign(emitter, {
        setHeader: () => undefined,
        abort: () => undefined,
        end: () => emitter.emit('response', Object.assign(Readable.from([]), { statusCode: 999, statusMessage: '', headers: {}, url: options.url })),
      }) as unknown as ClientRequest
    }
    await expect(chromiumPageFetcher(odd)(new URL(`${base}/x`), { redirect: 'manual', signal: new AbortController().signal, headers: {} })).rejects.toThrow(RangeError)
  })
})
