// The shape every benchmark suite has; the runner prints their rows as one table.

import type { Row } from '../lib/stats'

export interface SuiteOptions {
  /** Archive sizes to measure, e.g. [1000, 10000] (and 50000 with --large). */
  scales: number[]
  skipOrama: boolean
  log: (message: string) => void
}

export interface Suite {
  name: string
  run(options: SuiteOptions): Promise<Row[]>
}
