// Load suite: the app as a user has it open (the built `dossier serve` in Debian's
// Chromium) while 5,000 articles and 20,000 annotations arrive through the same
// HTTP API the UI uses. Measures input latency in the page (idle vs under load,
// same run), the server's memory, and that everything is searchable at the end.
// Smaller runs: npm run bench -- --suite load --load-articles 500 (or DOSSIER_LOAD_ARTICLES=500)
// DOSSIER_KEEP_LOAD_ARCHIVE=1 keeps the archive folder afterwards (its path is logged) to inspect catalog.json.

import { spawn, spawnSync } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Page } from '@playwright/test'
import { chromiumLaunchOptions } from '../../e2e/support/chromium'
import { decodeWire, encodeWire } from '../../src/shared/wire'
import { generateArticle } from '../lib/generate'
import { percentile, type Row } from '../lib/stats'
import type { Suite, SuiteOptions } from './suite'

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
const OUT = join('.bench', 'load-out')
const BATCH = 100
const ANNOTATIONS_PER_ARTICLE = 4
const KEY_INTERVAL_MS = 200

interface Api {
  call<T>(method: string, ...args: unknown[]): Promise<T>
}

function httpApi(url: URL): Api {
  const token = url.searchParams.get('token') ?? ''
  return {
    async call<T>(method: string, ...args: unknown[]): Promise<T> {
      const response = await fetch(new URL(`/api/${method}`, url), {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-dossier-token': token },
        body: encodeWire({ args }),
      })
      const result = decodeWire(await response.text()) as { ok: boolean; value: T; error?: { message: string } }
      if (!result.ok) throw new Error(`${method}: ${result.error?.message}`)
      return result.value
    },
  }
}

function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))
  return match ? Number(match[1]) / 1024 : NaN
}

/** Each article carries a unique reference, so the end check can find every one by search. */
function articleText(index: number): { name: string; data: Uint8Array } {
  const article = generateArticle(index)
  const text = [article.title, '', `Reference LD${String(index).padStart(6, '0')}.`, '', ...article.blocks.map((b) => `${b.text}\n`)].join('\n')
  return { name: `load-${index}.txt`, data: new TextEncoder().encode(text) }
}

/** Keydown → next frame painted, measured in the page for every key the test presses. */
async function installLatencyProbe(page: Page): Promise<void> {
  await page.evaluate(() => {
    const samples: number[] = []
    ;(window as unknown as { __latency: number[] }).__latency = samples
    window.addEventListener(
      'keydown',
      (event) => {
        const start = event.timeStamp
        requestAnimationFrame(() => setTimeout(() => samples.push(performance.now() - start), 0))
      },
      true,
    )
  })
}

async function takeLatency(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __latency: number[] }).__latency.splice(0))
}

async function pressWhile(page: Page, running: () => boolean, heap: number[]): Promise<void> {
  let down = true
  while (running()) {
    await page.keyboard.press(down ? 'ArrowDown' : 'ArrowUp')
    down = !down
    heap.push(await page.evaluate(() => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? NaN))
    await new Promise((resolve) => setTimeout(resolve, KEY_INTERVAL_MS))
  }
}

async function run({ log }: SuiteOptions): Promise<Row[]> {
  // `--load-articles N` (or DOSSIER_LOAD_ARTICLES=N) runs it smaller: N articles, 4 × N annotations.
  const flag = process.argv.indexOf('--load-articles')
  const articles = Number((flag >= 0 ? process.argv[flag + 1] : undefined) ?? process.env['DOSSIER_LOAD_ARTICLES'] ?? 5000)
  if (!Number.isInteger(articles) || articles < 1) throw new Error('--load-articles takes a positive whole number')
  const scale = articles.toLocaleString('en-US')
  log(`[load ${scale}] building the app`)
  const build = spawnSync(process.execPath, [join(ROOT, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], {
    cwd: ROOT,
    env: { ...process.env, DOSSIER_OUT: OUT },
    stdio: ['ignore', 'ignore', 'inherit'],
  })
  if (build.status !== 0) throw new Error('build failed')
  const archive = mkdtempSync(join(tmpdir(), 'dossier-load-'))
  const server = spawn(process.execPath, [join(ROOT, OUT, 'main/cli.js'), 'serve', '--archive', archive, '--port', '0', '--json'], { stdio: ['ignore', 'pipe', 'inherit'] })
  const browser = await chromium.launch(chromiumLaunchOptions())
  try {
    let printed = ''
    const url = await new Promise<URL>((resolve, reject) => {
      server.stdout!.on('data', (chunk: Buffer) => {
        printed += chunk.toString()
        try {
          resolve(new URL((JSON.parse(printed) as { url: string }).url))
        } catch {
          // not a whole JSON document yet
        }
      })
      server.once('exit', (code) => reject(new Error(`serve exited with ${code}`)))
    })
    const api = httpApi(url)
    const page = await browser.newPage({ viewport: { width: 1360, height: 860 } })
    await page.goto(url.toString())
    await page.getByRole('heading', { name: 'Library' }).waitFor()
    await installLatencyProbe(page)
    // What the archive holds before the load (the welcome article): every one must still be listed at the end.
    const expected = new Set((await api.call<{ id: string }[]>('listArticles')).map((meta) => meta.id))
    const before = expected.size
    await page.locator('.library-scroller').focus()

    log(`[load ${scale}] idle input latency`)
    const heap: number[] = []
    const idleUntil = Date.now() + 8000
    await pressWhile(page, () => Date.now() < idleUntil, heap)
    const idle = await takeLatency(page)

    const rss: number[] = [rssMb(server.pid!)]
    const sampler = setInterval(() => rss.push(rssMb(server.pid!)), 1000)
    let loading = true
    const typing = pressWhile(page, () => loading, heap)
    log(`[load ${scale}] importing ${scale} articles and ${(articles * ANNOTATIONS_PER_ARTICLE).toLocaleString('en-US')} annotations with the UI open`)
    const started = performance.now()
    let importMs = 0
    let annotateMs = 0
    let annotations = 0
    try {
      for (let first = 0; first < articles; first += BATCH) {
        const files = Array.from({ length: Math.min(BATCH, articles - first) }, (_, i) => articleText(first + i))
        const importStart = performance.now()
        const outcome = await api.call<{ imported: { id: string }[]; duplicates: { file: string; existingId: string }[]; failed: { message: string }[] }>('importFiles', files)
        importMs += performance.now() - importStart
        for (const meta of outcome.imported) expected.add(meta.id)
        if (outcome.imported.length !== files.length) {
          const duplicates = outcome.duplicates.map((d) => `${d.file} duplicate of ${d.existingId}`)
          log(`[load ${scale}] batch at ${first}: ${outcome.imported.length} of ${files.length} imported; ${[...duplicates, ...outcome.failed.map((f) => f.message)].join('; ')}`)
        }
        const annotateStart = performance.now()
        for (const [offset, meta] of outcome.imported.entries()) {
          const index = first + offset
          for (let k = 0; k < ANNOTATIONS_PER_ARTICLE; k++) {
            // Offsets within the title and reference lines, present in every generated article.
            const start = 2 + k * 3
            await api.call('createAnnotation', meta.id, { start, end: start + 2, note: k === 0 ? `Checked NM${String(index).padStart(6, '0')}` : '', tags: ['load'] })
            annotations++
          }
        }
        annotateMs += performance.now() - annotateStart
        if (first % 1000 === 0) log(`[load ${scale}] ${first + files.length} articles, ${annotations} annotations`)
      }
    } finally {
      loading = false
      await typing
      clearInterval(sampler)
    }
    const loadSeconds = (performance.now() - started) / 1000
    const busy = await takeLatency(page)

    log(`[load ${scale}] waiting for the index, then checking everything is searchable`)
    for (let tries = 0; tries < 600; tries++) {
      const status = await api.call<{ state: string }>('searchStatus')
      if (status.state === 'ready') break
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
    const listedIds = new Set((await api.call<{ id: string }[]>('listArticles')).map((meta) => meta.id))
    const listed = listedIds.size
    const missing = [...expected].filter((id) => !listedIds.has(id))
    if (missing.length > 0) log(`[load ${scale}] ${missing.length} article(s) imported or present before but not listed at the end: ${missing.slice(0, 5).join(', ')}`)
    // The other way round: listed but neither there before nor reported imported (e.g. stored, then reported failed).
    const unexpected = [...listedIds].filter((id) => !expected.has(id))
    if (unexpected.length > 0) log(`[load ${scale}] ${unexpected.length} article(s) listed at the end but neither present before nor reported imported: ${unexpected.slice(0, 5).join(', ')}`)
    const annotated = (await api.call<unknown[]>('listAllAnnotations', {})).length
    const sample = Array.from({ length: 25 }, (_, i) => Math.floor((i * articles) / 25))
    let found = 0
    let notesFound = 0
    for (const index of sample) {
      const ref = String(index).padStart(6, '0')
      const hit = await api.call<{ total: number }>('search', { query: `LD${ref}`, limit: 5 })
      if (hit.total === 1) found++
      const note = await api.call<{ total: number }>('search', { query: `note:NM${ref}`, limit: 5 })
      if (note.total === 1) notesFound++
    }
    const ratio = (p: number) => percentile(busy, p) / percentile(idle, p)
    const row = (metric: string, value: number, unit: string, extra: Partial<Row> = {}): Row => ({ suite: 'load', scale, metric, value, unit, ...extra })
    return [
      row('import rate (UI open)', articles / (importMs / 1000), 'articles/s', { note: `batches of ${BATCH} over HTTP` }),
      row('annotation rate', annotations / (annotateMs / 1000), 'per s', { note: `${annotations.toLocaleString('en-US')} createAnnotation calls` }),
      row('whole load', loadSeconds, 's'),
      row('input latency idle p50', percentile(idle, 50), 'ms', { note: `keydown → next frame, ${idle.length} keys` }),
      row('input latency idle p95', percentile(idle, 95), 'ms'),
      row('input latency idle max', Math.max(...idle), 'ms'),
      row('input latency under load p50', percentile(busy, 50), 'ms', { ratio: ratio(50), note: `${busy.length} keys; ratio = under load / idle` }),
      row('input latency under load p95', percentile(busy, 95), 'ms', { target: '< 100', ratio: ratio(95) }),
      row('input latency under load max', Math.max(...busy), 'ms', { ratio: Math.max(...busy) / Math.max(...idle) }),
      row('server RSS start', rss[0]!, 'MB'),
      row('server RSS peak', Math.max(...rss), 'MB', { target: '< 1024' }),
      row('server RSS end', rss.at(-1)!, 'MB'),
      row('page JS heap peak', Math.max(...heap.filter(Number.isFinite)) / 2 ** 20, 'MB'),
      row('articles listed at end', listed, 'articles', { note: `expected ${expected.size} (${expected.size - before} imported + ${before} before); ${missing.length} missing, ${unexpected.length} unexpected` }),
      row('annotations at end', annotated, 'annotations', { note: `of ${annotations}` }),
      row('found by search (sample)', found, `of ${sample.length}`, { note: 'unique reference per article' }),
      row('notes found by search (sample)', notesFound, `of ${sample.length}`, { note: 'note:NM… per article' }),
    ]
  } finally {
    await browser.close()
    const exited = new Promise((resolve) => server.once('exit', resolve))
    server.kill('SIGTERM')
    await exited
    if (process.env['DOSSIER_KEEP_LOAD_ARCHIVE'] === '1') log(`[load] archive kept at ${archive} (DOSSIER_KEEP_LOAD_ARCHIVE=1)`)
    else rmSync(archive, { recursive: true, force: true })
  }
}

export const loadSuite: Suite = { name: 'load', run }
