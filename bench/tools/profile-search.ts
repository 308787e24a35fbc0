// A focused search profile: `node --import tsx [--cpu-prof] bench/tools/profile-search.ts [count] [rounds]`.
// Builds the generated archive's index once and caches it under .bench/ (git-ignored),
// then times loading it whole and the fixed query mix, in this thread (no worker),
// so a --cpu-prof profile shows the engine and nothing else.

import { existsSync, mkdirSync, rmSync } from 'node:fs'
import { loadavg } from 'node:os'
import { join } from 'node:path'
import { INDEX_FORMAT_VERSION } from '../../src/main/core/search'
import { SegmentedIndex } from '../../src/main/core/search/segmented-index'
import { generateArchive } from '../lib/generate'
import { QUERY_MIX } from '../lib/queries'
import { percentile } from '../lib/stats'

const count = Number(process.argv[2] ?? 10000)
const rounds = Number(process.argv[3] ?? 10)
const dir = join('.bench', `index-${count}-v${INDEX_FORMAT_VERSION}`)

if (!existsSync(join(dir, 'complete'))) {
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  const build = new SegmentedIndex(dir)
  await build.list()
  const start = performance.now()
  for (const article of generateArchive(count)) build.upsert({ article, annotations: [], stamp: article.updatedAt })
  await build.flush()
  mkdirSync(join(dir, 'complete'))
  process.stderr.write(`built ${count} in ${((performance.now() - start) / 1000).toFixed(1)} s\n`)
}

const loadStart = performance.now()
const index = new SegmentedIndex(dir)
const report = await index.load()
const loadMs = performance.now() - loadStart
if (report.problems.length > 0) throw new Error(report.problems.join('; '))
const heapMb = process.memoryUsage().heapUsed / 2 ** 20
const rssMb = process.memoryUsage().rss / 2 ** 20

const byKind = new Map<string, number[]>()
const all: number[] = []
const MIX = QUERY_MIX.filter((q) => process.env.KIND === undefined || q.kind === process.env.KIND)
for (const q of MIX) index.search({ query: q.query, filters: q.filters })
for (let r = 0; r < rounds; r++) {
  for (const q of MIX) {
    const cpuStart = process.cpuUsage()
    const start = performance.now()
    const result = index.search({ query: q.query, filters: q.filters })
    const wall = performance.now() - start
    const used = process.cpuUsage(cpuStart)
    // CPU time resists other processes' load on a shared machine; wall time is what a user sees.
    const ms = process.env.WALL === '1' ? wall : (used.user + used.system) / 1000
    all.push(ms)
    const list = byKind.get(q.kind) ?? []
    list.push(ms)
    byKind.set(q.kind, list)
    if (r === 0 && process.env.SHOW === '1') process.stderr.write(`${q.query.padEnd(28)} total ${result.total} first ${result.groups[0]?.articleId} ${ms.toFixed(1)} ms\n`)
  }
}
const fmt = (v: number) => v.toFixed(1).padStart(7)
process.stdout.write(`${process.env.WALL === '1' ? 'wall' : 'cpu'} time; load average ${loadavg()[0]!.toFixed(1)}; load ${loadMs.toFixed(0)} ms, heap ${heapMb.toFixed(0)} MB, rss ${rssMb.toFixed(0)} MB\n`)
process.stdout.write(`all        p50 ${fmt(percentile(all, 50))}  p95 ${fmt(percentile(all, 95))}\n`)
for (const [kind, samples] of byKind) process.stdout.write(`${kind.padEnd(10)} p50 ${fmt(percentile(samples, 50))}  p95 ${fmt(percentile(samples, 95))}\n`)
