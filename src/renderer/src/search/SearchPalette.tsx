import * as Dialog from '@radix-ui/react-dialog'
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react'
import type { SearchResultGroup, SearchSort } from '../../../shared/search'
import { routeHash } from '../app/route'
import { useRegisterCommands, type Command } from '../palette/commands'
import { activeFilterCount, EMPTY_FILTERS, toSearchFilters, type FilterForm } from './filters'
import { onOpenSearchPalette } from './palette-store'
import { matchedTerms, resultItems, type ResultItem } from './results'
import { SearchFilterBar } from './SearchFilterBar'
import { SearchResults } from './SearchResults'
import { statusText } from './status'
import { useSearch } from './useSearch'

const RESULTS_ID = 'search-results'

/** Where a hit leads: the article, scrolled to the passage, with the matched words marked. */
export function hitHash(item: ResultItem, group: SearchResultGroup | undefined): string {
  const q = group ? matchedTerms(group).join(' ') : ''
  return routeHash({ view: 'article', id: item.articleId, ...(item.blockId ? { blockId: item.blockId } : {}), ...(q ? { q } : {}) })
}

/** Ctrl/Cmd+K from anywhere: search as you type, arrows through the results, Enter opens. */
export function SearchPalette() {
  const [open, setOpen] = useState(false)
  const [query, setQuery] = useState('')
  const [form, setForm] = useState<FilterForm>(EMPTY_FILTERS)
  const [sort, setSort] = useState<SearchSort>('relevance')
  const [activeKey, setActiveKey] = useState<string>()
  const [showFilters, setShowFilters] = useState(true)
  const input = useRef<HTMLInputElement>(null)
  /** Opened with text the user is still typing (library field): keep the caret at its end, not the text selected. */
  const continueTyping = useRef(false)
  const filters = useMemo(() => toSearchFilters(form), [form])
  const { response, error, pending, status } = useSearch(query, filters, sort, open)
  const groups = useMemo(() => response?.groups ?? [], [response])
  const items = useMemo(() => resultItems(groups), [groups])

  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.shiftKey && !event.altKey && event.key.toLowerCase() === 'k') {
        event.preventDefault()
        setOpen((current) => !current)
      }
    }
    window.addEventListener('keydown', onKey)
    const stop = onOpenSearchPalette((text) => {
      if (text !== undefined) setQuery(text)
      continueTyping.current = text !== undefined
      setOpen(true)
    })
    return () => {
      window.removeEventListener('keydown', onKey)
      stop()
    }
  }, [])

  const commands = useMemo<Command[]>(() => [{ id: 'search.open', group: 'Go to', title: 'Search everything', shortcut: 'Ctrl+K', run: () => setOpen(true) }], [])
  useRegisterCommands('search', commands)

  // A new answer starts at its best result.
  useEffect(() => setActiveKey(items[0]?.key), [items])
  useEffect(() => {
    if (activeKey) document.getElementById(activeKey)?.scrollIntoView({ block: 'nearest' })
  }, [activeKey])

  const openItem = (item: ResultItem) => {
    setOpen(false)
    window.location.hash = hitHash(item, groups.find((g) => g.articleId === item.articleId))
  }

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (items.length === 0) return
    const at = Math.max(0, items.findIndex((item) => item.key === activeKey))
    const move = (to: number) => {
      event.preventDefault()
      setActiveKey(items[Math.max(0, Math.min(items.length - 1, to))]!.key)
    }
    if (event.key === 'ArrowDown') move(at + 1)
    else if (event.key === 'ArrowUp') move(at - 1)
    else if (event.key === 'PageDown') move(at + 8)
    else if (event.key === 'PageUp') move(at - 8)
    else if (event.key === 'Enter' && items[at]) {
      event.preventDefault()
      openItem(items[at])
    }
  }

  const notReady = statusText(status)
  const filterCount = activeFilterCount(form)
  return (
    <Dialog.Root open={open} onOpenChange={setOpen}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content
          className="dialog search-palette"
          aria-describedby={undefined}
          onOpenAutoFocus={(event) => {
            event.preventDefault()
            const field = input.current
            if (!field) return
            field.focus()
            if (continueTyping.current) field.setSelectionRange(field.value.length, field.value.length)
            else field.select()
            continueTyping.current = false
          }}
        >
          <Dialog.Title className="visually-hidden">Search</Dialog.Title>
          <div className="search-bar">
            <input
              ref={input}
              className="palette-input"
              type="search"
              role="combobox"
              aria-label="Search articles, passages and notes"
              aria-expanded={items.length > 0}
              aria-controls={RESULTS_ID}
              aria-activedescendant={activeKey}
              aria-autocomplete="list"
              placeholder='Search… ("exact phrase", -exclude, a OR b, title:, tag:, note:)'
              value={query}
              onChange={(event) => setQuery(event.target.value)}
              onKeyDown={onKeyDown}
            />
            <button type="button" className="toolbar-button" aria-expanded={showFilters} onClick={() => setShowFilters((s) => !s)}>
              Filters{filterCount > 0 ? ` (${filterCount})` : ''}
            </button>
          </div>
          <div className="search-summary" role="status" aria-live="polite">
            {notReady && <span className="search-status">{notReady}</span>}
            {error ? (
              <span className="search-error">{error.message}</span>
            ) : response && query.trim() ? (
              <span className="muted">
                {response.total === 0
                  ? 'No matches.'
                  : `${response.total.toLocaleString('en')} matching article${response.total === 1 ? '' : 's'}${response.total > groups.length ? `, best ${groups.length} shown` : ''}`}
              </span>
            ) : (
              !pending && <span className="muted">Type to search. ↑ ↓ move, Enter opens, Esc closes.</span>
            )}
          </div>
          <div className={`search-body${showFilters ? ' with-filters' : ''}`}>
            <SearchResults id={RESULTS_ID} groups={groups} items={items} activeKey={activeKey} onActivate={setActiveKey} onOpen={openItem} />
            {showFilters && <SearchFilterBar form={form} onChange={setForm} sort={sort} onSort={setSort} />}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
