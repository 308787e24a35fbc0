// The shape every benchmark suite has: one file per suite under bench/suites/,
// listed in ./index.ts. A suite measures at each scale it is given and returns
// rows; the runner prints all suites' rows as one table (or JSON).

import type { Row } from '../lib/stats'

export interface SuiteOptions {
  /** Archive sizes to measure, e.g. [1000, 10000] (and 50000 with --large). */
  scales: number[]
  skipOrama: boolean
  /** Corpora the search suite measures on (`--corpus generated,brown`); all when undefined. */
  corpora?: string[]
  /** Peers the search suite runs (`--peers fts5,minisearch`); all when undefined. */
  peers?: string[]
  log: (message: string) => void
}

export interface Suite {
  name: string
  run(options: SuiteOptions): Promise<Row[]>
}
