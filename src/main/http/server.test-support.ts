// The HTTP transport's test harness: a server over a fresh archive, a fake
// renderer build with files beside it that must never be served, and helpers
// that can send any header (http.request, not fetch).

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect } from 'vitest'
import type { Result } from '../../shared/result'
import { decodeWire, encodeWire } from '../../shared/wire'
import { openService, type DossierService } from '../service'
import { cookieName } from './guard'
import { startHttpServer, type RunningServer } from './server'

export const TOKEN = 'test-token-0123456789abcdef'
export const MAX_BODY = 64 * 1024

export interface Reply {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

export interface Call {
  method?: string
  headers?: Record<string, string>
  body?: string | Buffer
  /** Leave out the access cookie. */
  anonymous?: boolean
}

export let root: string
export let service: DossierService
export let server: RunningServer

/** http.request, not fetch: it lets a test send any Host header. */
export function call(path: string, options: Call = {}): Promise<Reply> {
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

export const post = (path: string, body: string, headers: Record<string, string> = {}): Promise<Reply> =>
  call(path, { method: 'POST', body, headers: { 'Content-Type': 'application/json', ...headers } })

export async function api<T>(method: string, ...args: unknown[]): Promise<Result<T>> {
  const reply = await post(`/api/${method}`, encodeWire({ args }))
  expect(reply.status).toBe(200)
  return decodeWire(reply.body) as Result<T>
}

export function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

/** One server over a fresh archive and a fake renderer build for the calling test file. */
export function useServerHarness(): void {
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
}
