// Percentiles and the table every suite prints into.

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export interface Row {
  suite: string
  scale: string
  metric: string
  value: number
  unit: string
  /** Target, shown beside the value, e.g. "< 25". */
  target?: string
  note?: string
}

const fmt = (v: number): string => (Number.isNaN(v) ? 'n/a' : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2))

export function printTable(rows: Row[]): string {
  const cells = [['suite', 'scale', 'metric', 'value', 'unit', 'target', 'note'], ...rows.map((r) => [r.suite, r.scale, r.metric, fmt(r.value), r.unit, r.target ?? '', r.note ?? ''])]
  const widths = cells[0]!.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)))
  return cells.map((c, j) => c.map((v, i) => (i === 3 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd() + (j === 0 ? '\n' + widths.map((w) => '-'.repeat(w)).join('  ') : '')).join('\n')
}
