// The canvas: a cytoscape instance made once per mount, fed the model's
// elements, laid out with cose (passages tied to their article, so each
// article's passages cluster), restyled when the theme changes. Tapping a node opens it.

import cytoscape, { type Core } from 'cytoscape'
import { useEffect, useRef } from 'react'
import { toElements, stylesheet } from './cy-elements'
import type { GraphModel } from './graph-model'
import { readPalette } from './relation-style'

interface Props {
  model: GraphModel
  /** The node the keyboard list points at, outlined on the canvas. */
  focusedId?: string
  onOpenNode(id: string): void
}

export function CytoscapeGraph({ model, focusedId, onOpenNode }: Props) {
  const container = useRef<HTMLDivElement>(null)
  const cy = useRef<Core | null>(null)
  const open = useRef(onOpenNode)
  useEffect(() => {
    open.current = onOpenNode
  }, [onOpenNode])

  useEffect(() => {
    if (!container.current) return
    const instance = cytoscape({
      container: container.current,
      style: stylesheet(readPalette()),
      minZoom: 0.15,
      maxZoom: 3,
      wheelSensitivity: 0.3,
      boxSelectionEnabled: false,
    })
    instance.on('tap', 'node', (event) => open.current(String(event.target.id())))
    cy.current = instance
    // The theme is an attribute on <html>; follow it.
    const observer = new MutationObserver(() => instance.style(stylesheet(readPalette())))
    observer.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] })
    return () => {
      observer.disconnect()
      instance.destroy()
      cy.current = null
    }
  }, [])

  useEffect(() => {
    const instance = cy.current
    if (!instance) return
    instance.elements().remove()
    instance.add(toElements(model))
    // What the canvas really drew, for assistive tech summaries and tests (a canvas has no DOM to inspect).
    container.current?.setAttribute('data-relations', [...new Set(instance.edges('.link').map((e) => String(e.data('relation'))))].sort().join(' '))
    // A few hundred nodes: fewer iterations keep the layout well under a second without visible tangling.
    instance
      .layout({
        name: 'cose',
        animate: false,
        randomize: true,
        numIter: 800,
        nodeRepulsion: () => 400_000,
        idealEdgeLength: (edge) => (edge.hasClass('part-of') ? 70 : 220),
        edgeElasticity: (edge) => (edge.hasClass('part-of') ? 150 : 80),
        nodeOverlap: 20,
        // Room at the bottom for the legend.
        padding: 70,
        fit: true,
      })
      .run()
    // A small graph fitted to a large canvas would blow labels up; a large one may shrink, within reason.
    if (instance.zoom() > 1.4) instance.zoom({ level: 1.4, renderedPosition: { x: instance.width() / 2, y: instance.height() / 2 } })
  }, [model])

  useEffect(() => {
    const instance = cy.current
    if (!instance) return
    instance.nodes('.focused').removeClass('focused')
    if (focusedId === undefined) return
    const node = instance.getElementById(focusedId)
    if (node.empty()) return
    node.addClass('focused')
    // The node the list points at comes to the middle of the canvas, so sighted keyboard users see where they are.
    instance.center(node)
  }, [focusedId, model])

  return <div ref={container} className="map-canvas" role="img" aria-label={`Graph of ${model.nodes.length} nodes and ${model.edges.length} links; the list beside it holds the same nodes`} />
}
