import { describe, expect, it } from 'vitest'
import { articlesOf, filterEntries, localDay, primaryTarget, toEntries, type NotebookFilter } from './entries'
import { annotation, FORTY_SIX, KABUL_46, link, THIRTY } from './notes.test-data'

const thirty = annotation({ id: 'h30', at: THIRTY, tags: ['casualties', 'Pakistan'], color: 'yellow', note: 'ISPR figure', created: '2025-03-01T12:00:00.000Z' })
const fortySix = annotation({ id: 'h46', at: FORTY_SIX, tags: ['casualties'], color: 'pink', note: 'Taliban claim', created: '2025-03-03T12:00:00.000Z' })
const contradicts = link({ id: 'l1', from: { ...THIRTY, annotationId: 'h30' }, to: FORTY_SIX, relation: 'contradicts', toTitle: 'Report', note: 'Counts differ', created: '2025-03-02T12:00:00.000Z' })
const supports = link({ id: 'l2', from: FORTY_SIX, to: KABUL_46, relation: 'supports', created: '2025-03-04T12:00:00.000Z' })
const entries = toEntries([thirty, fortySix], [contradicts, supports])
const ids = (filter: NotebookFilter) => filterEntries(entries, filter).map((e) => e.id)

describe('notebook entries', () => {
  it('lists highlights and links together, newest first', () => {
    expect(entries.map((e) => e.id)).toEqual(['l2', 'h46', 'l1', 'h30'])
  })

  it('shows everything when no filter is set', () => {
    expect(ids({ kind: 'all' })).toHaveLength(4)
  })

  it('narrows to highlights or to links', () => {
    expect(ids({ kind: 'annotation' })).toEqual(['h46', 'h30'])
    expect(ids({ kind: 'link' })).toEqual(['l2', 'l1'])
  })

  it('filters by tag whatever its case, hiding links, which carry no tags', () => {
    expect(ids({ kind: 'all', tag: 'pakistan' })).toEqual(['h30'])
    expect(ids({ kind: 'all', tag: 'casualties' })).toEqual(['h46', 'h30'])
    expect(ids({ kind: 'all', tag: 'no such tag' })).toEqual([])
  })

  it('filters by colour', () => {
    expect(ids({ kind: 'all', color: 'pink' })).toEqual(['h46'])
    expect(ids({ kind: 'all', color: 'blue' })).toEqual([])
  })

  it('filters by relation, hiding highlights', () => {
    expect(ids({ kind: 'all', relation: 'contradicts' })).toEqual(['l1'])
    expect(ids({ kind: 'all', relation: 'cites' })).toEqual([])
  })

  it('filters by article: highlights in it and links with either end in it', () => {
    expect(ids({ kind: 'all', articleId: 'kabul' })).toEqual(['l2'])
    expect(ids({ kind: 'all', articleId: 'report' })).toEqual(['l2', 'h46', 'l1', 'h30'])
  })

  it('filters by an inclusive range of days', () => {
    expect(ids({ kind: 'all', since: localDay('2025-03-02T12:00:00.000Z'), until: localDay('2025-03-03T12:00:00.000Z') })).toEqual(['h46', 'l1'])
  })

  it('ignores a half-typed or malformed date bound instead of hiding everything', () => {
    expect(ids({ kind: 'all', since: '2025-0' })).toHaveLength(4)
    expect(ids({ kind: 'all', until: 'yesterday' })).toHaveLength(4)
  })

  it('finds every word of the search text in quotes, notes, tags and relations', () => {
    expect(ids({ kind: 'all', text: 'ISPR' })).toEqual(['h30'])
    expect(ids({ kind: 'all', text: 'militants contradicts' })).toEqual(['l1'])
    expect(ids({ kind: 'all', text: '  ' })).toHaveLength(4)
    expect(ids({ kind: 'all', text: 'militants nowhere' })).toEqual([])
  })

  it('treats search text as plain text, not a pattern', () => {
    expect(ids({ kind: 'all', text: '.*' })).toEqual([])
    expect(ids({ kind: 'all', text: '(' })).toEqual([])
  })

  it('combines filters', () => {
    expect(ids({ kind: 'all', tag: 'casualties', color: 'yellow', text: 'ispr' })).toEqual(['h30'])
    expect(ids({ kind: 'all', tag: 'casualties', relation: 'contradicts' })).toEqual([])
  })

  it('names the articles notes point into, once each, a missing one as such', () => {
    const orphan = link({ id: 'l3', from: THIRTY, to: { ...KABUL_46, articleId: 'gone' }, relation: 'cites', toTitle: '' })
    expect(articlesOf(toEntries([thirty], [supports, orphan]))).toEqual([
      { id: 'kabul', title: 'Kabul account' },
      { id: 'gone', title: 'Missing article' },
      { id: 'report', title: 'Report' },
    ])
  })

  it('opens a highlight at its passage and a link at its starting end', () => {
    expect(primaryTarget(entries.find((e) => e.id === 'h30')!)).toBe(THIRTY)
    expect(primaryTarget(entries.find((e) => e.id === 'l2')!)).toBe(FORTY_SIX)
  })

  it('gives no day for a timestamp that is not a date', () => {
    expect(localDay('not a date')).toBe('')
  })
})
