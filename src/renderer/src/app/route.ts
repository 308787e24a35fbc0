import { useCallback, useEffect, useState } from 'react'

export type Route =
  | { view: 'library' }
  | { view: 'trash' }
  | { view: 'notebook' }
  | { view: 'map' }
  /** q: search terms to mark in the reader, space-separated (from a search hit). */
  | { view: 'article'; id: string; blockId?: string; q?: string }

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?')
  const parts = path.split('/').filter(Boolean)
  if (parts[0] === 'article' && parts[1]) {
    const params = new URLSearchParams(query)
    const blockId = params.get('block') ?? undefined
    const q = params.get('q') ?? undefined
    return { view: 'article', id: decodeURIComponent(parts[1]), ...(blockId ? { blockId } : {}), ...(q ? { q } : {}) }
  }
  if (parts[0] === 'trash') return { view: 'trash' }
  if (parts[0] === 'notebook') return { view: 'notebook' }
  if (parts[0] === 'map') return { view: 'map' }
  return { view: 'library' }
}

export function routeHash(route: Route): string {
  if (route.view === 'article') {
    const params = new URLSearchParams()
    if (route.blockId) params.set('block', route.blockId)
    if (route.q) params.set('q', route.q)
    const query = params.toString()
    return `#/article/${encodeURIComponent(route.id)}${query ? `?${query}` : ''}`
  }
  if (route.view === 'notebook' || route.view === 'map') return `#/${route.view}`
  return route.view === 'trash' ? '#/trash' : '#/'
}

/** The route lives in the URL hash, so reloading keeps the open article. */
export function useRoute(): [Route, (route: Route) => void] {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash))
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash))
    window.addEventListener('hashchange', onChange)
    return () => window.removeEventListener('hashchange', onChange)
  }, [])
  const navigate = useCallback((next: Route) => {
    window.location.hash = routeHash(next)
  }, [])
  return [route, navigate]
}
