import type { ReactNode } from 'react'
import { routeHash, type Route } from './route'

const ITEMS: { view: 'library' | 'trash' | 'notebook' | 'map'; label: string }[] = [
  { view: 'library', label: 'Library' },
  { view: 'notebook', label: 'Notebook' },
  { view: 'map', label: 'Map' },
  { view: 'trash', label: 'Trash' },
]

export function Sidebar({ route, navigate, footer }: { route: Route; navigate(route: Route): void; footer?: ReactNode }) {
  return (
    <nav className="sidebar" aria-label="Main">
      <div className="brand" aria-hidden="true">Dossier</div>
      <ul>
        {ITEMS.map((item) => (
          <li key={item.view}>
            <a
              href={routeHash({ view: item.view })}
              aria-current={route.view === item.view ? 'page' : undefined}
              onClick={(event) => {
                event.preventDefault()
                navigate({ view: item.view })
              }}
            >
              {item.label}
            </a>
          </li>
        ))}
      </ul>
      {footer && <div className="sidebar-footer">{footer}</div>}
    </nav>
  )
}
