import { useCallback, useEffect, useState } from 'react'

export type Route =
  | { view: 'library' }
  | { view: 'trash' }
  | { view: 'notebook' }
  | { view: 'map' }
  | { view: 'article'; id: string; blockId?: string }

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#/, '').split('?')
  const parts = path.split('/').filter(Boolean)
  if (parts[0] === 'article' && parts[1]) {
    const blockId = new URLSearchParams(query).get('block') ?? undefined
    return { view: 'article', id: decodeURIComponent(parts[1]), ...(blockId ? { blockId } : {}) }
  }
  if (parts[0] === 'trash') return { view: 'trash' }
  if (parts[0] === 'notebook') return { view: 'notebook' }
  if (parts[0] === 'map') return { view: 'map' }
  return { view: 'library' }
}

export function routeHash(route: Route): string {
  if (route.view === 'article') return `#/article/${encodeURIComponent(route.id)}${route.blockId ? `?block=${route.blockId}` : ''}`
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
