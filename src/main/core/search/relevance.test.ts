// Relevance on a small realistic corpus: for each kind of query, the expected
// article ranks first and the expected passage (or note) is its first hit.

import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import type { SearchRequest, SearchResultGroup } from '../../../shared/search'
import { SegmentedIndex } from './segmented-index'
import { corpusInputs } from './testing/corpus'

let index: SegmentedIndex

beforeAll(async () => {
  // Capacity 3 spreads the corpus over several segments, as a large archive would be.
  index = new SegmentedIndex(mkdtempSync(join(tmpdir(), 'dossier-relevance-')), 3)
  await index.list()
  for (const input of corpusInputs()) index.upsert(input)
})

const search = (query: string, extra: Omit<SearchRequest, 'query'> = {}) => index.search({ query, ...extra })
const firstHit = (group: SearchResultGroup | undefined) => {
  const hit = group?.hits[0]
  return hit === undefined ? undefined : hit.kind === 'passage' ? hit.blockId : hit.annotationId
}
const marked = (group: SearchResultGroup) => {
  const snippet = group.hits[0]!.snippet
  return snippet.highlights.map((h) => snippet.text.slice(h.start, h.end))
}

describe('relevance', () => {
  it.each([
    ['single term', 'Torkham', 'torkham', 'torkham-b1'],
    ['two terms in one passage', 'Paktika militants', 'ttp', 'ttp-b22'],
    ['prefix of the word being typed', 'monsoon displ', 'floods', 'floods-b1'],
    ['misspelt name', 'Waziristn', 'ttp', 'ttp-b17'],
    ['phrase', '"cowardly act"', 'ttp', 'ttp-b5'],
    ['name with diacritics, typed without', 'Khowarazmi', 'algebra', 'algebra-b1'],
    ['grouped number', '1,500 teachers', 'budget', 'budget-b2'],
    ['money amount', '$54 million schools', 'budget', 'budget-b1'],
    ['year', '2024 budget', 'budget', 'budget-b1'],
    ['small number', '16 schools', 'budget', 'budget-b2'],
    ['hyphenated word whole', 'Tehrik-i-Taliban', 'ttp', 'ttp-b3'],
    ['part of a hyphenated word', 'border trade customs', 'torkham', 'torkham-b3'],
    ['possessive with a curly apostrophe', 'Barmal district', 'ttp', 'ttp-b3'],
  ])('%s: %s finds the expected article and passage first', (_kind, query, article, passage) => {
    const { groups } = search(query)
    expect(groups[0]?.articleId).toBe(article)
    expect(firstHit(groups[0])).toBe(passage)
  })

  it('highlights the matched words in the snippet, whole hyphenated words included', () => {
    const group = search('cross-border Torkham').groups[0]!
    expect(group.articleId).toBe('torkham')
    expect(marked(search('Tehrik-i-Taliban').groups[0]!)).toEqual(['Tehrik-i-Taliban'])
    expect(marked(search('"cowardly act"').groups[0]!)).toContain('cowardly act')
    expect(marked(search('Khowarazmi').groups[0]!)).toEqual(['Khowārazmī'])
  })

  it('checks a phrase against the text, not just the words', () => {
    expect(search('"act cowardly"').total).toBe(0)
    expect(search('"Islamic Emirate will not leave"').groups.map((g) => g.articleId)).toEqual(['ttp'])
  })

  it('excludes articles with -term', () => {
    const ids = search('Pakistan -TTP').groups.map((g) => g.articleId)
    expect(ids).not.toContain('ttp')
    expect(ids).toEqual(expect.arrayContaining(['torkham', 'cricket']))
  })

  it('matches either side of OR', () => {
    expect(search('floods OR Australia').groups.map((g) => g.articleId).sort()).toEqual(['cricket', 'floods'])
  })

  it.each([
    ['title:', 'title:diplomacy', 'kabul-diplomacy'],
    ['author:', 'author:Yousafzai', 'kabul-diplomacy'],
    ['source:', 'source:Reuters', 'floods'],
    ['tag:', 'tag:mathematics', 'algebra'],
  ])('restricts to the %s field', (_field, query, article) => {
    expect(search(query).groups.map((g) => g.articleId)).toEqual([article])
  })

  it('author: does not match the same name in the text', () => {
    // Yousafzai is quoted in the TTP article but wrote only the diplomacy one.
    expect(search('Yousafzai').total).toBe(2)
    expect(search('author:Yousafzai').total).toBe(1)
  })

  it('finds notes with note: and names the annotation', () => {
    const { groups } = search('note:UNHCR')
    expect(groups.map((g) => g.articleId)).toEqual(['floods'])
    expect(groups[0]!.hits[0]).toMatchObject({ kind: 'annotation', annotationId: 'note-unhcr', blockId: 'floods-b1' })
  })

  it('finds annotation tags with tag: and note text with plain terms', () => {
    expect(firstHit(search('tag:followup').groups[0])).toBe('note-zarb')
    expect(firstHit(search('Zarb-e-Azb').groups[0])).toBe('note-zarb')
  })

  it('filters by source, tag, dates, annotations and article', () => {
    expect(search('border', { filters: { source: ['dawn'] } }).groups.map((g) => g.articleId).sort()).toEqual(['budget', 'torkham'])
    expect(search('Pakistan', { filters: { tags: ['Economy'] } }).groups.map((g) => g.articleId)).toEqual(['torkham'])
    expect(search('Pakistan', { filters: { publishedFrom: '2024-12-01', publishedTo: '2024-12-31' } }).groups.map((g) => g.articleId)).toEqual(['ttp'])
    expect(search('thousands', { filters: { addedTo: '2023-01-05' } }).groups.map((g) => g.articleId)).toEqual(['floods'])
    expect(search('thousands', { filters: { hasAnnotations: true } }).groups.map((g) => g.articleId).sort()).toEqual(['floods', 'ttp'])
    expect(search('Pakistan', { filters: { hasAnnotations: false } }).groups.map((g) => g.articleId).sort()).toEqual(['cricket', 'torkham'])
    expect(search('Pakistan', { filters: { articleId: 'cricket' } }).groups.map((g) => g.articleId)).toEqual(['cricket'])
  })

  it('sorts by date when asked', () => {
    const newest = search('Pakistan', { sort: 'newest' }).groups.map((g) => g.articleId)
    expect(newest).toEqual(['torkham', 'ttp', 'cricket'])
    expect(search('Pakistan', { sort: 'oldest' }).groups.map((g) => g.articleId)).toEqual(['cricket', 'ttp', 'torkham'])
  })

  it('limits groups and hits, and reports the total', () => {
    const result = search('Pakistan', { limit: 1, hitsPerArticle: 2 })
    expect(result.groups).toHaveLength(1)
    expect(result.groups[0]!.hits).toHaveLength(2)
    expect(result.total).toBe(3)
  })

  it('returns nothing for empty, stop-word-only or exclusion-only queries', () => {
    for (const query of ['', '   ', 'the of', '-pakistan', '""', '-']) expect(search(query).total).toBe(0)
  })

  it('does not guess typos for unknown short words or numbers', () => {
    expect(search('1501').total).toBe(0)
    expect(search('tpp').total).toBe(0)
  })
})
