import type { HighlightRange } from '../../../shared/search'
import { normaliseRanges } from './results'

/** Text with the query's matches in <mark>, built as React elements (never HTML). */
export function HighlightedText({ text, ranges }: { text: string; ranges: readonly HighlightRange[] }) {
  const parts = []
  let at = 0
  for (const { start, end } of normaliseRanges(text, ranges)) {
    if (start > at) parts.push(text.slice(at, start))
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>)
    at = end
  }
  if (at < text.length) parts.push(text.slice(at))
  return <>{parts}</>
}
