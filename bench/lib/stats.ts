// Percentiles, medians and the one table every suite prints into.

export function percentile(samples: number[], p: number): number {
  if (samples.length === 0) return NaN
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

export const median = (samples: number[]): number => percentile(samples, 50)

export interface Row {
  suite: string
  scale: string
  metric: string
  value: number
  unit: string
  /** Target, shown beside the value, e.g. "< 25". */
  target?: string
  /** For a peer: its value divided by Dossier's comparable one (> 1: Dossier is ahead). */
  ratio?: number
  note?: string
}

const fmt = (v: number): string => (Number.isNaN(v) ? 'n/a' : Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2))

/** Whether a value meets a target written as "< N", "> N", "≤ N" or "≥ N". */
export function meets(value: number, target: string | undefined): boolean | undefined {
  const match = /^([<>≤≥])\s*([\d.]+)$/.exec(target ?? '')
  if (match === null) return undefined
  const bound = Number(match[2])
  return { '<': value < bound, '>': value > bound, '≤': value <= bound, '≥': value >= bound }[match[1] as '<' | '>' | '≤' | '≥']
}

/** One plain line per target missed, e.g. "MISSED: search 10,000 brown search p95 (snippets) = 21.3 ms, target ≤ 16". */
export function missedTargets(rows: Row[]): string[] {
  return rows.filter((r) => meets(r.value, r.target) === false).map((r) => `MISSED: ${r.suite} ${r.scale} ${r.metric.trim()} = ${fmt(r.value)} ${r.unit}, target ${r.target}`)
}

export function printTable(rows: Row[]): string {
  const header = ['suite', 'scale', 'metric', 'value', 'unit', 'target', 'vs Dossier', 'note']
  const cells = [
    header,
    ...rows.map((r) => {
      const ok = meets(r.value, r.target)
      const target = r.target === undefined ? '' : `${r.target} ${ok === undefined ? '' : ok ? 'ok' : 'MISSED'}`.trim()
      return [r.suite, r.scale, r.metric, fmt(r.value), r.unit, target, r.ratio === undefined ? '' : `${fmt(r.ratio)}×`, r.note ?? '']
    }),
  ]
  const right = new Set([3, 6])
  const widths = header.map((_, i) => Math.max(...cells.map((c) => c[i]!.length)))
  return cells
    .map((c, j) => c.map((v, i) => (right.has(i) ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join('  ').trimEnd() + (j === 0 ? '\n' + widths.map((w) => '-'.repeat(w)).join('  ') : ''))
    .join('\n')
}
