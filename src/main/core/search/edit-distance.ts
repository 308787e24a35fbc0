// Bounded edit distance for fuzzy term expansion: stops as soon as the bound is passed.

/** Levenshtein distance if it is at most `max`, else max + 1. */
export function boundedDistance(a: string, b: string, max: number, row: Int32Array): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  for (let j = 0; j <= b.length; j++) row[j] = j
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!
    row[0] = i
    let best = i
    const ca = a.charCodeAt(i - 1)
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1
      const value = Math.min(above + 1, row[j - 1]! + 1, diagonal + cost)
      row[j] = value
      diagonal = above
      if (value < best) best = value
    }
    if (best > max) return max + 1
  }
  return row[b.length]!
}
/** One reusable row: fuzzy expansion runs on one thread at a time. */
export const distanceRow = new Int32Array(256)
