// The benchmark runner: `npm run bench [-- --help]`. Prints one table (and JSON
// with --json) with the machine it ran on, then every target missed.

import { cpus, loadavg, totalmem } from 'node:os'
import { missedTargets, printTable, type Row } from './lib/stats'
import { SUITES } from './suites'

const HELP = `npm run bench [-- options]
  --suite NAME          one suite: ${SUITES.map((s) => s.name).join(', ')}
  --scales N,N          archive sizes (default 1000,10000)
  --large               also 50,000 articles (long: tens of minutes per corpus)
  --corpus NAME,NAME    search suite corpora: generated (a 250-word vocabulary), brown (real text, the Brown Corpus); default both
  --no-orama            leave Orama out (slowest peer to build)
  --peers NAME,NAME     search suite peers: fts5, linear, minisearch, flexsearch, orama; default all
  --json                JSON instead of the table
e.g. a few minutes, real text at 10k: npm run bench -- --suite search --corpus brown --scales 10000
     real text at 50k against FTS5 only:  npm run bench -- --suite search --corpus brown --scales 50000 --peers fts5
`
const args = process.argv.slice(2)
if (args.includes('--help') || args.includes('-h')) {
  process.stdout.write(HELP)
  process.exit(0)
}
const flag = (name: string) => args.includes(name)
const value = (name: string) => {
  const i = args.indexOf(name)
  return i >= 0 ? args[i + 1] : undefined
}
const scales = value('--scales')?.split(',').map(Number) ?? (flag('--large') ? [1000, 10000, 50000] : [1000, 10000])
const only = value('--suite')
const json = flag('--json')
const machine = {
  node: process.version,
  platform: `${process.platform} ${process.arch}`,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  memoryGb: Math.round(totalmem() / 2 ** 30),
  /** 1-minute load average when the run started and ended: other work on the machine skews latencies. */
  loadAverage: { start: loadavg()[0]!, end: NaN },
}
const log = (message: string) => process.stderr.write(message + '\n')

const rows: Row[] = []
for (const suite of SUITES) {
  if (only !== undefined && suite.name !== only) continue
  const corpora = value('--corpus')?.split(',')
  const peers = value('--peers')?.split(',')
  rows.push(...(await suite.run({ scales, skipOrama: flag('--no-orama'), log, ...(corpora !== undefined ? { corpora } : {}), ...(peers !== undefined ? { peers } : {}) })))
}
machine.loadAverage.end = loadavg()[0]!
const load = `load average ${machine.loadAverage.start.toFixed(1)} → ${machine.loadAverage.end.toFixed(1)}`
if (json) process.stdout.write(JSON.stringify({ machine, date: new Date().toISOString(), rows }, null, 2) + '\n')
else {
  const missed = missedTargets(rows)
  const summary = missed.length === 0 ? 'Every target met.' : missed.join('\n')
  process.stdout.write(`Machine: ${machine.cpus}, ${machine.memoryGb} GiB, ${machine.platform}, Node ${machine.node}, ${load}\n\n${printTable(rows)}\n\n${summary}\n`)
}
