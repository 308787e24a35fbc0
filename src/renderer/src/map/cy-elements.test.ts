import { describe, expect, it } from 'vitest'
import { FORTY_SIX, KABUL_46, KABUL_ID, link, REPORT_ID, THIRTY } from '../notebook/notes.test-data'
import { stylesheet, toElements } from './cy-elements'
import { buildGraph, passageNodeId } from './graph-model'
import type { MapPalette } from './relation-style'

const palette: MapPalette = {
  text: '#000', muted: '#555', surface: '#fff', panel: '#eee', border: '#ccc', accent: '#00f', danger: '#a00',
  relations: { supports: '#0a0', contradicts: '#c00', elaborates: '#00c', 'same-event': '#808', cites: '#860', custom: '#666' },
}

describe('cytoscape elements', () => {
  const model = buildGraph({
    links: [
      link({ id: 'c', from: THIRTY, to: FORTY_SIX, relation: 'contradicts' }),
      link({ id: 's', from: FORTY_SIX, to: KABUL_46, relation: 'same-event' }),
      link({ id: 'u', from: THIRTY, to: KABUL_46, relation: 'echoes' }),
    ],
    annotations: [],
    existing: new Set([REPORT_ID]),
    trashed: new Set(),
  })
  const elements = toElements(model)
  const edge = (id: string) => elements.find((e) => e.data.id === `link:${id}`)!

  it('makes contradicts stand out by class and colour', () => {
    expect(edge('c').classes).toContain('contradicts')
    expect(edge('c').classes).toContain('rel-contradicts')
    const rule = stylesheet(palette).find((r) => r.selector === 'edge.rel-contradicts')
    expect(rule?.style).toMatchObject({ 'line-color': '#c00' })
  })

  it('labels edges readably and colours custom relations alike', () => {
    expect(edge('s').data['label']).toBe('same event')
    expect(edge('u').data['label']).toBe('echoes')
    expect(edge('u').classes).toContain('rel-custom')
    expect(edge('s').classes).toContain('rel-same-event')
  })

  it('dashes a broken link and outlines the passage of a missing article', () => {
    expect(edge('s').classes).toContain('broken')
    expect(edge('c').classes).not.toContain('broken')
    expect(elements.find((e) => e.data.id === passageNodeId(KABUL_46))?.classes).toContain('missing')
  })

  it('ties each passage to its article by a part-of edge, apart from the links', () => {
    const partOf = elements.filter((e) => e.classes === 'part-of')
    expect(partOf.map((e) => [e.data['source'], e.data['target']])).toContainEqual([`article:${REPORT_ID}`, passageNodeId(THIRTY)])
    expect(partOf.map((e) => e.data['source'])).toContain(`article:${KABUL_ID}`)
    expect(partOf).toHaveLength(3)
    expect(partOf.every((e) => e.data['relation'] === undefined)).toBe(true)
  })
})
