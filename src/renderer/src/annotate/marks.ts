// What the reader draws over an article's text: highlights in their colour and
// link ends (passages linked without a highlight) underlined.

import type { HighlightColor } from '../../../shared/notes'

export interface ReaderMark {
  /** Annotation id, or `link:<id>:<end>` for a bare link end. */
  id: string
  /** Article offsets, [start, end). */
  start: number
  end: number
  color: HighlightColor | 'link' | 'flash'
  label: string
}

export const isAnnotationMark = (mark: ReaderMark): boolean => mark.color !== 'link' && mark.color !== 'flash'

/** Of the marks covering a spot, the one a click means: the shortest highlight (the most specific). */
export function pickMark(marks: readonly ReaderMark[]): ReaderMark | undefined {
  const highlights = marks.filter(isAnnotationMark)
  const pool = highlights.length > 0 ? highlights : marks.filter((mark) => mark.color === 'link')
  return [...pool].sort((a, b) => a.end - a.start - (b.end - b.start))[0]
}
