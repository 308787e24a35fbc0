// Import suite: 1,000 saved news pages (~1,000 words each, deterministic, wrapped in the navigation,
// share bars, related links and comment threads real pages carry) imported through the service the app
// uses (openService(dir).api.importFiles, batches of 200), so the figure includes Readability, duplicate
// detection, the atomic per-article writes and handing each article to search.

import { mkdtempSync, rmSync } from 'node:fs'
import { register } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ImportFile } from '../../src/shared/api/library'
import { importDocument } from '../../src/main/core/import'
import { generateArticle, type GeneratedArticle } from '../lib/generate'
import { percentile, type Row } from '../lib/stats'
import type { Suite, SuiteOptions } from './suite'

const PAGES = 1000
const BATCH = 200

// The service imports resources/welcome.md with Vite's "?raw"; outside Vite this hook does the same.
export const RAW_IMPORT_HOOK = `
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
export async function resolve(specifier, context, next) {
  if (!specifier.endsWith('?raw')) return next(specifier, context)
  const resolved = await next(specifier.slice(0, -4), context)
  return { url: resolved.url + '?raw', shortCircuit: true }
}
export async function load(url, context, next) {
  if (!url.endsWith('?raw')) return next(url, context)
  const text = readFileSync(fileURLToPath(url.slice(0, -4)), 'utf8')
  return { format: 'module', source: 'export default ' + JSON.stringify(text), shortCircuit: true }
}`

async function loadService() {
  register(`data:text/javascript,${encodeURIComponent(RAW_IMPORT_HOOK)}`)
  return import('../../src/main/service')
}

const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** A page as "Save Page As…" leaves it: the article inside a news site's furniture. */
export function savedNewsPage(article: GeneratedArticle, index: number): string {
  const nav = ['Home', 'World', 'Region', 'Business', 'Opinion', 'Sport', 'Culture', 'Podcasts'].map((s) => `<li><a href="/${s.toLowerCase()}">${s}</a></li>`).join('')
  const related = Array.from({ length: 6 }, (_, i) => `<li><a href="/story/${index * 7 + i}">Related: ${escape(generateArticle(index + i + 1).title)}</a></li>`).join('')
  const comments = Array.from({ length: 5 }, (_, i) => `<li class="comment"><b>reader${i}</b><p>Comment ${i}: interesting piece, but what about the budget figures?</p><a href="#">Reply</a></li>`).join('')
  const body = article.blocks.map((b) => `<p>${escape(b.text)}</p>`).join('\n')
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(article.title)} | ${escape(article.source ?? 'News')}</title>
<meta property="og:site_name" content="${escape(article.source ?? 'News')}"><meta property="article:published_time" content="${article.publishedAt ?? ''}">
<script>window.dataLayer=[];function track(){}</script><style>body{font-family:serif}</style></head><body>
<div class="cookie-banner">We use cookies to improve your experience. <button>Accept</button></div>
<header><a class="logo" href="/">${escape(article.source ?? 'News')}</a><nav><ul>${nav}</ul></nav><form class="search"><input name="q"></form></header>
<main><article><h1>${escape(article.title)}</h1><p class="byline">By ${escape(article.byline ?? '')}</p>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet</a> <a href="#">Email</a></div>
${body}
</article><aside class="related"><h2>Related stories</h2><ul>${related}</ul></aside>
<section class="comments"><h2>${5} comments</h2><ul>${comments}</ul><form><h3>Leave a Reply</h3><textarea></textarea><p>Your email address will not be published.</p></form></section></main>
<footer><p>© ${escape(article.source ?? 'News')}. All rights reserved.</p><a href="/privacy">Privacy</a></footer></body></html>`
}

function pages(): ImportFile[] {
  const encoder = new TextEncoder()
  return Array.from({ length: PAGES }, (_, i) => ({ name: `saved/page-${String(i).padStart(4, '0')}.html`, data: encoder.encode(savedNewsPage(generateArticle(i), i)) }))
}

async function run(options: SuiteOptions): Promise<Row[]> {
  const scale = PAGES.toLocaleString('en-US')
  const row = (metric: string, value: number, unit: string, note?: string): Row => ({ suite: 'import', scale, metric, value, unit, ...(note ? { note } : {}) })
  const files = pages()
  const megabytes = files.reduce((sum, f) => sum + f.data.length, 0) / 2 ** 20
  options.log(`[import] ${PAGES} saved pages, ${megabytes.toFixed(1)} MB`)

  // The extraction alone (jsdom + Readability + blocks), to see what the service adds on top.
  const perPage: number[] = []
  for (const file of files.slice(0, 200)) {
    const start = performance.now()
    await importDocument(file)
    perPage.push(performance.now() - start)
  }

  const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-import-'))
  try {
    const { openService } = await loadService()
    const service = await openService(dir)
    let imported = 0
    const start = performance.now()
    for (let i = 0; i < files.length; i += BATCH) {
      const result = await service.api.importFiles(files.slice(i, i + BATCH))
      if (!result.ok) throw new Error(result.error.message)
      imported += result.value.imported.length
      options.log(`[import] ${imported} imported`)
    }
    const seconds = (performance.now() - start) / 1000
    await service.close()
    if (imported !== PAGES) throw new Error(`only ${imported} of ${PAGES} pages were imported`)
    return [
      row('import 1,000 saved pages (service, batches of 200)', seconds, 's'),
      row('import rate', PAGES / seconds, 'articles/s', `${(megabytes / seconds).toFixed(1)} MB/s of HTML`),
      row('extraction per page p50', percentile(perPage, 50), 'ms', 'importDocument alone, first 200 pages'),
      row('extraction per page p95', percentile(perPage, 95), 'ms'),
    ]
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

export const importSuite: Suite = { name: 'import', run }
