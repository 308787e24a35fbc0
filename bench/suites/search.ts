// Search suite: import-to-searchable, cold start, query latency with snippets,
// index size and memory for Dossier, and the same corpus and queries on peers.
//
// Like with like: the peers answer article ids only, so each peer's latency is
// divided by Dossier's time to ranked article ids (same process, no snippets)
// in the "vs Dossier" column; Dossier with snippets, through its worker as the
// app uses it, is reported on its own rows against the < 25 ms target. Every
// engine's answers are checked against the corpus (lib/answers.ts): a fast
// wrong answer is reported as such. Dossier and the linear scan also count
// every match (the total the app shows); FlexSearch stops at the limit.

import { execFileSync } from 'node:child_process'
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { SearchEngine, stampOf } from '../../src/main/core/search'
import { SegmentedIndex } from '../../src/main/core/search/segmented-index'
import type { GeneratedArticle } from '../lib/generate'
import { AnswerKey } from '../lib/answers'
import { CORPORA, type Corpus } from '../lib/corpora'
import { FlexSearchPeer, FlexSearchFallbackPeer, LinearScan, MiniSearchPeer, OramaPeer, type Peer } from '../lib/peers'
import type { BenchQuery } from '../lib/queries'
import { builtScriptsDir, coldTargets, fts5Rows, importRateRows, kindRows, p95Target, wantsPeer } from './search-real'
import { median, percentile, type Row } from '../lib/stats'
import type { Suite, SuiteOptions } from './suite'

const IMPORT_BATCH = 250
/** Rounds over the query mix: at least MIN (2 for slow peers), at most MAX, within about BUDGET_MS. */
const MIN_ROUNDS = 5
const MAX_ROUNDS = 12
const BUDGET_MS = 15_000
const COLD_STARTS = 3

export interface Latencies {
  all: number[]
  byKind: Map<string, number[]>
  rounds: number
  /** Queries answered right (lib/answers.ts), and the kinds of the ones that were not. */
  right: number
  wrongKinds: string[]
}

async function latencies(run: (q: BenchQuery) => Promise<string[]>, key: AnswerKey, mix: BenchQuery[]): Promise<Latencies> {
  const warm = performance.now()
  let right = 0
  const wrongKinds: string[] = []
  // The warm-up round is not timed; its answers are the ones checked.
  for (const q of mix) {
    if (key.isRight(q, await run(q))) right++
    else wrongKinds.push(q.kind)
  }
  const roundMs = performance.now() - warm
  const rounds = Math.max(roundMs > BUDGET_MS / MIN_ROUNDS ? 2 : MIN_ROUNDS, Math.min(MAX_ROUNDS, Math.floor(BUDGET_MS / Math.max(roundMs, 1))))
  const result: Latencies = { all: [], byKind: new Map(), rounds, right, wrongKinds }
  for (let round = 0; round < rounds; round++) {
    for (const q of mix) {
      const start = performance.now()
      await run(q)
      const ms = performance.now() - start
      result.all.push(ms)
      const list = result.byKind.get(q.kind) ?? []
      list.push(ms)
      result.byKind.set(q.kind, list)
    }
  }
  return result
}

interface ColdStart {
  firstMs: number
  readyMs: number
  rssMb: number
  reloads: number
}

/** The cold-start script and the search worker as plain JS, as the app ships them (built once per run). */
async function buildColdStart(root: string): Promise<{ script: string; worker: string }> {
  const { build } = await import('esbuild')
  const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url))
  const out = { script: join(root, 'cold-start.mjs'), worker: join(root, 'search-worker.mjs') }
  const common = { bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error' } as const
  await build({ ...common, entryPoints: [entry('../cold-start.ts')], outfile: out.script })
  await build({ ...common, entryPoints: [entry('../../src/main/core/search/worker.ts')], outfile: out.worker })
  return out
}

/** Median of COLD_STARTS fresh processes opening the saved index. */
async function coldStart(dir: string, articles: GeneratedArticle[], probe: string): Promise<ColdStart> {
  const stampsFile = join(dir, '..', 'stamps.json')
  writeFileSync(stampsFile, JSON.stringify(articles.map((a) => ({ id: a.id, stamp: stampOf(a, []) }))))
  const buildDir = builtScriptsDir()
  const built = await buildColdStart(buildDir)
  const runs: ColdStart[] = []
  try {
    for (let i = 0; i < COLD_STARTS; i++) {
      const out = execFileSync(process.execPath, [built.script, dir, stampsFile, probe, built.worker], { encoding: 'utf8', maxBuffer: 1 << 20 })
      runs.push(JSON.parse(out.trim().split('\n').pop()!) as ColdStart)
    }
  } finally {
    rmSync(buildDir, { recursive: true, force: true })
  }
  return {
    firstMs: median(runs.map((r) => r.firstMs)),
    readyMs: median(runs.map((r) => r.readyMs)),
    rssMb: median(runs.map((r) => r.rssMb)),
    reloads: Math.max(...runs.map((r) => r.reloads)),
  }
}

/** Right answers out of the mix, naming the kinds of query answered wrong. */
function answersRow(scale: string, metric: string, l: Latencies, of: number): Row {
  const wrong = [...new Set(l.wrongKinds)].map((k) => `${k} ×${l.wrongKinds.filter((w) => w === k).length}`).join(', ')
  return { suite: 'search', scale, metric, value: l.right, unit: `of ${of}`, ...(wrong !== '' ? { note: `wrong: ${wrong}` } : {}) }
}

const dirSize = (dir: string): number => readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0)

async function atScale(corpus: Corpus, count: number, options: SuiteOptions): Promise<Row[]> {
  const scale = `${count.toLocaleString('en-US')} ${corpus.name}`
  const row = (metric: string, value: number, unit: string, extra: Partial<Row> = {}): Row => ({ suite: 'search', scale, metric, value, unit, ...extra })
  const rows: Row[] = []
  const log = (msg: string) => options.log(`[search ${scale}] ${msg}`)
  const articles = corpus.articles(count)
  const mix = corpus.queries()
  const root = mkdtempSync(join(tmpdir(), 'dossier-bench-'))
  const dir = join(root, 'index')
  try {
    log('importing')
    const importStart = performance.now()
    // No timed auto-save: the save is measured on its own below.
    const engine = await SearchEngine.open(dir, { listArticles: async () => [], loadArticle: async () => undefined }, { flushDelayMs: 2 ** 30 })
    await engine.whenReady()
    const batchMs: number[] = []
    for (let i = 0; i < articles.length; i += IMPORT_BATCH) {
      const batchStart = performance.now()
      await engine.upsertMany(articles.slice(i, i + IMPORT_BATCH).map((article) => ({ article })))
      batchMs.push(performance.now() - batchStart)
    }
    await engine.search({ query: corpus.probe() })
    const importMs = performance.now() - importStart
    rows.push(row('import to searchable', importMs / 1000, 's'), row('import rate', count / (importMs / 1000), 'articles/s'), ...importRateRows(row, batchMs, IMPORT_BATCH))
    const flushStart = performance.now()
    await engine.flush()
    rows.push(row('save index', (performance.now() - flushStart) / 1000, 's'), row('index on disk', dirSize(dir) / 2 ** 20, 'MB'))

    log('querying with snippets (worker)')
    const key = new AnswerKey(articles, mix)
    const ids = (groups: { articleId: string }[]): string[] => groups.map((g) => g.articleId)
    const dossier = await latencies(async (q) => ids((await engine.search({ query: q.query, filters: q.filters })).groups), key, mix)
    const p95 = percentile(dossier.all, 95)
    rows.push(
      row('search p50 (snippets)', percentile(dossier.all, 50), 'ms', { note: `worker, ${dossier.rounds} rounds × ${mix.length} queries` }),
      row('search p95 (snippets)', p95, 'ms', { target: p95Target(count) }),
      answersRow(scale, 'answers right (snippets)', dossier, mix.length),
      ...kindRows(row, dossier.byKind, count),
    )
    await engine.close()

    log('ranked ids, in this process (like the peers)')
    const loadStart = performance.now()
    const index = new SegmentedIndex(dir)
    await index.load()
    const loadMs = performance.now() - loadStart
    const ranked = await latencies(async (q) => ids(index.search({ query: q.query, filters: q.filters }, { hits: false }).groups), key, mix)
    const idsP95 = percentile(ranked.all, 95)
    rows.push(
      row('ranked ids p50 (no snippets)', percentile(ranked.all, 50), 'ms', { note: 'in-process, top 20 articles + total' }),
      row('ranked ids p95 (no snippets)', idsP95, 'ms'),
      answersRow(scale, 'answers right', ranked, mix.length),
      row('whole index load (in-process)', loadMs, 'ms'),
    )

    log('cold start in child processes')
    const cold = await coldStart(dir, articles, corpus.probe())
    rows.push(
      row('cold start: first result', cold.firstMs, 'ms', { target: coldTargets(count).first, note: `process start → first answer, built JS as shipped, median of ${COLD_STARTS}` }),
      row('cold start: fully loaded', cold.readyMs, 'ms', { target: coldTargets(count).ready, note: cold.reloads === 0 ? 'no re-index' : `${cold.reloads} re-indexed` }),
      row('resident memory (loaded)', cold.rssMb, 'MB', { target: coldTargets(count).memory, note: 'child process incl. worker' }),
    )

    if (wantsPeer(options, 'SQLite FTS5')) rows.push(...(await fts5Rows({ row, log, scale, articles, mix, key, count, root, probe: corpus.probe(), dossier, importS: importMs / 1000, latencies, answersRow })))

    const peers: Peer[] = [new LinearScan(), new MiniSearchPeer(), new FlexSearchPeer(), new FlexSearchFallbackPeer()]
    if (!options.skipOrama) peers.push(new OramaPeer())
    for (const peer of peers.filter((p) => wantsPeer(options, p.name))) {
      log(`peer ${peer.name}`)
      const buildStart = performance.now()
      await peer.build(articles)
      const buildS = (performance.now() - buildStart) / 1000
      const samples = await latencies((q) => peer.search(q), key, mix)
      const peerP95 = percentile(samples.all, 95)
      rows.push(
        row(`${peer.name}: build`, buildS, 's', { ratio: buildS / (importMs / 1000), note: `${peer.about}; vs Dossier import to searchable` }),
        row(`${peer.name}: p50 (ids only)`, percentile(samples.all, 50), 'ms', { ratio: percentile(samples.all, 50) / percentile(ranked.all, 50), note: 'vs Dossier ranked ids p50' }),
        row(`${peer.name}: p95 (ids only)`, peerP95, 'ms', { ratio: peerP95 / idsP95, note: `vs Dossier ranked ids p95; ${(peerP95 / p95).toFixed(2)}× Dossier with snippets` }),
        answersRow(scale, `${peer.name}: answers right`, samples, mix.length),
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
    for (const corpus of CORPORA.filter((c) => options.corpora === undefined || options.corpora.includes(c.name))) {
      for (const count of options.scales) rows.push(...(await atScale(corpus, count, options)))
    }
    return rows
  },
}
