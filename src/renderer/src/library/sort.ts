import type { ArticleMeta } from '../../../shared/types'

export type SortKey = 'title' | 'source' | 'addedAt' | 'wordCount'
export interface SortState {
  key: SortKey
  direction: 'asc' | 'desc'
}

const collator = new Intl.Collator(undefined, { sensitivity: 'base', numeric: true })

export function sortArticles(articles: ArticleMeta[], { key, direction }: SortState): ArticleMeta[] {
  const sign = direction === 'asc' ? 1 : -1
  return [...articles].sort((a, b) => {
    const order =
      key === 'wordCount' ? a.wordCount - b.wordCount : collator.compare(String(a[key] ?? ''), String(b[key] ?? ''))
    return order === 0 ? collator.compare(a.title, b.title) : sign * order
  })
}

/** Clicking the sorted column flips its direction; a new column starts in its natural order. */
export function nextSort(current: SortState, key: SortKey): SortState {
  if (current.key === key) return { key, direction: current.direction === 'asc' ? 'desc' : 'asc' }
  return { key, direction: key === 'addedAt' || key === 'wordCount' ? 'desc' : 'asc' }
}
