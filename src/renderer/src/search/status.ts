import type { SearchIndexStatus } from '../../../shared/search'

const n = (value: number) => value.toLocaleString('en')

/** What to tell the user while the index is not ready; undefined once it is. */
export function statusText(status: SearchIndexStatus | undefined): string | undefined {
  if (!status) return undefined
  switch (status.state) {
    case 'ready':
      return undefined
    case 'loading':
      return status.totalSegments > 0
        ? `Loading the search index (${n(status.loadedSegments)} of ${n(status.totalSegments)} parts)… results may be incomplete.`
        : 'Loading the search index…'
    case 'rebuilding':
      return `Indexing ${n(status.done)} of ${n(status.total)}… results may be incomplete.`
    case 'closed':
      return 'Search is not available while the archive is closed.'
  }
}
