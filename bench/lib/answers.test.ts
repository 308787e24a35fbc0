import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { stampOf } from '../../src/main/core/search'
import { SegmentedIndex } from '../../src/main/core/search/segmented-index'
import { AnswerKey } from './answers'
import { generateArchive, type GeneratedArticle } from './generate'
import { LinearScan, TOP } from './peers'
import { QUERY_MIX, type BenchQuery } from './queries'

const byQuery = (text: string): BenchQuery => QUERY_MIX.find((q) => q.query === text)!

describe('the bench answer key', () => {
  let articles: GeneratedArticle[]
  let key: AnswerKey
  let dir: string
  let index: SegmentedIndex

  beforeAll(async () => {
    articles = [...generateArchive(300)]
    key = new AnswerKey(articles, QUERY_MIX)
    dir = mkdtempSync(join(tmpdir(), 'dossier-answers-'))
    index = new SegmentedIndex(dir, 100)
    await index.list()
    for (const article of articles) index.upsert({ article, annotations: [], stamp: stampOf(article, []) })
  })
  afterAll(() => rmSync(dir, { recursive: true, force: true }))

  it('holds Dossier to every query of the mix, and Dossier answers each right', () => {
    // 300 articles span 2015 only, so the two queries filtered to later years rightly match nothing.
    expect(QUERY_MIX.filter((q) => key.matching(q) === 0).map((q) => q.query)).toEqual(['floods Karachi', 'inflation'])
    for (const query of QUERY_MIX) {
      const ids = index.search({ query: query.query, filters: query.filters }, { hits: false }).groups.map((g) => g.articleId)
      expect(key.isRight(query, ids), query.query).toBe(true)
    }
  })

  it('reads a typo as the word meant', () => {
    const typo = byQuery('Waziristn')
    const meant: BenchQuery = { kind: 'single', query: 'Waziristan' }
    expect(key.matching(typo)).toBe(new AnswerKey(articles, [meant]).matching(meant))
  })

  it('reads a OR b as either word and -word as leaving out the articles holding it', () => {
    const q = (query: string): BenchQuery => ({ kind: 'or', query })
    const of = (query: BenchQuery) => new AnswerKey(articles, [query]).matching(query)
    const a = of(q('remittances '))
    const b = of(q('Khowarazmi '))
    const both = of(q('remittances Khowarazmi '))
    expect(a).toBeGreaterThan(both)
    expect(of(q('remittances OR Khowarazmi '))).toBe(a + b - both)
    expect(of(q('remittances -Khowarazmi '))).toBe(a - both)
  })

  it('judges an answer wrong when it holds an article that does not match, repeats one, or stops short', async () => {
    const query = byQuery('"Sara Malik"')
    const right = index.search({ query: query.query }, { hits: false }).groups.map((g) => g.articleId)
    expect(right).toHaveLength(Math.min(TOP, key.matching(query)))
    const outsider = articles.find((a) => !a.text.includes('Sara Malik') && a.byline !== 'Sara Malik' && !a.title.includes('Sara Malik'))!
    expect(key.isRight(query, [...right.slice(0, -1), outsider.id])).toBe(false)
    expect(key.isRight(query, [...right.slice(0, -1), right[0]!])).toBe(false)
    expect(key.isRight(query, right.slice(0, -1))).toBe(false)
  })

  it('judges a linear scan wrong on typos: it finds nothing where the meant word is everywhere', async () => {
    const scan = new LinearScan()
    await scan.build(articles)
    const typo = byQuery('Kandahr')
    expect(await scan.search(typo)).toEqual([])
    expect(key.isRight(typo, await scan.search(typo))).toBe(false)
    const plain = byQuery('remittances')
    expect(key.isRight(plain, await scan.search(plain))).toBe(true)
  })
})
