import { useMemo } from 'react'
import type { Theme } from '../../../shared/types'
import { usePreferences } from '../app/preferences'
import { routeHash, type Route } from '../app/route'
import { useRegisterCommands, type Command } from './commands'

const THEMES: Theme[] = ['light', 'sepia', 'dark']

const navigate = (route: Route) => {
  window.location.hash = routeHash(route)
}

/** The app-wide commands: navigation and reading settings. */
export function CorePaletteCommands() {
  const { preferences, update } = usePreferences()
  const commands = useMemo<Command[]>(
    () => [
      { id: 'go.library', group: 'Go to', title: 'Library', run: () => navigate({ view: 'library' }) },
      { id: 'go.trash', group: 'Go to', title: 'Trash', run: () => navigate({ view: 'trash' }) },
      ...THEMES.map((theme) => ({
        id: `theme.${theme}`,
        group: 'Reading',
        title: `Theme: ${theme[0]!.toUpperCase()}${theme.slice(1)}`,
        run: () => update({ theme }),
      })),
      { id: 'text.larger', group: 'Reading', title: 'Larger text', run: () => update({ fontSize: Math.min(28, preferences.fontSize + 1) }) },
      { id: 'text.smaller', group: 'Reading', title: 'Smaller text', run: () => update({ fontSize: Math.max(14, preferences.fontSize - 1) }) },
      { id: 'measure.wider', group: 'Reading', title: 'Wider lines', run: () => update({ lineWidth: Math.min(96, preferences.lineWidth + 4) }) },
      { id: 'measure.narrower', group: 'Reading', title: 'Narrower lines', run: () => update({ lineWidth: Math.max(48, preferences.lineWidth - 4) }) },
    ],
    [preferences.fontSize, preferences.lineWidth, update],
  )
  useRegisterCommands('core', commands)
  return null
}
