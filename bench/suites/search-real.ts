// The search suite's rows added for issue #13, kept apart from the rows that
// call Dossier's engine: targets by scale, per-kind percentiles, import rate
// early and late in the run, and SQLite FTS5 as a peer (build, size, latency
// with snippets, answers, cold start in a fresh process).

import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { AnswerKey } from '../lib/answers'
import { Fts5Peer } from '../lib/fts5'
import type { GeneratedArticle } from '../lib/generate'
import type { BenchQuery } from '../lib/queries'
import { median, percentile, type Row } from '../lib/stats'
import type { Latencies } from './search'
import type { SuiteOptions } from './suite'

/** Whether `--peers` asks for this peer: "fts5", "linear", "minisearch", "flexsearch" (both), "orama"; all when not given. */
export function wantsPeer(options: SuiteOptions, name: string): boolean {
  const key = name.toLowerCase().replace(/[^a-z0-9]/g, '')
  return options.peers === undefined || options.peers.some((p) => key.includes(p.toLowerCase()))
}

/**
 * A fresh folder for scripts bundled with their packages left external, inside
 * the repository's node_modules so those packages resolve as they do in the app.
 */
export function builtScriptsDir(): string {
  const cache = fileURLToPath(new URL('../../node_modules/.cache', import.meta.url))
  mkdirSync(cache, { recursive: true })
  return mkdtempSync(join(cache, 'dossier-bench-'))
}

type RowOf = (metric: string, value: number, unit: string, extra?: Partial<Row>) => Row

/** The target for p95 with snippets: one frame at 10,000 articles, 50 ms at 50,000. */
export function p95Target(count: number): string {
  return count === 10_000 ? '≤ 16' : count === 50_000 ? '≤ 50' : '< 25'
}

/** The start-up targets: first search within 400 ms, fully loaded within 2 s (10k) or 8 s (50k), memory ≤ 250 MB or ≤ 800 MB. */
export function coldTargets(count: number): { first: string; ready?: string; memory: string } {
  if (count === 10_000) return { first: '≤ 400', ready: '≤ 2000', memory: '≤ 250' }
  if (count === 50_000) return { first: '≤ 400', ready: '≤ 8000', memory: '≤ 800' }
  return { first: '< 1500', memory: '< 1024' }
}

/** p50 and p95 per kind of query; typos held to 3 ms at 10,000. */
export function kindRows(row: RowOf, byKind: Map<string, number[]>, count: number): Row[] {
  return [...byKind].flatMap(([kind, samples]) => [
    row(`  p50 ${kind}`, percentile(samples, 50), 'ms'),
    row(`  p95 ${kind}`, percentile(samples, 95), 'ms', kind === 'fuzzy' && count === 10_000 ? { target: '≤ 3', note: 'typos' } : {}),
  ])
}

/** Import rate over the first and the last tenth of the batches: flat import means the two are alike. */
export function importRateRows(row: RowOf, batchMs: number[], batch: number): Row[] {
  const tenth = Math.max(1, Math.floor(batchMs.length / 10))
  const rate = (list: number[]) => (list.length * batch) / (list.reduce((a, b) => a + b, 0) / 1000)
  return [
    row('  import rate, first tenth', rate(batchMs.slice(0, tenth)), 'articles/s'),
    row('  import rate, last tenth', rate(batchMs.slice(-tenth)), 'articles/s', { note: 'batches of ' + batch }),
  ]
}

interface Fts5Args {
  row: RowOf
  log: (message: string) => void
  scale: string
  articles: GeneratedArticle[]
  mix: BenchQuery[]
  key: AnswerKey
  count: number
  root: string
  probe: string
  /** Dossier with snippets, through its worker. */
  dossier: Latencies
  importS: number
  latencies: (run: (q: BenchQuery) => Promise<string[]>, key: AnswerKey, mix: BenchQuery[]) => Promise<Latencies>
  answersRow: (scale: string, metric: string, l: Latencies, of: number) => Row
}

const COLD_STARTS = 3

/** FTS5 opened in fresh processes, bundled to plain JS like Dossier's cold start; median of COLD_STARTS. */
async function fts5ColdStart(peer: Fts5Peer, root: string, articles: GeneratedArticle[], probe: BenchQuery) {
  const { build } = await import('esbuild')
  const built = builtScriptsDir()
  const script = join(built, 'fts5-cold-start.mjs')
  const entry = fileURLToPath(new URL('../fts5-cold-start.ts', import.meta.url))
  await build({ bundle: true, platform: 'node', format: 'esm', target: 'node20', packages: 'external', logLevel: 'error', entryPoints: [entry], outfile: script })
  const idsFile = join(root, 'fts5-ids.json')
  writeFileSync(idsFile, JSON.stringify(articles.map((a) => a.id)))
  const match = peer.matchOf(probe)
  const runs: { firstMs: number; readyMs: number; rssMb: number }[] = []
  try {
    for (let i = 0; i < COLD_STARTS; i++) {
      const out = execFileSync(process.execPath, [script, peer.dir, idsFile, match], { encoding: 'utf8' })
      runs.push(JSON.parse(out.trim().split('\n').pop()!) as { firstMs: number; readyMs: number; rssMb: number })
    }
  } finally {
    rmSync(built, { recursive: true, force: true })
  }
  return { firstMs: median(runs.map((r) => r.firstMs)), readyMs: median(runs.map((r) => r.readyMs)), rssMb: median(runs.map((r) => r.rssMb)) }
}

export async function fts5Rows(a: Fts5Args): Promise<Row[]> {
  const { row } = a
  a.log('peer SQLite FTS5')
  const peer = new Fts5Peer(join(a.root, 'fts5'))
  const rows: Row[] = []
  try {
    const buildStart = performance.now()
    await peer.build(a.articles)
    const buildS = (performance.now() - buildStart) / 1000
    const samples = await a.latencies((q) => peer.search(q), a.key, a.mix)
    const p95 = percentile(samples.all, 95)
    const dossierP95 = percentile(a.dossier.all, 95)
    const p50 = percentile(samples.all, 50)
    rows.push(
      row('SQLite FTS5: build', buildS, 's', { ratio: buildS / a.importS, note: `${peer.about}; vs Dossier import to searchable` }),
      row('SQLite FTS5: import rate', a.count / buildS, 'articles/s', { note: 'one transaction per 1,000, then optimize' }),
      row('SQLite FTS5: index on disk', peer.size() / 2 ** 20, 'MB'),
      row('SQLite FTS5: p50 (snippets)', p50, 'ms', { ratio: p50 / percentile(a.dossier.all, 50), note: 'vs Dossier search p50 (snippets)' }),
      row('SQLite FTS5: p95 (snippets)', p95, 'ms', { ratio: p95 / dossierP95, note: `vs Dossier search p95 (snippets), ${samples.rounds} rounds` }),
      a.answersRow(a.scale, 'SQLite FTS5: answers right', samples, a.mix.length),
    )
    for (const [kind, list] of samples.byKind) {
      const mine = a.dossier.byKind.get(kind) ?? []
      rows.push(row(`  FTS5 p95 ${kind}`, percentile(list, 95), 'ms', { ratio: percentile(list, 95) / percentile(mine, 95), note: 'vs Dossier p95 of the kind (snippets)' }))
    }
    if (a.count === 10_000) {
      rows.push(row('Dossier p95 ÷ FTS5 p95 (snippets)', dossierP95 / p95, '×', { target: '≤ 1', note: 'the issue: no worse than FTS5' }))
    }
    peer.close()
    a.log('FTS5 cold start in child processes')
    const probe = a.mix.find((q) => q.query === a.probe) ?? { kind: 'single', query: a.probe }
    peer.open(a.articles.map((x) => x.id))
    const cold = await fts5ColdStart(peer, a.root, a.articles, probe)
    rows.push(
      row('SQLite FTS5: cold start: first result', cold.firstMs, 'ms', { note: `process start → first answer (top 20 + snippets + COUNT), median of ${COLD_STARTS}` }),
      row('SQLite FTS5: cold start: fully loaded', cold.readyMs, 'ms', { note: 'fts5vocab read into memory for typos' }),
      row('SQLite FTS5: resident memory (loaded)', cold.rssMb, 'MB', { note: 'child process' }),
    )
  } finally {
    peer.dispose()
  }
  return rows
}
