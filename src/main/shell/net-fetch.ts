// The desktop app's page fetcher: one request on Chromium's network stack (electron's net),
// so the system's proxy and PAC settings apply as in a browser. net.fetch cannot be used:
// with redirect 'manual' it fails with "Redirect was cancelled" instead of answering the 3xx,
// and fetch-url must see each hop to check it. net.request reports the redirect as an event.

import { Readable } from 'node:stream'
import type { ClientRequest, ClientRequestConstructorOptions, IncomingMessage } from 'electron'
import type { PageFetcher } from '../core/import/fetch-url'

/** A session of its own, in memory only: fetched pages neither see nor leave the app's cookies. */
export const FETCH_PARTITION = 'dossier-page-fetch'

const NULL_BODY_STATUS = new Set([101, 204, 205, 304])

function headersOf(raw: Record<string, string | string[]>): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(raw)) {
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
  }
  return headers
}

export function chromiumPageFetcher(request: (options: ClientRequestConstructorOptions) => ClientRequest): PageFetcher {
  return (url, init) =>
    new Promise<Response>((resolve, reject) => {
      const { signal } = init
      if (signal.aborted) return reject(signal.reason)
      let settled = false
      let message: IncomingMessage | undefined
      const req = request({
        url: url.href,
        method: 'GET',
        redirect: 'manual',
        credentials: 'omit',
        useSessionCookies: false,
        partition: FETCH_PARTITION,
      })
      const onAbort = () => {
        req.abort()
        // A body being read fails too, as with fetch, so the reader stops.
        ;(message as unknown as Readable | undefined)?.destroy(signal.reason)
        if (!settled) {
          settled = true
          reject(signal.reason)
        }
      }
      signal.addEventListener('abort', onAbort, { once: true })
      const settle = (answer: () => Response) => {
        if (settled) return
        settled = true
        try {
          resolve(answer())
        } catch (error) {
          // A status fetch's Response cannot carry (a 1xx, or a made-up 999).
          req.abort()
          reject(error)
        }
      }
      req.on('redirect', (statusCode, _method, redirectUrl) => {
        // Not followed: the caller checks the new address and asks again.
        settle(() => new Response(null, { status: statusCode, headers: { location: redirectUrl } }))
        signal.removeEventListener('abort', onAbort)
        req.abort()
      })
      req.on('response', (response) => {
        message = response
        response.on('end', () => signal.removeEventListener('abort', onAbort))
        settle(() => {
          const body = NULL_BODY_STATUS.has(response.statusCode) ? null : (Readable.toWeb(response as unknown as Readable) as ReadableStream<Uint8Array>)
          return new Response(body, { status: response.statusCode, statusText: response.statusMessage, headers: headersOf(response.headers) })
        })
      })
      req.on('error', (error) => {
        signal.removeEventListener('abort', onAbort)
        if (!settled) {
          settled = true
          reject(error)
        }
      })
      for (const [name, value] of Object.entries(init.headers)) req.setHeader(name, value)
      req.end()
    })
}
