// The graph model in cytoscape's terms: elements and a stylesheet. Contradicts
// stands out three ways (colour, width, a label), so it does not rest on colour
// alone; broken links are dashed and missing articles outlined in the danger colour.

import type { ElementDefinition, StylesheetStyle } from 'cytoscape'
import type { GraphModel } from './graph-model'
import { relationLabelShort } from './relation-label'
import { relationVar, type MapPalette } from './relation-style'

const relationClass = (relation: string): string => `rel-${relationVar(relation).slice('--rel-'.length)}`

export function toElements(model: GraphModel): ElementDefinition[] {
  const nodes: ElementDefinition[] = model.nodes.map((node) => ({
    group: 'nodes',
    data: { id: node.id, label: node.label, kind: node.kind },
    classes: [node.kind, node.missing ? 'missing' : ''].filter(Boolean).join(' '),
  }))
  // Each passage hangs off its article by a short "part of" edge: the layout then gathers an
  // article's passages around it (cose's compound nodes were measured to sprawl and overlap).
  const partOf: ElementDefinition[] = model.nodes.flatMap((node) =>
    node.kind === 'passage' ? [{ group: 'edges' as const, data: { id: `part:${node.id}`, source: node.parent, target: node.id }, classes: 'part-of' }] : [],
  )
  const edges: ElementDefinition[] = model.edges.map((edge) => ({
    group: 'edges',
    data: { id: edge.id, source: edge.source, target: edge.target, relation: edge.relation, label: relationLabelShort(edge.relation) },
    // Colour by class, not by data, so a theme change restyles edges already drawn.
    classes: ['link', relationClass(edge.relation), edge.relation === 'contradicts' ? 'contradicts' : '', edge.broken ? 'broken' : ''].filter(Boolean).join(' '),
  }))
  return [...nodes, ...partOf, ...edges]
}

const FONT = 'Inter, system-ui, sans-serif'

export function stylesheet(palette: MapPalette): StylesheetStyle[] {
  return [
    {
      selector: 'node.article',
      style: {
        'background-color': palette.panel,
        'background-opacity': 0.9,
        'border-color': palette.border,
        'border-width': 1,
        label: 'data(label)',
        'text-valign': 'center',
        'text-halign': 'center',
        'font-family': FONT,
        'font-size': 12,
        'font-weight': 600,
        color: palette.text,
        'text-wrap': 'wrap',
        'text-max-width': '150px',
        width: 170,
        height: 54,
        shape: 'round-rectangle',
      },
    },
    {
      selector: 'node.passage',
      style: {
        'background-color': palette.surface,
        'border-color': palette.muted,
        'border-width': 1,
        width: 18,
        height: 18,
        label: 'data(label)',
        'font-family': FONT,
        'font-size': 10,
        color: palette.text,
        'text-wrap': 'wrap',
        'text-max-width': '150px',
        'text-valign': 'bottom',
        'text-margin-y': 4,
        'text-background-color': palette.surface,
        'text-background-opacity': 0.85,
        'text-background-padding': '2px',
      },
    },
    { selector: 'node.missing', style: { 'border-color': palette.danger, 'border-width': 2, 'border-style': 'dashed' } },
    { selector: 'node:selected, node.focused', style: { 'border-color': palette.accent, 'border-width': 3 } },
    { selector: 'edge.part-of', style: { 'line-color': palette.border, width: 1.5, 'curve-style': 'straight' } },
    {
      selector: 'edge.link',
      style: {
        'line-color': palette.relations['custom'] ?? palette.muted,
        'target-arrow-color': palette.relations['custom'] ?? palette.muted,
        'target-arrow-shape': 'triangle',
        'curve-style': 'bezier',
        width: 2,
        label: 'data(label)',
        'font-family': FONT,
        'font-size': 10,
        color: palette.text,
        'text-background-color': palette.surface,
        'text-background-opacity': 0.9,
        'text-background-padding': '2px',
        'text-rotation': 'autorotate',
      },
    },
    ...Object.entries(palette.relations).map(([key, color]) => ({ selector: `edge.rel-${key}`, style: { 'line-color': color, 'target-arrow-color': color } })),
    { selector: 'edge.contradicts', style: { width: 4, 'font-weight': 700, 'font-size': 11 } },
    { selector: 'edge.broken', style: { 'line-style': 'dashed', 'line-color': palette.danger, 'target-arrow-color': palette.danger } },
  ]
}
