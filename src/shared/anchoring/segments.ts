// Splits a block's text at every highlight boundary, so overlapping highlights
// and highlights that run on into other blocks can be drawn as plain spans.

export interface HighlightRange {
  id: string
  /** Article offsets, [start, end). */
  start: number
  end: number
}

export interface Segment {
  text: string
  /** Offsets inside the block's text, [start, end). */
  start: number
  end: number
  /** Every highlight covering this segment, in the order they were given. */
  ids: string[]
}

/**
 * Segments covering the whole block text in order; uncovered stretches carry
 * no ids. Highlights are in article offsets and clipped to this block.
 */
export function segmentBlock(blockStart: number, blockText: string, highlights: readonly HighlightRange[]): Segment[] {
  const length = blockText.length
  const local = highlights
    .map((h) => ({ id: h.id, start: Math.max(0, h.start - blockStart), end: Math.min(length, h.end - blockStart) }))
    .filter((h) => Number.isFinite(h.start) && Number.isFinite(h.end) && h.start < h.end)
  const cuts = new Set<number>([0, length])
  for (const h of local) {
    cuts.add(h.start)
    cuts.add(h.end)
  }
  const points = [...cuts].sort((a, b) => a - b)
  const segments: Segment[] = []
  for (let i = 0; i + 1 < points.length; i++) {
    const start = points[i] ?? 0
    const end = points[i + 1] ?? 0
    if (start === end) continue
    const ids = local.filter((h) => h.start <= start && h.end >= end).map((h) => h.id)
    segments.push({ text: blockText.slice(start, end), start, end, ids })
  }
  return segments
}
