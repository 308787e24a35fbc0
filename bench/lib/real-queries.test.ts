import { describe, expect, it } from 'vitest'
import { brownTexts } from './brown'
import { realQueries } from './real-queries'
import { boundedDistance, maxEdits } from './typos'

describe('the real-text query mix', () => {
  const queries = realQueries(13)
  const words = new Set(brownTexts().flatMap((t) => t.paragraphs.flatMap((p) => p.toLowerCase().split(/[^\p{L}\p{N}]+/u))))

  it('is the same for the same seed and holds every kind the issue names', () => {
    expect(realQueries(13)).toEqual(queries)
    expect(realQueries(14)).not.toEqual(queries)
    expect(new Set(queries.map((q) => q.kind))).toEqual(new Set(['name', 'place', 'two-terms', 'three-terms', 'prefix', 'fuzzy', 'phrase', 'common', 'not', 'or', 'filtered']))
  })

  it('draws its words from the corpus', () => {
    for (const q of queries.filter((x) => !['fuzzy', 'prefix'].includes(x.kind))) {
      for (const w of q.query.replace(/["-]|\bOR\b/g, ' ').toLowerCase().split(/\s+/).filter((x) => x !== '')) expect(words.has(w), `${q.query}: ${w}`).toBe(true)
    }
    for (const q of queries.filter((x) => x.kind === 'prefix')) expect(q.query.split(' ').at(-1)).toHaveLength(3)
  })

  it('makes each typo one edit from a real word, never a word itself, meaning the words the edit rule reaches', () => {
    for (const q of queries.filter((x) => x.kind === 'fuzzy')) {
      expect(words.has(q.query), q.query).toBe(false)
      const meant = q.means!.trim().split(' OR ')
      expect(meant.some((w) => boundedDistance(q.query, w, 1) === 1), q.query).toBe(true)
      for (const w of meant) expect(boundedDistance(q.query, w, maxEdits(q.query))).toBeLessThanOrEqual(maxEdits(q.query))
    }
  })
})
