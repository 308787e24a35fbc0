// Prefix and typo expansion over the index's one vocabulary: the word being
// typed counts every article holding a word it begins (the total is exact, not
// capped), and a misspelt word is found in whichever segment holds it.

import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { foldCase, indexTerms } from './tokenize'
import { SegmentedIndex } from './segmented-index'
import { makeArticle } from './testing/corpus'
import { Segment, type IndexInput } from './segment'
import { Vocabulary } from './vocabulary'

const input = (id: string, paragraphs: string[], title = `Report ${id}`, tags: string[] = []): IndexInput => ({
  article: makeArticle({ id, title, addedAt: '2025-01-01T00:00:00.000Z', tags, paragraphs }),
  annotations: [],
  stamp: 's',
})

/** Distinct words beginning with "mat": mata, matb, … matz, mataa, matab, … */
const matWords = (count: number): string[] =>
  Array.from({ length: count }, (_, i) => 'mat' + (i < 26 ? String.fromCharCode(97 + i) : String.fromCharCode(97 + Math.floor(i / 26) - 1) + String.fromCharCode(97 + (i % 26))))

async function indexOf(inputs: IndexInput[], capacity = 4, dir = mkdtempSync(join(tmpdir(), 'dossier-expand-'))): Promise<SegmentedIndex> {
  const index = new SegmentedIndex(dir, capacity)
  await index.list()
  for (const i of inputs) index.upsert(i)
  return index
}

/** Articles any of whose words begins with the prefix, counted from the inputs themselves. */
function scanCount(inputs: IndexInput[], prefix: string, also?: string): number {
  return inputs.filter(({ article }) => {
    const words = indexTerms([article.title, ...article.blocks.map((b) => b.text)].join('\n'))
    return words.some((w) => w.startsWith(prefix)) && (also === undefined || words.includes(foldCase(also)))
  }).length
}

describe('prefix expansion', () => {
  const words = matWords(90)
  // Each article holds a word no other holds, spread over many segments, plus articles with none.
  const inputs = [
    ...words.map((w, i) => input(`m${i}`, [`The survey found ${w} near the ${i % 3 === 0 ? 'river' : 'road'}.`])),
    ...Array.from({ length: 10 }, (_, i) => input(`x${i}`, ['Nothing here begins that way, said the river warden.'])),
  ]

  it('counts every article holding a word the typed prefix begins, well past any expansion cap', async () => {
    const index = await indexOf(inputs)
    const { total, groups } = index.search({ query: 'mat' })
    expect(total).toBe(scanCount(inputs, 'mat'))
    expect(total).toBe(90)
    expect(groups).toHaveLength(20)
    expect(index.search({ query: 'mat', limit: 500 }).groups.map((g) => g.articleId).sort()).toEqual(words.map((_, i) => `m${i}`).sort())
  })

  it('is exact with another word, an exclusion and a longer prefix', async () => {
    const index = await indexOf(inputs)
    expect(index.search({ query: 'river mat' }).total).toBe(scanCount(inputs, 'mat', 'river'))
    expect(index.search({ query: 'river mat' }).total).toBe(30)
    expect(index.search({ query: 'mat -river' }).total).toBe(60)
    expect(index.search({ query: 'mata' }).total).toBe(scanCount(inputs, 'mata'))
  })

  it('highlights the word that matched, whichever expansion it was', async () => {
    const index = await indexOf(inputs)
    const group = index.search({ query: 'mat', limit: 500 }).groups.find((g) => g.articleId === 'm77')!
    const snippet = group.hits[0]!.snippet
    expect(snippet.highlights.map((h) => snippet.text.slice(h.start, h.end))).toEqual([words[77]])
  })

  it('leaves out words whose articles were removed, and falls back to a typo when none is left', async () => {
    const index = await indexOf([input('only', ['The harbour flooded.']), input('near', ['A harvest festival.'])], 1)
    expect(index.search({ query: 'harb' }).total).toBe(1)
    index.remove('only')
    // "harbour" lingers in the segment as a tombstone until compaction: it must neither match nor count.
    expect(index.search({ query: 'harb' }).total).toBe(0)
    expect(index.search({ query: 'harbou' }).groups.map((g) => g.articleId)).toEqual([])
  })

  it('does not expand a prefix shorter than three letters, or a quoted word', async () => {
    const index = await indexOf(inputs)
    expect(index.search({ query: 'ma' }).total).toBe(0)
    expect(index.search({ query: '"mat"' }).total).toBe(0)
  })
})

describe('one vocabulary across segments', () => {
  const filler = (n: number, from = 0) => Array.from({ length: n }, (_, i) => input(`f${from + i}`, [`Routine report number ${from + i} on trade.`]))

  it('finds by a typo a word held only by the oldest segment, also after reopening from disk', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dossier-vocab-'))
    const inputs = [input('old', ['The Zanzibar archipelago traded cloves.']), ...filler(20)]
    const index = await indexOf(inputs, 3, dir)
    expect(index.search({ query: 'Zanzibr' }).groups.map((g) => g.articleId)).toEqual(['old'])
    await index.flush()
    const reopened = new SegmentedIndex(dir, 3)
    const report = await reopened.load()
    expect(report).toEqual({ segments: 7, problems: [] })
    expect(reopened.search({ query: 'Zanzibr' }).groups.map((g) => g.articleId)).toEqual(['old'])
    expect(reopened.search({ query: 'Zanzi' }).groups.map((g) => g.articleId)).toEqual(['old'])
  })

  it('keeps a word while any segment holds it, and forgets it when the last one is emptied', async () => {
    const index = await indexOf([input('a', ['Zanzibar cloves.']), input('b', ['Zanzibar spices.']), ...filler(3)], 1)
    const typo = () => index.search({ query: 'Zanzibr' }).groups.map((g) => g.articleId).sort()
    expect(typo()).toEqual(['a', 'b'])
    index.remove('a') // its segment is emptied and leaves the index
    expect(typo()).toEqual(['b'])
    index.remove('b')
    expect(typo()).toEqual([])
    index.upsert(input('c', ['Zanzibar again.']))
    expect(typo()).toEqual(['c'])
  })

  it('loses the words compaction drops from a segment, and keeps answering typos after it', async () => {
    const long = (id: string, word: string) => input(id, Array.from({ length: 700 }, (_, i) => `Passage ${i} about the ${word}.`))
    const index = await indexOf([long('l', 'Zanzibar'), input('k', ['Kilimanjaro rises.'])], 10)
    expect(index.search({ query: 'Zanzibr' }).total).toBe(1)
    index.upsert(long('l', 'Madagascar')) // re-adding deletes 700 documents: the segment compacts
    expect(index.search({ query: 'Zanzibr' }).total).toBe(0)
    expect(index.search({ query: 'Zanzi' }).total).toBe(0)
    expect(index.search({ query: 'Madagscar' }).groups.map((g) => g.articleId)).toEqual(['l'])
    expect(index.search({ query: 'Kilimanjar' }).groups.map((g) => g.articleId)).toEqual(['k'])
  })

  it('keeps a word one segment leaves while another still holds it', () => {
    const vocabulary = new Vocabulary()
    const a = Segment.create(1)
    const b = Segment.create(2)
    a.add(input('a', ['Zanzibar cloves.']))
    b.add(input('b', ['Zanzibar spices.']))
    a.attach(vocabulary)
    b.attach(vocabulary)
    a.attach(vocabulary) // attaching again changes nothing
    expect([...vocabulary.near('zanzibr', 1).keys()]).toEqual(['zanzibar'])
    a.detach()
    expect(vocabulary.has('zanzibar')).toBe(true)
    expect(vocabulary.has('cloves')).toBe(false)
    b.detach()
    expect(vocabulary.size).toBe(0)
  })

  it('forgets the words a compaction drops from an attached segment', () => {
    const vocabulary = new Vocabulary()
    const segment = Segment.create(1)
    segment.attach(vocabulary)
    const long = (word: string) => input('l', Array.from({ length: 700 }, (_, i) => `Passage ${i} about the ${word}.`))
    segment.add(long('Zanzibar'))
    expect(vocabulary.has('zanzibar')).toBe(true)
    segment.add(long('Madagascar'))
    expect(vocabulary.has('zanzibar')).toBe(false)
    expect(vocabulary.has('madagascar')).toBe(true)
    expect(vocabulary.has('passage')).toBe(true)
  })
})
