// The HTTP transport: serves the built renderer and the DossierApi on 127.0.0.1
// for the browser mode and `dossier serve`. Every request passes the guard
// (Host, Origin, token) before anything else is looked at.

import { randomBytes } from 'node:crypto'
import { createReadStream } from 'node:fs'
import { stat } from 'node:fs/promises'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, resolve, sep } from 'node:path'
import { apiMethods } from '../../shared/api'
import { MAX_API_BODY_BYTES } from '../../shared/limits'
import { decodeWire, encodeWire } from '../../shared/wire'
import type { DossierService } from '../service'
import { MEDIA_CSP, MEDIA_TYPES, RENDERER_TYPES } from './content-types'
import { realPathWithin } from './contained'
import { CONTENT_SECURITY_POLICY, SECURITY_HEADERS, checkHost, checkOrigin, cookieName, tokenFromRequest, tokensEqual } from './guard'

/** No API method takes more; a longer list is not a call (and spreading millions of items would throw). */
const MAX_ARGS = 8

export interface HttpServerOptions {
  service: DossierService
  /** The built renderer (out/renderer); without it only the API is served. */
  rendererDir?: string
  port?: number
  token?: string
  /** Largest request body accepted (default: room for a batch of large files); tests lower it. */
  maxBodyBytes?: number
  /** Bodies past this are read and handled one at a time (default LARGE_BODY_BYTES); tests lower it. */
  largeBodyBytes?: number
}

/**
 * A body this large is a file being imported or a backup being restored: such
 * requests are read and handled one after another, so that several at once
 * cannot hold several times the body limit in memory.
 */
export const LARGE_BODY_BYTES = 8 * 1024 * 1024

/** One holder at a time, the rest in order of arrival. */
class Turnstile {
  private tail: Promise<void> = Promise.resolve()

  enter(): Promise<() => void> {
    let leave!: () => void
    const left = new Promise<void>((resolve) => (leave = resolve))
    const entered = this.tail.then(() => leave)
    this.tail = this.tail.then(() => left)
    return entered
  }
}

export interface RunningServer {
  url: string
  /** The address to open, token included. */
  openUrl: string
  port: number
  token: string
  server: Server
  close(): Promise<void>
}

function send(res: ServerResponse, status: number, body: string, type = 'text/plain; charset=utf-8'): void {
  res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': type, 'Cache-Control': 'no-store' })
  res.end(body)
}

/**
 * The body as text, or undefined once it passes `limit`. Past the limit the rest is
 * neither buffered nor read, and the request is paused rather than destroyed so the
 * 413 still reaches the client.
 */
function readBody(req: IncomingMessage, limit: number, large: { bytes: number; enter: () => Promise<() => void> }): Promise<ReadBody> {
  const declared = Number(req.headers['content-length'])
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ body: undefined, leave: () => undefined })
  return new Promise<ReadBody>((resolveBody) => {
    const chunks: Buffer[] = []
    let size = 0
    let settled = false
    let turn: Promise<void> | undefined
    let leave = (): void => undefined
    // A sender that hangs up gives its turn back (nothing is left to answer); one that is read keeps it until it is answered.
    const gone = (): void => {
      leave()
      resolveBody({ body: undefined, gone: true, leave: () => undefined })
    }
    const settle = (outcome: () => void): void => {
      if (settled) return
      settled = true
      outcome()
    }
    /** Waits for the large-body turn with the request paused; a sender that gives up meanwhile gives the turn back. */
    const takeTurn = (then: () => void): Promise<void> =>
      (turn ??= large.enter().then((release) => {
        leave = release
        if (req.destroyed) {
          release()
          return settle(gone)
        }
        then()
      }))
    const onData = (chunk: Buffer): void => {
      size += chunk.length
      if (size > limit) {
        req.off('data', onData)
        req.pause()
        return settle(() => resolveBody({ body: undefined, leave }))
      }
      chunks.push(chunk)
      // A body that turns out large without saying so up front waits here for its turn.
      if (size > large.bytes && turn === undefined) {
        req.pause()
        void takeTurn(() => req.resume())
      }
    }
    req.once('close', () => {
      if (!req.complete) settle(gone)
    })
    req.once('error', () => settle(gone))
    const start = (): void => {
      req.on('data', onData)
      req.once('end', () => settle(() => resolveBody({ body: Buffer.concat(chunks).toString('utf8'), leave })))
    }
    // Declared large: not a byte is read until its turn, and the sender waits on the socket.
    if (Number.isFinite(declared) && declared > large.bytes) void takeTurn(start)
    else start()
  })
}

interface ReadBody {
  /** The body as text, or undefined once it passed the limit. */
  body: string | undefined
  /** The sender hung up before the body ended. */
  gone?: boolean
  /** Ends the large-body turn this request held, if any. */
  leave: () => void
}

/** decodeURIComponent that answers undefined for malformed escapes ("%E0%A4%A") instead of throwing. */
function decodePath(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}

async function sendFile(res: ServerResponse, path: string, type: string, extra: Record<string, string> = {}): Promise<boolean> {
  const info = await stat(path).catch(() => undefined)
  if (!info?.isFile()) return false
  res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': type, 'Content-Length': String(info.size), ...extra })
  createReadStream(path).pipe(res)
  return true
}

export async function startHttpServer(options: HttpServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url')
  const { service } = options
  const rendererDir = options.rendererDir ? resolve(options.rendererDir) : undefined
  const maxBodyBytes = options.maxBodyBytes ?? MAX_API_BODY_BYTES
  const turnstile = new Turnstile()
  const large = { bytes: options.largeBodyBytes ?? LARGE_BODY_BYTES, enter: () => turnstile.enter() }
  let port = 0
  const streams = new Set<ServerResponse>()

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const refusal = checkHost(req.headers, port) ?? checkOrigin(req.headers, port)
    if (refusal) return send(res, refusal.status, refusal.reason)
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`)

    if (req.method === 'GET' && url.pathname === '/' && url.searchParams.has('token')) {
      if (!tokensEqual(url.searchParams.get('token') ?? undefined, token)) return send(res, 401, 'Wrong access token')
      res.writeHead(303, {
        ...SECURITY_HEADERS,
        'Set-Cookie': `${cookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`,
        Location: '/',
      })
      return void res.end()
    }
    if (!tokensEqual(tokenFromRequest(req.headers, port), token)) {
      return send(res, 401, 'Dossier needs its access token: open the address that `dossier serve` printed.')
    }

    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url.pathname.slice(5))
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed')
    if (url.pathname.startsWith('/media/')) return handleAsset(res, url.pathname)
    return handleStatic(res, url.pathname)
  }

  const handleApi = async (req: IncomingMessage, res: ServerResponse, method: string): Promise<void> => {
    if (method === 'events' && req.method === 'GET') return openEventStream(req, res)
    if (req.method !== 'POST') return send(res, 405, 'Method not allowed')
    if (!(apiMethods as readonly string[]).includes(method)) return send(res, 404, 'No such method')
    if (!req.headers['content-type']?.startsWith('application/json')) return send(res, 415, 'Expected application/json')
    const { body, gone, leave } = await readBody(req, maxBodyBytes, large)
    if (gone) return
    try {
      await answerApi(res, method, body)
    } finally {
      leave()
    }
  }

  const answerApi = async (res: ServerResponse, method: string, body: string | undefined): Promise<void> => {
    if (body === undefined) {
      // Say so and close: the client may still be sending the rest of the body.
      res.setHeader('Connection', 'close')
      return send(res, 413, `Request too large: the limit is ${+(maxBodyBytes / 2 ** 20).toFixed(2)} MB`)
    }
    let args: unknown
    try {
      args = (decodeWire(body) as { args?: unknown } | null)?.args
    } catch {
      return send(res, 400, 'Malformed request body')
    }
    if (!Array.isArray(args)) return send(res, 400, 'Expected {"args": [...]}')
    if (args.length > MAX_ARGS) return send(res, 400, 'Too many arguments')
    const call = service.api[method as (typeof apiMethods)[number]] as (...a: unknown[]) => Promise<unknown>
    send(res, 200, encodeWire(await call(...args)), 'application/json; charset=utf-8')
  }

  const openEventStream = (req: IncomingMessage, res: ServerResponse): void => {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-store', Connection: 'keep-alive' })
    res.write(': connected\n\n')
    streams.add(res)
    const unsubscribe = service.events.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`))
    req.on('close', () => {
      unsubscribe()
      streams.delete(res)
    })
  }

  const handleAsset = async (res: ServerResponse, pathname: string): Promise<void> => {
    const [, , articleId = '', name = '', ...rest] = pathname.split('/')
    const type = MEDIA_TYPES[extname(name).toLowerCase()]
    const decoded = decodePath(name)
    const stored = rest.length === 0 && type && decoded !== undefined ? service.archive.assetPath(articleId, decoded) : undefined
    const path = stored && (await realPathWithin(stored, join(service.archive.dir, 'assets')))
    // Imported images may be hostile SVG: never let one run as a document on this origin.
    const served = path && (await sendFile(res, path, type!, { 'Content-Security-Policy': MEDIA_CSP }))
    if (!served) send(res, 404, 'Not found')
  }

  const handleStatic = async (res: ServerResponse, pathname: string): Promise<void> => {
    if (!rendererDir) return send(res, 404, 'Not found')
    const relative = pathname === '/' ? 'index.html' : decodePath(pathname)?.replace(/^\/+/, '')
    if (relative === undefined || relative.includes('\0')) return send(res, 404, 'Not found')
    const path = resolve(join(rendererDir, relative))
    const type = RENDERER_TYPES[extname(path).toLowerCase()]
    if (!path.startsWith(rendererDir + sep) || !type) return send(res, 404, 'Not found')
    const csp: Record<string, string> = type.startsWith('text/html') ? { 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'Cache-Control': 'no-store' } : {}
    const real = await realPathWithin(path, rendererDir)
    if (!real || !(await sendFile(res, real, type, csp))) send(res, 404, 'Not found')
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error(error)
      if (!res.headersSent) send(res, 500, 'Internal error')
      else res.end()
    })
  })
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolveListen())
  })
  port = (server.address() as AddressInfo).port
  const url = `http://127.0.0.1:${port}/`
  return {
    url,
    openUrl: `${url}?token=${token}`,
    port,
    token,
    server,
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const stream of streams) stream.end()
        server.close(() => resolveClose())
        server.closeAllConnections()
      }),
  }
}
