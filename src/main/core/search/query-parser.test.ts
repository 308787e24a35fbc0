import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parseQuery } from './query-parser'

const terms = (query: string) => parseQuery(query).required.map((g) => g.map((c) => (c.kind === 'term' ? c.term : c.words.join(' '))))

describe('parseQuery', () => {
  it('makes every plain word required and the last one a prefix', () => {
    const { required } = parseQuery('afghan strik')
    expect(terms('afghan strik')).toEqual([['afghan'], ['strik']])
    expect(required[0]![0]).toMatchObject({ prefix: false })
    expect(required[1]![0]).toMatchObject({ prefix: true })
  })

  it('does not expand a prefix shorter than three letters, or after a trailing space', () => {
    expect(parseQuery('pakistan wa').required[1]![0]).toMatchObject({ prefix: false })
    expect(parseQuery('pakistan waz ').required[1]![0]).toMatchObject({ prefix: false })
  })

  it('reads quoted phrases, keeping stop words for the check', () => {
    const clause = parseQuery('"the Islamic Emirate"').required[0]![0]!
    expect(clause).toMatchObject({ kind: 'phrase', words: ['the', 'islamic', 'emirate'], terms: ['islamic', 'emirate'] })
  })

  it('reads exclusions, OR and fields', () => {
    const parsed = parseQuery('title:TTP kabul OR islamabad -cricket note:"UNHCR figures" tag:followup')
    expect(parsed.required.map((g) => g.map((c) => [c.field ?? '', c.kind === 'term' ? c.term : c.words.join(' ')]))).toEqual([
      [['title', 'ttp']],
      [['', 'kabul'], ['', 'islamabad']],
      [['note', 'unhcr figures']],
      [['tag', 'followup']],
    ])
    expect(parsed.excluded).toMatchObject([{ kind: 'term', term: 'cricket' }])
  })

  it('falls back to plain terms on syntax mistakes', () => {
    expect(terms('"cowardly act')).toEqual([['cowardly'], ['act']])
    expect(terms('taliban - kabul')).toEqual([['taliban'], ['kabul']])
    expect(terms('title: kabul')).toEqual([['title'], ['kabul']])
    expect(terms('OR kabul OR')).toEqual([['kabul']])
    expect(terms('unknown:kabul')).toEqual([['unknown'], ['kabul']])
    expect(parseQuery('---').required).toEqual([])
  })

  it('never throws and always returns well-formed clauses, whatever the input', () => {
    const alphabet = fc.constantFrom('"', '“', '”', '-', ':', ' ', 'OR', 'title:', 'note:', 'a', 'é', '’', '1,5', '\u0000', '\n', 'taliban', '(', ')', '*')
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 200 }), fc.array(alphabet, { maxLength: 40 }).map((p) => p.join(''))), (query) => {
        const parsed = parseQuery(query)
        for (const group of parsed.required) {
          expect(group.length).toBeGreaterThan(0)
          for (const clause of group) expect(clause.kind === 'term' ? clause.term : clause.terms.join('')).not.toBe('')
        }
      }),
      { numRuns: 2000 },
    )
  })

  it('treats non-string input as an empty query', () => {
    expect(parseQuery(undefined as unknown as string)).toEqual({ required: [], excluded: [] })
  })
})
