// "Fetch from the web": the one place Dossier goes on the network, and only when the user asks.
// One page is fetched (never its images, scripts or styles), redirects are followed by hand so each hop
// is checked, and the whole exchange has a deadline and a size cap.
import type { ImportFile } from '../../../shared/api/library'
import { MAX_IMPORT_BYTES } from '../../../shared/limits'
import { DossierFailure } from '../../../shared/result'
import { formatBytes, importFailure } from './failure'

export interface FetchLimits {
  timeoutMs: number
  maxBytes: number
  maxRedirects: number
  /** Lets the caller cancel the fetch. */
  signal?: AbortSignal
}

/** What one request is sent with: only these options, so a fetcher need honour no more. */
export interface PageRequest {
  redirect: 'manual'
  signal: AbortSignal
  headers: Record<string, string>
}

/** Sends one request and answers with the response; a redirect comes back as its 3xx response, not followed. */
export type PageFetcher = (url: URL, request: PageRequest) => Promise<Response>

// Node's fetch for the browser mode and the CLI; the desktop app sets one on Chromium's network stack.
let pageFetcher: PageFetcher = (url, request) => fetch(url, request)

/** The desktop app's fetch, so the system's proxy settings apply; called once at start-up. Returns the one it replaces. */
export function setPageFetcher(fetcher: PageFetcher): PageFetcher {
  const previous = pageFetcher
  pageFetcher = fetcher
  return previous
}

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 30_000, maxBytes: MAX_IMPORT_BYTES, maxRedirects: 5 }

/** Content types Dossier imports, and the extension that makes the importers read them as such. */
const ACCEPTED: Record<string, string> = {
  'text/html': 'html',
  'application/xhtml+xml': 'html',
  'text/plain': 'txt',
  'text/markdown': 'md',
  'text/x-markdown': 'md',
  'application/pdf': 'pdf',
}

export interface FetchedPage {
  file: ImportFile
  /** The address after redirects: the article's url. */
  url: string
}

/** A URL the user may fetch: http or https, with a host; anything else is refused before any connection. */
export function parseWebUrl(raw: string): URL {
  let url: URL
  try {
    url = new URL(raw.trim())
  } catch {
    throw new DossierFailure('invalid-argument', `"${raw.slice(0, 200)}" is not a web address. Enter one that starts with https:// or http://.`)
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new DossierFailure('invalid-argument', `${url.protocol} addresses cannot be fetched; Dossier fetches only http:// and https:// pages.`)
  }
  if (url.username !== '' || url.password !== '') throw new DossierFailure('invalid-argument', 'Addresses with a user name or password in them are not fetched.')
  url.hash = ''
  return url
}

export async function fetchPage(raw: string, limits: FetchLimits = DEFAULT_FETCH_LIMITS): Promise<FetchedPage> {
  let url = parseWebUrl(raw)
  const deadline = AbortSignal.timeout(limits.timeoutMs)
  const signal = limits.signal ? AbortSignal.any([deadline, limits.signal]) : deadline
  const where = () => url.href
  try {
    for (let hop = 0; ; hop++) {
      const response = await pageFetcher(url, {
        redirect: 'manual',
        signal,
        headers: { accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,text/markdown;q=0.9,application/pdf;q=0.8' },
      })
      if (response.status >= 300 && response.status < 400 && response.headers.has('location')) {
        await response.body?.cancel()
        if (hop >= limits.maxRedirects) throw failure('network', where(), `redirected more than ${limits.maxRedirects} times; Dossier stopped following it.`)
        url = parseWebUrl(new URL(response.headers.get('location') ?? '', url).href)
        continue
      }
      if (!response.ok) {
        await response.body?.cancel()
        throw failure('network', where(), `answered ${response.status}${response.statusText ? ` ${response.statusText}` : ''}; nothing was imported.`)
      }
      const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
      const ext = type === '' ? extensionIn(url) : ACCEPTED[type]
      if (ext === undefined) {
        await response.body?.cancel()
        throw failure('unsupported-format', where(), `is ${type}, not a web page or document Dossier can import (HTML, text, Markdown or PDF).`)
      }
      const declared = Number(response.headers.get('content-length') ?? NaN)
      if (declared > limits.maxBytes) {
        await response.body?.cancel()
        throw tooLarge(where(), limits.maxBytes)
      }
      const data = await readCapped(response, limits.maxBytes, where())
      return { file: { name: fileNameFor(url, ext), data }, url: url.href }
    }
  } catch (error) {
    if (error instanceof DossierFailure) throw error
    if (limits.signal?.aborted) throw new DossierFailure('cancelled', `Fetching ${where()} was cancelled.`)
    if (deadline.aborted) throw failure('network', where(), `did not answer within ${Math.round(limits.timeoutMs / 1000)} seconds.`)
    const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error)
    throw failure('network', where(), `could not be reached (${cause.slice(0, 160)}). Check the address and your connection.`)
  }
}

async function readCapped(response: Response, maxBytes: number, where: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = []
  let total = 0
  if (!response.body) return new Uint8Array()
  const reader = response.body.getReader()
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    total += value.byteLength
    if (total > maxBytes) {
      await reader.cancel()
      throw tooLarge(where, maxBytes)
    }
    chunks.push(value)
  }
  const data = new Uint8Array(total)
  let at = 0
  for (const chunk of chunks) {
    data.set(chunk, at)
    at += chunk.byteLength
  }
  return data
}

function failure(code: 'network' | 'unsupported-format', where: string, reason: string): DossierFailure {
  return importFailure(code, where, reason)
}

const tooLarge = (where: string, max: number) => importFailure('too-large', where, `is larger than ${formatBytes(max)}, the most Dossier fetches.`)

/** With no Content-Type, the address's own extension decides; a bare path is taken to be a page. */
function extensionIn(url: URL): string | undefined {
  const last = url.pathname.split('/').pop() ?? ''
  const ext = last.includes('.') ? last.slice(last.lastIndexOf('.') + 1).toLowerCase() : 'html'
  return ['html', 'htm', 'txt', 'md', 'pdf'].includes(ext) ? ext : undefined
}

/** "news.example/world/story.html": readable in messages, and its extension tells the importers the format. */
export function fileNameFor(url: URL, ext: string): string {
  const path = decodeSafely(url.pathname).replace(/\/+$/, '').replace(/[^\p{L}\p{N}._/-]+/gu, '-')
  const base = `${url.hostname}${path}`.slice(0, 180)
  const last = base.split('/').pop() ?? base
  return last.toLowerCase().endsWith(`.${ext}`) ? base : `${base}.${ext}`
}

function decodeSafely(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    return path
  }
}
