// Highlight ranges and snippets: the part of a passage worth showing in a result,
// with the query's words marked.

import type { HighlightRange, Snippet } from '../../../shared/search'
import { tokenize, type Token } from './tokenize'

/** Characters of context kept around the first match. */
const SNIPPET_LENGTH = 240
const LEAD = 60

/** Ranges of the words whose folded form (or whole hyphenated form) is in `terms`, plus `extra` ranges. */
export function highlightRanges(text: string, terms: ReadonlySet<string>, extra: HighlightRange[] = [], tokens: Token[] = tokenize(text)): HighlightRange[] {
  const ranges: HighlightRange[] = [...extra]
  for (const token of tokens) {
    if (token.joined !== undefined && terms.has(token.joined.term)) {
      ranges.push({ start: token.joined.start, end: token.joined.end })
    } else if (terms.has(token.term)) {
      ranges.push({ start: token.start, end: token.end })
    }
  }
  return mergeRanges(ranges)
}

export function mergeRanges(ranges: HighlightRange[]): HighlightRange[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start || a.end - b.end)
  const merged: HighlightRange[] = []
  for (const range of sorted) {
    const last = merged[merged.length - 1]
    if (last !== undefined && range.start <= last.end) last.end = Math.max(last.end, range.end)
    else merged.push({ ...range })
  }
  return merged
}

/** Where the window holding the most highlights begins. */
function bestStart(highlights: HighlightRange[]): number {
  let best = highlights[0]?.start ?? 0
  let bestCount = 0
  for (let i = 0, j = 0; i < highlights.length; i++) {
    while (j < highlights.length && highlights[j]!.end - highlights[i]!.start <= SNIPPET_LENGTH - LEAD) j++
    if (j - i > bestCount) {
      bestCount = j - i
      best = highlights[i]!.start
    }
  }
  return best
}

/** Cuts a window around the best cluster of highlights, on word boundaries. */
export function makeSnippet(text: string, highlights: HighlightRange[]): Snippet {
  if (text.length <= SNIPPET_LENGTH) {
    return { text, highlights, offset: 0, truncatedStart: false, truncatedEnd: false }
  }
  let start = Math.max(0, bestStart(highlights) - LEAD)
  if (start > 0) {
    const space = text.indexOf(' ', start)
    start = space === -1 || space - start > 20 ? start : space + 1
  }
  let end = Math.min(text.length, start + SNIPPET_LENGTH)
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end)
    end = space > start + SNIPPET_LENGTH / 2 ? space : end
  }
  const inside = highlights
    .filter((h) => h.start >= start && h.end <= end)
    .map((h) => ({ start: h.start - start, end: h.end - start }))
  return {
    text: text.slice(start, end),
    highlights: inside,
    offset: start,
    truncatedStart: start > 0,
    truncatedEnd: end < text.length,
  }
}
