// The results list as the keyboard walks it: each article, then its hits.

import type { HighlightRange, SearchResultGroup } from '../../../shared/search'

export interface ResultItem {
  /** DOM id of the option, for aria-activedescendant. */
  key: string
  articleId: string
  /** The passage to land on; absent for the article row and for notes not tied to a passage. */
  blockId?: string
}

const safeId = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_')

export function resultItems(groups: readonly SearchResultGroup[]): ResultItem[] {
  const items: ResultItem[] = []
  for (const group of groups) {
    items.push({ key: `sr-${safeId(group.articleId)}`, articleId: group.articleId })
    group.hits.forEach((hit, index) => {
      const blockId = hit.blockId
      items.push({ key: `sr-${safeId(group.articleId)}-${index}`, articleId: group.articleId, ...(blockId ? { blockId } : {}) })
    })
  }
  return items
}

const slices = (text: string, ranges: readonly HighlightRange[]) => ranges.map((r) => text.slice(r.start, r.end))

/**
 * The words a group actually matched (after typo and prefix expansion), to mark
 * in the reader: "Waziristn" typed, "Waziristan" marked.
 */
export function matchedTerms(group: SearchResultGroup): string[] {
  const found = [...slices(group.title, group.titleHighlights), ...group.hits.flatMap((hit) => slices(hit.snippet.text, hit.snippet.highlights))]
  const seen = new Map<string, string>()
  for (const term of found.map((t) => t.trim()).filter((t) => t.length >= 2)) {
    const key = term.toLowerCase()
    if (!seen.has(key)) seen.set(key, term)
  }
  return [...seen.values()].slice(0, 20)
}

/** Highlight ranges made safe to render: inside the text, sorted, not overlapping. */
export function normaliseRanges(text: string, ranges: readonly HighlightRange[]): HighlightRange[] {
  const sorted = ranges
    .map((r) => ({ start: Math.max(0, Math.min(text.length, Math.floor(r.start))), end: Math.max(0, Math.min(text.length, Math.floor(r.end))) }))
    .filter((r) => Number.isFinite(r.start) && Number.isFinite(r.end) && r.end > r.start)
    .sort((a, b) => a.start - b.start)
  const merged: HighlightRange[] = []
  for (const range of sorted) {
    const last = merged.at(-1)
    if (last && range.start <= last.end) last.end = Math.max(last.end, range.end)
    else merged.push({ ...range })
  }
  return merged
}
