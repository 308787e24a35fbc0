// The Map as data: one node per article that holds a linked passage, one node
// per linked passage (inside its article), one edge per link. Pure, so which
// nodes and edges a set of notes yields is tested without a canvas.

import type { LinkEntry, NotebookAnnotation } from '../../../shared/api/notes'
import type { HighlightColor, PassageTarget } from '../../../shared/notes'

export interface ArticleNode {
  kind: 'article'
  id: string
  articleId: string
  label: string
  /** The article is gone (purged): links into it are broken. */
  missing: boolean
  trashed: boolean
}

export interface PassageNode {
  kind: 'passage'
  id: string
  /** The article node it sits in. */
  parent: string
  articleId: string
  label: string
  target: PassageTarget
  /** From the highlight at this passage, when there is one. */
  color?: HighlightColor
  tags: string[]
  missing: boolean
}

export type GraphNode = ArticleNode | PassageNode

export interface GraphEdge {
  id: string
  source: string
  target: string
  relation: string
  note: string
  /** Either end's article is gone. */
  broken: boolean
}

export interface GraphModel {
  nodes: GraphNode[]
  edges: GraphEdge[]
}

export interface GraphInput {
  links: readonly LinkEntry[]
  annotations: readonly NotebookAnnotation[]
  /** Ids of every article the archive still holds, trashed ones included. */
  existing: ReadonlySet<string>
  trashed: ReadonlySet<string>
}

export interface GraphFilter {
  relation?: string
  /** Keep links with an end highlighted with this tag. */
  tag?: string
}

export const articleNodeId = (articleId: string): string => `article:${articleId}`
/** Two links that end on the same stretch of text meet at one node. */
export const passageNodeId = (target: Pick<PassageTarget, 'articleId' | 'position'>): string =>
  `passage:${target.articleId}:${target.position.start}-${target.position.end}`

const LABEL_LENGTH = 60

/** A quote shortened to a node label, cut at a word where it can be. */
export function shortLabel(text: string, length = LABEL_LENGTH): string {
  const flat = text.replace(/\s+/g, ' ').trim()
  if (flat.length <= length) return flat
  const cut = flat.slice(0, length)
  const space = cut.lastIndexOf(' ')
  return `${(space > length / 2 ? cut.slice(0, space) : cut).trimEnd()}…`
}

function keepLink(link: LinkEntry, filter: GraphFilter, tagsAt: (target: PassageTarget) => string[]): boolean {
  if (filter.relation !== undefined && link.relation !== filter.relation) return false
  if (filter.tag !== undefined) {
    const wanted = filter.tag.toLowerCase()
    const tagged = (t: PassageTarget) => tagsAt(t).some((tag) => tag.toLowerCase() === wanted)
    if (!tagged(link.from) && !tagged(link.to)) return false
  }
  return true
}

export function buildGraph(input: GraphInput, filter: GraphFilter = {}): GraphModel {
  const highlights = new Map<string, NotebookAnnotation>()
  for (const annotation of input.annotations) highlights.set(passageNodeId(annotation.target), annotation)
  const byId = new Map(input.annotations.map((a) => [a.id, a]))
  // A link end tied to a highlight takes its tags and colour; else one at the same passage does.
  const highlightAt = (end: PassageTarget & { annotationId?: string }) =>
    (end.annotationId === undefined ? undefined : byId.get(end.annotationId)) ?? highlights.get(passageNodeId(end))
  const tagsAt = (end: PassageTarget & { annotationId?: string }) => highlightAt(end)?.tags ?? []

  const articles = new Map<string, ArticleNode>()
  const passages = new Map<string, PassageNode>()
  const edges: GraphEdge[] = []

  const addEnd = (end: LinkEntry['from'], title: string): string => {
    const missing = !input.existing.has(end.articleId)
    const parent = articleNodeId(end.articleId)
    if (!articles.has(parent)) {
      articles.set(parent, {
        kind: 'article',
        id: parent,
        articleId: end.articleId,
        label: missing ? `Missing article${title ? `: ${title}` : ''}` : title || 'Untitled article',
        missing,
        trashed: input.trashed.has(end.articleId),
      })
    }
    const id = passageNodeId(end)
    const highlight = highlightAt(end)
    const known = passages.get(id)
    if (known === undefined) {
      passages.set(id, {
        kind: 'passage',
        id,
        parent,
        articleId: end.articleId,
        label: shortLabel(end.quote.exact),
        target: { articleId: end.articleId, quote: end.quote, position: end.position },
        ...(highlight ? { color: highlight.color } : {}),
        tags: highlight?.tags ?? [],
        missing,
      })
    }
    return id
  }

  for (const link of input.links) {
    if (!keepLink(link, filter, tagsAt)) continue
    const source = addEnd(link.from, link.fromTitle)
    const target = addEnd(link.to, link.toTitle)
    const broken = link.broken || !input.existing.has(link.from.articleId) || !input.existing.has(link.to.articleId)
    edges.push({ id: `link:${link.id}`, source, target, relation: link.relation, note: link.note, broken })
  }
  return { nodes: [...articles.values(), ...passages.values()], edges }
}

/** How many links touch each node, for sizing and for the node list's order. */
export function degrees(model: GraphModel): Map<string, number> {
  const count = new Map<string, number>()
  for (const edge of model.edges) {
    count.set(edge.source, (count.get(edge.source) ?? 0) + 1)
    count.set(edge.target, (count.get(edge.target) ?? 0) + 1)
  }
  return count
}
