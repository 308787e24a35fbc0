// Colours of the map, read from the theme's CSS variables so the canvas follows
// light, sepia and dark like the rest of the app (cytoscape cannot read var()).

import { LINK_RELATIONS } from '../../../shared/notes'

/** The CSS variable colouring a relation; custom labels share one colour. */
export function relationVar(relation: string): string {
  return (LINK_RELATIONS as readonly string[]).includes(relation) ? `--rel-${relation}` : '--rel-custom'
}

export interface MapPalette {
  text: string
  muted: string
  surface: string
  panel: string
  border: string
  accent: string
  danger: string
  relations: Record<string, string>
}

export function readPalette(root: HTMLElement = document.documentElement): MapPalette {
  const style = getComputedStyle(root)
  const get = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback
  const relations: Record<string, string> = {}
  for (const relation of [...LINK_RELATIONS, 'custom']) relations[relation] = get(`--rel-${relation}`, '#666666')
  return {
    text: get('--text', '#1d1b18'),
    muted: get('--muted', '#5c574f'),
    surface: get('--surface', '#ffffff'),
    panel: get('--panel', '#efece5'),
    border: get('--border', '#d9d4c9'),
    accent: get('--accent', '#1f5fa8'),
    danger: get('--danger', '#a32020'),
    relations,
  }
}
