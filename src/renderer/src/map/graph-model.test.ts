import { describe, expect, it } from 'vitest'
import { annotation, FORTY_SIX, KABUL_46, KABUL_ID, link, REPORT_ID, target, THIRTY } from '../notebook/notes.test-data'
import { articleNodeId, buildGraph, degrees, passageNodeId, shortLabel, type GraphInput, type PassageNode } from './graph-model'
import { listNodes } from './node-list'

const thirty = annotation({ id: 'h30', at: THIRTY, tags: ['casualties'], color: 'pink' })
const contradicts = link({ id: 'l1', from: { ...THIRTY, annotationId: 'h30' }, to: FORTY_SIX, relation: 'contradicts', toTitle: 'Report' })
const supports = link({ id: 'l2', from: FORTY_SIX, to: KABUL_46, relation: 'supports', fromTitle: 'Report', toTitle: 'Kabul account' })
const held = (...ids: string[]) => new Set(ids)
const input = (over: Partial<GraphInput> = {}): GraphInput => ({
  links: [contradicts, supports],
  annotations: [thirty],
  existing: held(REPORT_ID, KABUL_ID),
  trashed: held(),
  ...over,
})

describe('map graph model', () => {
  it('draws nothing for an archive without links, even with highlights', () => {
    expect(buildGraph(input({ links: [] }))).toEqual({ nodes: [], edges: [] })
  })

  it('makes one node per article with a linked passage and one per linked passage, inside its article', () => {
    const model = buildGraph(input())
    expect(model.nodes.filter((n) => n.kind === 'article').map((n) => n.id).sort()).toEqual([articleNodeId(KABUL_ID), articleNodeId(REPORT_ID)])
    const passages = model.nodes.filter((n): n is PassageNode => n.kind === 'passage')
    expect(passages.map((p) => p.id).sort()).toEqual([passageNodeId(KABUL_46), passageNodeId(FORTY_SIX), passageNodeId(THIRTY)].sort())
    expect(passages.find((p) => p.id === passageNodeId(KABUL_46))?.parent).toBe(articleNodeId(KABUL_ID))
  })

  it('joins two links ending on the same passage at one node', () => {
    const model = buildGraph(input())
    expect(degrees(model).get(passageNodeId(FORTY_SIX))).toBe(2)
  })

  it('makes one edge per link, with its relation, from its start to its end', () => {
    expect(buildGraph(input()).edges).toEqual([
      { id: 'link:l1', source: passageNodeId(THIRTY), target: passageNodeId(FORTY_SIX), relation: 'contradicts', note: '', broken: false },
      { id: 'link:l2', source: passageNodeId(FORTY_SIX), target: passageNodeId(KABUL_46), relation: 'supports', note: '', broken: false },
    ])
  })

  it('gives a passage the colour and tags of its highlight', () => {
    const node = buildGraph(input()).nodes.find((n) => n.id === passageNodeId(THIRTY)) as PassageNode
    expect(node.color).toBe('pink')
    expect(node.tags).toEqual(['casualties'])
  })

  it('shows a link into a purged article as broken, its article as missing, and keeps its quote', () => {
    const model = buildGraph(input({ existing: held(REPORT_ID) }))
    expect(model.edges.find((e) => e.id === 'link:l2')?.broken).toBe(true)
    expect(model.edges.find((e) => e.id === 'link:l1')?.broken).toBe(false)
    const article = model.nodes.find((n) => n.id === articleNodeId(KABUL_ID))
    expect(article).toMatchObject({ missing: true, label: 'Missing article: Kabul account' })
    expect(model.nodes.find((n) => n.id === passageNodeId(KABUL_46))).toMatchObject({ missing: true, label: 'at least 46 people died' })
  })

  it('trusts the service when it says a link is broken', () => {
    const model = buildGraph(input({ links: [{ ...supports, broken: true }] }))
    expect(model.edges[0]?.broken).toBe(true)
  })

  it('marks a trashed article without breaking its links', () => {
    const model = buildGraph(input({ trashed: held(KABUL_ID) }))
    expect(model.nodes.find((n) => n.id === articleNodeId(KABUL_ID))).toMatchObject({ trashed: true, missing: false })
    expect(model.edges.every((e) => !e.broken)).toBe(true)
  })

  it('keeps only links of the chosen relation, and the nodes they touch', () => {
    const model = buildGraph(input(), { relation: 'contradicts' })
    expect(model.edges.map((e) => e.id)).toEqual(['link:l1'])
    expect(model.nodes.map((n) => n.id)).not.toContain(articleNodeId(KABUL_ID))
  })

  it('keeps only links with an end highlighted with the tag, whatever its case', () => {
    expect(buildGraph(input(), { tag: 'CASUALTIES' }).edges.map((e) => e.id)).toEqual(['link:l1'])
    expect(buildGraph(input(), { tag: 'absent' })).toEqual({ nodes: [], edges: [] })
  })

  it('finds an end’s highlight by position when the link does not name it', () => {
    const bare = link({ id: 'l3', from: THIRTY, to: KABUL_46, relation: 'cites' })
    expect(buildGraph(input({ links: [bare] }), { tag: 'casualties' }).edges).toHaveLength(1)
  })

  it('labels a nameless article rather than leaving it blank', () => {
    const model = buildGraph(input({ links: [link({ id: 'l4', from: THIRTY, to: KABUL_46, relation: 'x', fromTitle: '', toTitle: '' })] }))
    expect(model.nodes.find((n) => n.id === articleNodeId(REPORT_ID))?.label).toBe('Untitled article')
  })

  it('draws every link and both its ends at a few hundred links', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      link({ id: `m${i}`, from: target(`a${i % 40}`, `quote ${i}`, i * 10), to: target(`a${(i + 7) % 40}`, `other ${i}`, i * 10 + 5), relation: i % 5 === 0 ? 'contradicts' : 'supports' }),
    )
    const existing = new Set(Array.from({ length: 40 }, (_, i) => `a${i}`))
    const model = buildGraph({ links: many, annotations: [], existing, trashed: new Set() })
    expect(model.edges).toHaveLength(400)
    expect(model.nodes).toHaveLength(40 + 800)
  })
})

describe('short labels', () => {
  it('keeps a short quote whole, collapsing white space', () => {
    expect(shortLabel('over 30\n\nmilitants')).toBe('over 30 militants')
  })
  it('cuts a long quote at a word and marks the cut', () => {
    expect(shortLabel('one two three four five six', 14)).toBe('one two three…')
  })
  it('cuts a single long word where it must', () => {
    expect(shortLabel('x'.repeat(30), 10)).toBe(`${'x'.repeat(10)}…`)
  })
})

describe('map node list', () => {
  it('lists each article then its passages in text order, with the relations touching them', () => {
    const listed = listNodes(buildGraph(input()))
    expect(listed.map((l) => l.node.id)).toEqual([
      articleNodeId(KABUL_ID),
      passageNodeId(KABUL_46),
      articleNodeId(REPORT_ID),
      passageNodeId(THIRTY),
      passageNodeId(FORTY_SIX),
    ])
    expect(listed.find((l) => l.node.id === passageNodeId(FORTY_SIX))?.relations).toEqual(['contradicts', 'supports'])
  })
})
