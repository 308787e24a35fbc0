// The map's nodes in reading order for the keyboard list: each article, then
// its passages in text order, with the relations that touch each passage.

import { relationLabelShort } from './relation-label'
import type { GraphModel, GraphNode } from './graph-model'

export interface ListedNode {
  node: GraphNode
  /** e.g. "contradicts, supports": what the passage's links say. */
  relations: string[]
}

export function listNodes(model: GraphModel): ListedNode[] {
  const touching = new Map<string, Set<string>>()
  for (const edge of model.edges) {
    for (const end of [edge.source, edge.target]) {
      const set = touching.get(end) ?? new Set<string>()
      set.add(relationLabelShort(edge.relation))
      touching.set(end, set)
    }
  }
  const articles = model.nodes.filter((n) => n.kind === 'article').sort((a, b) => a.label.localeCompare(b.label))
  const listed: ListedNode[] = []
  for (const article of articles) {
    listed.push({ node: article, relations: [] })
    const passages = model.nodes
      .filter((n) => n.kind === 'passage' && n.parent === article.id)
      .sort((a, b) => (a.kind === 'passage' && b.kind === 'passage' ? a.target.position.start - b.target.position.start : 0))
    for (const passage of passages) listed.push({ node: passage, relations: [...(touching.get(passage.id) ?? [])].sort() })
  }
  return listed
}
