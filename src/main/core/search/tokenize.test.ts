import { describe, expect, it } from 'vitest'
import { foldCase, indexTerms, phraseWords, queryTerms, tokenize } from './tokenize'

describe('tokenize', () => {
  it('folds diacritics so Khowārazmī and Khowarazmi are one term', () => {
    expect(indexTerms('al-Khowārazmī')).toContain('khowarazmi')
    expect(queryTerms('Khowarazmi')).toEqual(['khowarazmi'])
    expect(foldCase('Muḥammad ibn Mūsā')).toBe('muhammad ibn musa')
  })

  it('drops possessives with straight and curly apostrophes', () => {
    expect(indexTerms('Pakistan’s and Afghanistan\'s')).toEqual(['pakistan', 'afghanistan'])
    expect(queryTerms('Pakistan’s')).toEqual(['pakistan'])
  })

  it('indexes a hyphenated word whole and by its parts, and queries it whole', () => {
    expect(indexTerms('Tehrik-i-Taliban').sort()).toEqual(['taliban', 'tehrik', 'tehrikitaliban'])
    expect(indexTerms('cross-border attacks').sort()).toEqual(['attacks', 'border', 'cross', 'crossborder'])
    expect(queryTerms('cross-border')).toEqual(['crossborder'])
  })

  it('keeps numbers, folding digit grouping, and keeps decimals', () => {
    expect(indexTerms('1,500 teachers, $54 million in 2024 and 16 schools, 3.5 per cent')).toEqual([
      '1500', 'teachers', '54', 'million', '2024', '16', 'schools', '3.5', 'per', 'cent',
    ])
    expect(queryTerms('1,500')).toEqual(['1500'])
  })

  it('treats an en dash as a range, not a joiner', () => {
    expect(indexTerms('1996–2001')).toEqual(['1996', '2001'])
  })

  it('leaves out stop words and lone letters from the index but keeps them for phrases', () => {
    expect(indexTerms('the strikes of a year')).toEqual(['strikes', 'year'])
    expect(phraseWords('The strikes of a year')).toEqual(['the', 'strikes', 'of', 'a', 'year'])
    expect(queryTerms('the')).toEqual([])
  })

  it('gives offsets into the original text, before folding', () => {
    const text = 'Dr. Khowārazmī’s work'
    const token = tokenize(text).find((t) => t.term === 'khowarazmi')!
    expect(text.slice(token.start, token.end)).toBe('Khowārazmī’s')
  })

  it('returns nothing for empty, punctuation-only or symbol input', () => {
    expect(tokenize('')).toEqual([])
    expect(indexTerms('—  … !!! $ %')).toEqual([])
    expect(queryTerms('-')).toEqual([])
  })
})
