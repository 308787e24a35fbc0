// Runs the search as the user types: debounced, and an answer that arrives after
// a newer request was sent is dropped, so results never jump back to older text.

import { useCallback, useEffect, useRef, useState } from 'react'
import type { DossierError } from '../../../shared/result'
import type { SearchFilters, SearchIndexStatus, SearchResponse, SearchSort } from '../../../shared/search'
import { useApi, useDossierEvent } from '../api/context'
import type { DossierEvent } from '../../../shared/events'

export const SEARCH_DEBOUNCE_MS = 120

export interface SearchState {
  response: SearchResponse | undefined
  error: DossierError | undefined
  /** A request is waiting for its answer. */
  pending: boolean
  status: SearchIndexStatus | undefined
}

export function useSearch(query: string, filters: SearchFilters, sort: SearchSort, enabled = true): SearchState {
  const api = useApi()
  const [state, setState] = useState<Omit<SearchState, 'status'>>({ response: undefined, error: undefined, pending: false })
  const [status, setStatus] = useState<SearchIndexStatus>()
  const latest = useRef(0)
  // Bumped when the index or archive changes, so open results refresh.
  const [generation, setGeneration] = useState(0)

  useDossierEvent(
    useCallback((event: DossierEvent) => {
      if (event.type === 'search-status') {
        setStatus(event.payload)
        if (event.payload.state === 'ready') setGeneration((g) => g + 1)
      } else if (event.type === 'archive-changed' || event.type === 'notes-changed') {
        setGeneration((g) => g + 1)
      }
    }, []),
  )

  useEffect(() => {
    if (!enabled) return
    void api.searchStatus().then((result) => result.ok && setStatus(result.value))
  }, [api, enabled])

  const filterKey = JSON.stringify(filters)
  useEffect(() => {
    if (!enabled) return
    const id = ++latest.current
    if (query.trim() === '') {
      setState({ response: undefined, error: undefined, pending: false })
      return
    }
    setState((current) => ({ ...current, pending: true }))
    const timer = setTimeout(() => {
      void api.search({ query, filters: JSON.parse(filterKey) as SearchFilters, sort }).then((result) => {
        if (id !== latest.current) return
        if (result.ok) {
          setStatus(result.value.status)
          setState({ response: result.value, error: undefined, pending: false })
        } else {
          setState({ response: undefined, error: result.error, pending: false })
        }
      })
    }, SEARCH_DEBOUNCE_MS)
    return () => clearTimeout(timer)
  }, [api, query, filterKey, sort, enabled, generation])

  return { ...state, status }
}
