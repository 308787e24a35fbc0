// Search suite: import-to-searchable, cold start, query latency with snippets,
// index size and memory for Dossier, and the same queries on peers.

import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SearchEngine, stampOf } from '../../src/main/core/search'
import { generateArchive, type GeneratedArticle } from '../lib/generate'
import { FlexSearchPeer, LinearScan, OramaPeer, type Peer } from '../lib/peers'
import { QUERY_MIX, type BenchQuery } from '../lib/queries'
import { percentile, type Row } from '../lib/stats'
import type { Suite, SuiteOptions } from './suite'

const ROUNDS = 4
const IMPORT_BATCH = 250

async function latencies(run: (q: BenchQuery) => Promise<unknown>): Promise<number[]> {
  for (const q of QUERY_MIX) await run(q) // warm-up, not counted
  const samples: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of QUERY_MIX) {
      const start = performance.now()
      await run(q)
      samples.push(performance.now() - start)
    }
  }
  return samples
}

function coldStart(dir: string, articles: GeneratedArticle[]): { firstMs: number; readyMs: number; rssMb: number; reloads: number } {
  const stampsFile = join(dir, '..', 'stamps.json')
  writeFileSync(stampsFile, JSON.stringify(articles.map((a) => ({ id: a.id, stamp: stampOf(a, []) }))))
  const script = fileURLToPath(new URL('../cold-start.ts', import.meta.url))
  const out = execFileSync(process.execPath, ['--import', 'tsx', script, dir, stampsFile, 'Waziristan'], { encoding: 'utf8', maxBuffer: 1 << 20 })
  return JSON.parse(out.trim().split('\n').pop()!)
}

const dirSize = (dir: string): number => readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0)

async function atScale(count: number, options: SuiteOptions): Promise<Row[]> {
  const scale = count.toLocaleString('en-US')
  const row = (metric: string, value: number, unit: string, target?: string, note?: string): Row => ({ suite: 'search', scale, metric, value, unit, target, note })
  const rows: Row[] = []
  const log = (msg: string) => options.log(`[search ${scale}] ${msg}`)
  const articles = [...generateArchive(count)]
  const root = mkdtempSync(join(tmpdir(), 'dossier-bench-'))
  const dir = join(root, 'index')
  try {
    log('importing')
    const importStart = performance.now()
    // No timed auto-save: the save is measured on its own below.
    const engine = await SearchEngine.open(dir, { listArticles: async () => [], loadArticle: async () => undefined }, { flushDelayMs: 2 ** 30 })
    await engine.whenReady()
    for (let i = 0; i < articles.length; i += IMPORT_BATCH) await engine.upsertMany(articles.slice(i, i + IMPORT_BATCH).map((article) => ({ article })))
    await engine.search({ query: 'Waziristan' })
    const importMs = performance.now() - importStart
    rows.push(row('import to searchable', importMs / 1000, 's'), row('import rate', count / (importMs / 1000), 'articles/s'))
    const flushStart = performance.now()
    await engine.flush()
    rows.push(row('save index', (performance.now() - flushStart) / 1000, 's'), row('index on disk', dirSize(dir) / 2 ** 20, 'MB'))

    log('querying')
    const dossier = await latencies((q) => engine.search({ query: q.query, filters: q.filters }))
    const p95 = percentile(dossier, 95)
    rows.push(row('search p50 (snippets)', percentile(dossier, 50), 'ms'), row('search p95 (snippets)', p95, 'ms', '< 25'))
    const byKind = new Map<string, number[]>()
    QUERY_MIX.forEach((q, i) => {
      const list = byKind.get(q.kind) ?? []
      for (let r = 0; r < ROUNDS; r++) list.push(dossier[r * QUERY_MIX.length + i]!)
      byKind.set(q.kind, list)
    })
    for (const [kind, samples] of byKind) rows.push(row(`  p95 ${kind}`, percentile(samples, 95), 'ms'))
    await engine.close()

    log('cold start in a child process')
    const cold = coldStart(dir, articles)
    rows.push(
      row('cold start: first result', cold.firstMs, 'ms', '< 1500', 'process start → first answer (newest segments)'),
      row('cold start: fully loaded', cold.readyMs, 'ms', undefined, cold.reloads === 0 ? 'no re-index' : `${cold.reloads} re-indexed`),
      row('resident memory (loaded)', cold.rssMb, 'MB', '< 1024', 'child process incl. worker'),
    )

    const peers: Peer[] = [new LinearScan(), new FlexSearchPeer()]
    if (!options.skipOrama) peers.push(new OramaPeer())
    for (const peer of peers) {
      log(`peer ${peer.name}`)
      const buildStart = performance.now()
      await peer.build(articles)
      const buildS = (performance.now() - buildStart) / 1000
      const samples = await latencies((q) => peer.search(q))
      const peerP95 = percentile(samples, 95)
      rows.push(
        row(`${peer.name}: build`, buildS, 's', undefined, `${(buildS / (importMs / 1000)).toFixed(2)}× Dossier's import`),
        row(`${peer.name}: p95 (no snippets)`, peerP95, 'ms', undefined, `${(peerP95 / p95).toFixed(2)}× Dossier's p95`),
      )
    }
  } finally {
    rmSync(root, { recursive: true, force: true })
  }
  return rows
}

export const searchSuite: Suite = {
  name: 'search',
  async run(options) {
    const rows: Row[] = []
    for (const count of options.scales) rows.push(...(await atScale(count, options)))
    return rows
  },
}
