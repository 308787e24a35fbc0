import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AnswerKey } from './answers'
import { brownArchive } from './brown'
import { Fts5Peer } from './fts5'
import type { GeneratedArticle } from './generate'
import type { BenchQuery } from './queries'
import { realQueries } from './real-queries'

function article(id: string, text: string, extra: Partial<GeneratedArticle> = {}): GeneratedArticle {
  return {
    id,
    title: `Article ${id}`,
    tags: [],
    format: 'text',
    wordCount: text.split(' ').length,
    readingMinutes: 1,
    contentHash: id,
    addedAt: '2020-01-01T00:00:00.000Z',
    updatedAt: '2020-01-01T00:00:00.000Z',
    blocks: [{ id: `${id}-p0`, type: 'paragraph', text }],
    text,
    ...extra,
  }
}

describe('the SQLite FTS5 peer', () => {
  describe('on the real-text corpus', () => {
    const articles = brownArchive(400, 5)
    const queries = realQueries()
    const key = new AnswerKey(articles, queries)
    const peer = new Fts5Peer()
    beforeAll(() => peer.build(articles))
    afterAll(() => peer.dispose())

    it('answers every query of the mix as the answer key says', async () => {
      const wrong: string[] = []
      for (const q of queries) if (!key.isRight(q, await peer.search(q))) wrong.push(q.query)
      expect(wrong).toEqual([])
      expect(queries.filter((q) => key.matching(q) > 0).length).toBeGreaterThan(queries.length / 2)
    })

    it('gives as total the number of matching articles (COUNT), not the page', async () => {
      // A typo's total counts its 8 nearest words, the check every near word, so those are left out.
      const split = new AnswerKey(articles, queries, { joinedWords: false })
      for (const q of queries.filter((x) => x.kind !== 'fuzzy')) {
        await peer.search(q)
        expect(peer.total, q.query).toBe(split.matching(q))
      }
      const many = queries.find((q) => key.matching(q) > 20)!
      expect((await peer.search(many)).length).toBe(20)
      expect(peer.total).toBeGreaterThan(20)
    })
  })

  describe('typos by Dossier’s edit rule', () => {
    const peer = new Fts5Peer()
    beforeAll(() =>
      peer.build([
        article('a', 'canvas painting'),
        article('b', 'canvass voters'),
        article('c', 'cavas museum'),
        article('d', 'harbour harbor harbors harboured', { source: 'Dawn' }),
        article('e', 'cat bat hat'),
        article('f', 'station 2019 stations'),
      ]),
    )
    afterAll(() => peer.dispose())
    const q = (query: string): BenchQuery => ({ kind: 'fuzzy', query })

    it('reads an unknown word of 4–5 letters as the words one edit away, and not two', async () => {
      // "cnvas" (5 letters): canvas and cavas are one edit away, canvass two.
      expect(peer.expand('cnvas', false).terms.sort()).toEqual(['canvas', 'cavas', 'cnvas'])
      expect((await peer.search(q('cnvas'))).sort()).toEqual(['a', 'c'])
    })

    it('allows two edits from 6 letters on', async () => {
      // "canvss" (6 letters): canvas one edit, canvass one, cavas two.
      expect(peer.expand('canvss', false).terms.sort()).toEqual(['canvas', 'canvass', 'canvss', 'cavas'])
      expect((await peer.search(q('canvss'))).sort()).toEqual(['a', 'b', 'c'])
    })

    it('leaves known words, words under 4 letters and words with digits as typed', () => {
      expect(peer.expand('canvas', false).terms).toEqual(['canvas'])
      expect(peer.expand('cst', false).terms).toEqual(['cst'])
      expect(peer.expand('statio9', false).terms).toEqual(['statio9'])
    })

    it('reads the last word as a prefix first, and as a typo only when nothing begins with it', async () => {
      expect(peer.expand('harb', true)).toEqual({ terms: ['harb'], prefix: true })
      expect(await peer.search({ kind: 'prefix', query: 'harb' })).toEqual(['d'])
      expect(peer.expand('stetion', true).terms).toContain('station')
    })

    it('excludes the near spellings of an excluded typo too', async () => {
      expect(await peer.search({ kind: 'not', query: 'painting -canvs' })).toEqual([])
      expect(peer.total).toBe(0)
    })
  })
})
