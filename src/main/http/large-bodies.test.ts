// Large request bodies (imports, restores) are read and handled one at a time,
// so that several at once cannot hold several times the body limit in memory;
// small calls are not held behind them.

import { request as httpRequest } from 'node:http'
import { afterEach, describe, expect, it } from 'vitest'
import { encodeWire } from '../../shared/wire'
import type { DossierService } from '../service'
import { cookieName } from './guard'
import { startHttpServer, type RunningServer } from './server'

const TOKEN = 'large-bodies-token-0123456789'
const LARGE = 64 * 1024

interface Seen {
  method: string
  bytes: number
}

/** A service whose importFiles waits until the test lets it go, recording every call. */
function stubService() {
  const seen: Seen[] = []
  const waiting: (() => void)[] = []
  const api = new Proxy(
    {},
    {
      get: (_target, method: string) => async (...args: unknown[]) => {
        const bytes = JSON.stringify(args).length
        seen.push({ method, bytes })
        if (method === 'importFiles') await new Promise<void>((resolve) => waiting.push(resolve))
        return { ok: true, value: null }
      },
    },
  )
  const service = { api, events: { subscribe: () => () => undefined } } as unknown as DossierService
  return { service, seen, release: () => waiting.splice(0).forEach((go) => go()) }
}

let server: RunningServer | undefined
afterEach(async () => {
  await server?.close()
  server = undefined
})

function send(method: string, body: string, chunked = false): Promise<number> {
  const running = server
  if (!running) throw new Error('no server')
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { Cookie: `${cookieName(running.port)}=${TOKEN}`, 'Content-Type': 'application/json' }
    if (!chunked) headers['Content-Length'] = String(Buffer.byteLength(body))
    const req = httpRequest({ host: '127.0.0.1', port: running.port, path: `/api/${method}`, method: 'POST', headers }, (res) => {
      res.resume()
      res.on('end', () => resolve(res.statusCode ?? 0))
    })
    req.on('error', reject)
    // Written in pieces, as a browser streams an upload.
    for (let at = 0; at < body.length; at += 16 * 1024) req.write(body.slice(at, at + 16 * 1024))
    req.end()
  })
}

const importBody = (size: number): string => encodeWire({ args: [[{ name: 'report.txt', data: new Uint8Array(size).fill(65) }]] })
const settle = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms))
/** Waits until `check` holds, for at most `ms`. */
async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms
  while (!check() && Date.now() < end) await settle(10)
}

describe('large request bodies', () => {
  it.each([
    ['declaring their size', false],
    ['sent chunked, without a declared size', true],
  ])('are handled one at a time when %s: the second is not read until the first is answered', async (_how, chunked) => {
    const stub = stubService()
    server = await startHttpServer({ service: stub.service, token: TOKEN, largeBodyBytes: LARGE, maxBodyBytes: 16 * LARGE })
    const first = send('importFiles', importBody(2 * LARGE), chunked)
    await until(() => stub.seen.length === 1)
    const second = send('importFiles', importBody(3 * LARGE), chunked)
    // A small call still goes through while the first large one is being handled.
    expect(await send('listArticles', encodeWire({ args: [] }))).toBe(200)
    await settle(400)
    expect(stub.seen.map((call) => call.method)).toEqual(['importFiles', 'listArticles'])
    stub.release()
    expect(await first).toBe(200)
    await until(() => stub.seen.length === 3)
    expect(stub.seen.map((call) => call.method)).toEqual(['importFiles', 'listArticles', 'importFiles'])
    expect(stub.seen[2]?.bytes).toBeGreaterThan(stub.seen[0]?.bytes ?? 0)
    stub.release()
    expect(await second).toBe(200)
  })

  it('gives the turn back when a large sender gives up while waiting, so the next is read', async () => {
    const stub = stubService()
    server = await startHttpServer({ service: stub.service, token: TOKEN, largeBodyBytes: LARGE, maxBodyBytes: 16 * LARGE })
    const first = send('importFiles', importBody(2 * LARGE))
    await until(() => stub.seen.length === 1)
    const running = server
    // A sender that declares a large body, sends a little and hangs up while it waits its turn.
    await new Promise<void>((resolve) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port: running.port,
        path: '/api/importFiles',
        method: 'POST',
        headers: { Cookie: `${cookieName(running.port)}=${TOKEN}`, 'Content-Type': 'application/json', 'Content-Length': String(4 * LARGE) },
      })
      req.on('error', () => resolve())
      req.write('{"args":[')
      setTimeout(() => {
        req.destroy()
        resolve()
      }, 100)
    })
    stub.release()
    expect(await first).toBe(200)
    const third = send('importFiles', importBody(2 * LARGE))
    await until(() => stub.seen.length === 2)
    expect(stub.seen.map((call) => call.method)).toEqual(['importFiles', 'importFiles'])
    stub.release()
    expect(await third).toBe(200)
  })

  it('still refuses a large body past the limit with 413, and frees the turn for the next', async () => {
    const stub = stubService()
    server = await startHttpServer({ service: stub.service, token: TOKEN, largeBodyBytes: LARGE, maxBodyBytes: 4 * LARGE })
    expect(await send('importFiles', importBody(8 * LARGE), true)).toBe(413)
    const next = send('importFiles', importBody(2 * LARGE))
    await until(() => stub.seen.length === 1)
    stub.release()
    expect(await next).toBe(200)
  })
})
