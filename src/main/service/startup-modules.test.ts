// Opening the service loads nothing only import needs: jsdom, Readability and pdf.js
// load at the first import of a page or PDF (in the import worker, or lazily here),
// so `serve` and the app print their address without paying for them.

import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { openService } from '.'

const IMPORT_ONLY = ['jsdom', '@mozilla/readability', 'pdfjs-dist', 'dompurify']

/** Vite's "?raw" import (the welcome article) as a loader hook, for a process run by plain Node and tsx. */
const RAW_HOOK = `
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
let port
export function initialize(data) { port = data.port }
export async function resolve(specifier, context, next) {
  if (specifier.endsWith('?raw')) {
    const resolved = await next(specifier.slice(0, -4), context)
    return { url: resolved.url + '?raw', shortCircuit: true }
  }
  const resolved = await next(specifier, context)
  port.postMessage(resolved.url)
  return resolved
}
export async function load(url, context, next) {
  if (!url.endsWith('?raw')) return next(url, context)
  return { format: 'module', source: 'export default ' + JSON.stringify(readFileSync(fileURLToPath(url.slice(0, -4)), 'utf8')), shortCircuit: true }
}`

/** Packages of the paths given: ".../node_modules/@scope/name/..." → "@scope/name". */
function packagesOf(paths: Iterable<string>): string[] {
  const names = new Set<string>()
  for (const path of paths) {
    const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(decodeURIComponent(path).replace(/\\/g, '/'))
    if (match) names.add(match[1]!)
  }
  return [...names].sort()
}

/** Opens the service over `archive` in a fresh process, runs `then` there, and returns every package it loaded (ES modules and CommonJS). */
async function packagesLoadedBy(archive: string, then = ''): Promise<string[]> {
  const script = `
import { register, createRequire } from 'node:module'
import { MessageChannel } from 'node:worker_threads'
const seen = []
const { port1, port2 } = new MessageChannel()
port1.on('message', (url) => seen.push(url))
register('data:text/javascript,' + encodeURIComponent(${JSON.stringify(RAW_HOOK)}), { data: { port: port2 }, transferList: [port2] })
const { openService } = await import(${JSON.stringify(join(__dirname, 'index.ts'))})
const service = await openService(${JSON.stringify(archive)})
const api = service.api
${then}
await service.close()
await new Promise((resolve) => setTimeout(resolve, 200))
port1.close()
const required = Object.keys(createRequire(import.meta.url).cache)
process.stdout.write(JSON.stringify([...seen, ...required]))
process.exit(0)`
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()))
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  if (code !== 0) throw new Error(`the child exited with ${code}: ${err.slice(-2000)}`)
  return packagesOf(JSON.parse(out) as string[])
}

let dir: string
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'dossier-startup-'))
  // The first open adds the welcome article (a Markdown import); start-up is every open after it.
  await (await openService(dir)).close()
})
afterEach(async () => {
  await rm(dir, { recursive: true, force: true })
})

describe('service start-up', () => {
  it('loads no import-only module (jsdom, Readability, pdf.js) when the service opens and lists the library', async () => {
    const loaded = await packagesLoadedBy(dir, `if (!(await api.listArticles()).ok) throw new Error('list failed')`)
    // The check sees packages at all: the archive's own lowdb and zod are there.
    expect(loaded).toEqual(expect.arrayContaining(['lowdb', 'zod']))
    expect(loaded.filter((name) => IMPORT_ONLY.includes(name))).toEqual([])
  }, 60_000)

  it('loads jsdom and Readability in the service process once a page is parsed there, lazily', async () => {
    const page = `<!doctype html><html><head><title>Lazy page</title></head><body><article><h1>Lazy page</h1><p>${'A sentence about the matter at hand. '.repeat(40)}</p></article></body></html>`
    const loaded = await packagesLoadedBy(
      dir,
      `const { importDocument } = await import(${JSON.stringify(join(__dirname, '../core/import/index.ts'))})
const doc = await importDocument({ name: 'lazy.html', data: new TextEncoder().encode(${JSON.stringify(page)}) })
if (doc.title !== 'Lazy page') throw new Error('parsed ' + doc.title)`,
    )
    expect(loaded).toEqual(expect.arrayContaining(['jsdom', '@mozilla/readability']))
  }, 60_000)
})
