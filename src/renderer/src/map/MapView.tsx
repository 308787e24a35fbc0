// The Map: articles and their linked passages as a graph, so clusters of
// related and contradicting passages show at a glance. A node list beside the
// canvas gives the same nodes to the keyboard.

import { useMemo, useState } from 'react'
import { LINK_RELATIONS } from '../../../shared/notes'
import { routeHash } from '../app/route'
import { relationLabel } from '../notebook/entries'
import { useOpenPassage } from '../notebook/useOpenPassage'
import { useToasts } from '../ui/toasts'
import { CytoscapeGraph } from './CytoscapeGraph'
import { buildGraph, type GraphFilter, type GraphInput } from './graph-model'
import { MapLegend } from './MapLegend'
import { MapNodeList } from './MapNodeList'
import { listNodes } from './node-list'
import { useMapData } from './useMapData'

export function MapView() {
  const data = useMapData()
  if (data.status === 'loading') return <p className="loading">Loading the map…</p>
  if (data.status === 'error') return <p className="loading" role="alert">The map could not be drawn: {data.message}</p>
  return <NotesMap {...data} />
}

const orUndefined = (value: string): string | undefined => (value === '' ? undefined : value)

export function NotesMap(input: GraphInput) {
  const [filter, setFilter] = useState<GraphFilter>({})
  const [focused, setFocused] = useState<string | undefined>()
  const openPassage = useOpenPassage()
  const toasts = useToasts()
  const model = useMemo(() => buildGraph(input, filter), [input, filter])
  const listed = useMemo(() => listNodes(model), [model])
  const relations = useMemo(() => [...new Set<string>([...LINK_RELATIONS, ...input.links.map((l) => l.relation)])], [input.links])
  const tags = useMemo(() => [...new Set(input.annotations.flatMap((a) => a.tags))].sort((a, b) => a.localeCompare(b)), [input.annotations])
  const custom = relations.length > LINK_RELATIONS.length

  const open = (id: string) => {
    const node = model.nodes.find((n) => n.id === id)
    if (!node) return
    if (node.missing) return toasts.show({ tone: 'error', message: 'That article is no longer in the archive; the link is kept with its quote.' })
    if (node.kind === 'article') window.location.hash = routeHash({ view: 'article', id: node.articleId })
    else void openPassage(node.target)
  }

  return (
    <section className="map-view" aria-labelledby="map-title">
      <header className="toolbar">
        <h1 id="map-title" className="view-title">Map</h1>
        <span className="muted" role="status">
          {model.edges.length} links between {model.nodes.filter((n) => n.kind === 'passage').length} passages
        </span>
        <span className="toolbar-spacer" />
        {input.links.length > 0 && (
          <form className="map-filters" aria-label="Filter the map" onSubmit={(event) => event.preventDefault()}>
            <label>
              Relation
              <select value={filter.relation ?? ''} onChange={(event) => setFilter({ ...filter, relation: orUndefined(event.target.value) })}>
                <option value="">Any</option>
                {relations.map((relation) => (
                  <option key={relation} value={relation}>{relationLabel(relation)}</option>
                ))}
              </select>
            </label>
            <label>
              Tag
              <select value={filter.tag ?? ''} onChange={(event) => setFilter({ ...filter, tag: orUndefined(event.target.value) })}>
                <option value="">Any</option>
                {tags.map((tag) => (
                  <option key={tag} value={tag}>{tag}</option>
                ))}
              </select>
            </label>
          </form>
        )}
      </header>
      {input.links.length === 0 ? (
        <div className="empty-state">
          <h2>Nothing linked yet</h2>
          <p>
            The map draws passages you have linked to each other. In an article, select a passage, choose “Link to…”, find the
            passage it supports, contradicts or explains, and both appear here, grouped by article.
          </p>
        </div>
      ) : (
        <div className="map-body">
          <div className="map-stage">
            {model.edges.length === 0 ? (
              <p className="notebook-none">No link matches these filters.</p>
            ) : (
              <CytoscapeGraph model={model} focusedId={focused} onOpenNode={open} />
            )}
            <MapLegend custom={custom} />
          </div>
          <MapNodeList nodes={listed} onFocusNode={setFocused} onOpen={open} />
        </div>
      )}
    </section>
  )
}
