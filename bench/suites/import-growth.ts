// Import-growth suite: plain-text and Markdown articles (~1,000 words each) imported from an empty
// archive up to the largest scale, in jobs of 200 files (the app's batch), through the service's archive,
// import worker and search. Measured twice in one run: "per-article" saves the catalog after every article
// (how import worked before catalog batching; run up to 10,000 only, as it slows with the archive), and
// "batched" with the default catalog batching. The rate of each 1,000-article stretch shows whether import stays flat.

import { mkdtempSync, rmSync } from 'node:fs'
import { register } from 'node:module'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { ImportFile } from '../../src/shared/api/library'
import { generateArticle } from '../lib/generate'
import type { Row } from '../lib/stats'
import type { Suite, SuiteOptions } from './suite'
import { RAW_IMPORT_HOOK } from './import'

const JOB = 200
const WINDOW = 1000
const PER_ARTICLE_LIMIT = 10_000


const encoder = new TextEncoder()

/** Article i as a .txt or (every other one) a .md file. */
function articleFile(i: number): ImportFile {
  const article = generateArticle(i, 777)
  const paragraphs = article.blocks.map((block) => block.text)
  const name = `notes/${String(i).padStart(5, '0')}`
  if (i % 2 === 0) return { name: `${name}.txt`, data: encoder.encode(`${article.title}\n\n${paragraphs.join('\n\n')}\n`) }
  const markdown = `---\ntags: [${article.tags.join(', ')}]\n---\n# ${article.title}\n\n*${article.byline ?? ''}*\n\n${paragraphs.join('\n\n')}\n`
  return { name: `${name}.md`, data: encoder.encode(markdown) }
}

async function run(options: SuiteOptions): Promise<Row[]> {
  const total = Math.max(...options.scales)
  register(`data:text/javascript,${encodeURIComponent(RAW_IMPORT_HOOK)}`)
  const { openService } = await import('../../src/main/service')
  const { ImportJobs, DEFAULT_BATCHING } = await import('../../src/main/service/import-job')
  const { sharedImportPool } = await import('../../src/main/core/import/pool')
  const rows: Row[] = []
  // DOSSIER_BENCH_GROWTH=batched measures the batched import alone (a 50,000 run without the slow half).
  const only = process.env['DOSSIER_BENCH_GROWTH']
  const modes = [
    { name: 'per-article', batching: { maxArticles: 1, minWaitMs: 0, maxWaitMs: 0 }, upTo: Math.min(total, PER_ARTICLE_LIMIT) },
    { name: 'batched', batching: DEFAULT_BATCHING, upTo: total },
  ].filter((mode) => only === undefined || mode.name === only)
  for (const mode of modes) {
    const dir = mkdtempSync(join(tmpdir(), 'dossier-bench-growth-'))
    try {
      const service = await openService(dir)
      const jobs = new ImportJobs(service.archive, service.events, { afterAdd: (ids) => service.lifecycle.emit('added', ids) }, sharedImportPool(), mode.batching)
      const windows: number[] = []
      const start = performance.now()
      let windowStart = start
      let imported = 0
      for (let from = 0; from < mode.upTo; from += JOB) {
        const files = Array.from({ length: Math.min(JOB, mode.upTo - from) }, (_, k) => articleFile(from + k))
        const outcome = await jobs.run(files, `growth-${from}`)
        if (outcome.failed.length > 0) throw new Error(`${outcome.failed.length} files failed: ${outcome.failed[0]!.message}`)
        imported += outcome.imported.length
        if (imported % WINDOW === 0) {
          const now = performance.now()
          windows.push(WINDOW / ((now - windowStart) / 1000))
          windowStart = now
          options.log(`[import-growth] ${mode.name}: ${imported.toLocaleString('en-US')} imported, ${windows.at(-1)!.toFixed(1)} articles/s over the last ${WINDOW}`)
        }
      }
      const seconds = (performance.now() - start) / 1000
      await service.close()
      if (imported !== mode.upTo) throw new Error(`only ${imported} of ${mode.upTo} articles were imported`)
      const scale = mode.upTo.toLocaleString('en-US')
      // The target: at least 100 articles/s sustained, for the import as it is now.
      const target = mode.name === 'batched' ? { target: '≥ 100' } : {}
      const row = (metric: string, value: number, note?: string): Row => ({ suite: 'import-growth', scale, metric: `${mode.name}: ${metric}`, value, unit: 'articles/s', ...target, ...(note ? { note } : {}) })
      rows.push(row(`import rate 0 → ${scale}`, imported / seconds, `${seconds.toFixed(0)} s in all`))
      rows.push(row('rate, first 1,000', windows[0]!))
      rows.push(row(`rate, last 1,000`, windows.at(-1)!, `slowest 1,000: ${Math.min(...windows).toFixed(1)}/s`))
      rows.push(row('rate, slowest 1,000', Math.min(...windows)))
    } finally {
      rmSync(dir, { recursive: true, force: true })
    }
  }
  return rows
}

export const importGrowthSuite: Suite = { name: 'import-growth', run }
