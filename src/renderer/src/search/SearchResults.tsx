import type { ReactNode } from 'react'
import type { SearchHit, SearchResultGroup } from '../../../shared/search'
import { HighlightedText } from './HighlightedText'
import type { ResultItem } from './results'

interface Props {
  id: string
  groups: readonly SearchResultGroup[]
  items: readonly ResultItem[]
  activeKey: string | undefined
  onActivate(key: string): void
  onOpen(item: ResultItem): void
}

const when = (group: SearchResultGroup) => (group.publishedAt ?? '').slice(0, 10)

function HitSnippet({ hit }: { hit: SearchHit }) {
  const { snippet } = hit
  return (
    <>
      {hit.kind === 'annotation' && <span className="search-hit-kind">Note</span>}
      {snippet.truncatedStart && '…'}
      <HighlightedText text={snippet.text} ranges={snippet.highlights} />
      {snippet.truncatedEnd && '…'}
    </>
  )
}

/**
 * Results grouped by article: the article row, then its best passages. Focus
 * stays in the query field; arrow keys move aria-activedescendant over these options.
 */
export function SearchResults({ id, groups, items, activeKey, onActivate, onOpen }: Props) {
  const byKey = new Map(items.map((item) => [item.key, item]))
  let index = 0
  const option = (className: string, children: ReactNode, label?: string) => {
    const item = items[index++]
    if (!item) return null
    return (
      <div
        key={item.key}
        id={item.key}
        role="option"
        aria-selected={item.key === activeKey}
        aria-label={label}
        className={`${className}${item.key === activeKey ? ' active' : ''}`}
        onMouseMove={() => item.key !== activeKey && onActivate(item.key)}
        onClick={() => onOpen(byKey.get(item.key)!)}
      >
        {children}
      </div>
    )
  }
  return (
    <div id={id} role="listbox" aria-label="Search results" className="search-results">
      {groups.map((group) => (
        <div key={group.articleId} role="group" aria-label={group.title} className="search-group">
          {option(
            'search-title',
            <>
              <span className="search-title-text">
                <HighlightedText text={group.title} ranges={group.titleHighlights} />
              </span>
              <span className="search-meta">{[group.source, when(group)].filter(Boolean).join(' · ')}</span>
            </>,
          )}
          {group.hits.map((hit) => option('search-hit', <HitSnippet hit={hit} />))}
        </div>
      ))}
    </div>
  )
}
