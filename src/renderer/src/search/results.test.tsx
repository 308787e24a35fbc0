// @vitest-environment jsdom
import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { SearchResultGroup } from '../../../shared/search'
import { HighlightedText } from './HighlightedText'
import { matchedTerms, normaliseRanges, resultItems } from './results'

afterEach(cleanup)

const group: SearchResultGroup = {
  articleId: 'a/1',
  title: 'Waziristan operations',
  titleHighlights: [{ start: 0, end: 10 }],
  addedAt: '2025-01-01',
  tags: [],
  score: 2,
  hits: [
    { kind: 'passage', blockId: 'b1', score: 2, snippet: { text: 'in WAZIRISTAN, 46 people', highlights: [{ start: 3, end: 13 }, { start: 15, end: 24 }], offset: 0, truncatedStart: false, truncatedEnd: false } },
    { kind: 'annotation', annotationId: 'n1', score: 1, snippet: { text: 'a note', highlights: [{ start: 0, end: 1 }], offset: 0, truncatedStart: false, truncatedEnd: false } },
  ],
}

describe('result helpers', () => {
  it('lists the article row then each hit, with DOM-safe keys, and no block for a loose note', () => {
    const items = resultItems([group])
    expect(items).toEqual([
      { key: 'sr-a_1', articleId: 'a/1' },
      { key: 'sr-a_1-0', articleId: 'a/1', blockId: 'b1' },
      { key: 'sr-a_1-1', articleId: 'a/1' },
    ])
  })

  it('collects the words actually matched, once each ignoring case, skipping one-letter ones', () => {
    expect(matchedTerms(group)).toEqual(['Waziristan', '46 people'])
  })

  it('clamps, sorts and merges ranges, dropping empty and reversed ones', () => {
    expect(normaliseRanges('abcdefghij', [{ start: 8, end: 99 }, { start: 2, end: 4 }, { start: 3, end: 6 }, { start: 5, end: 5 }, { start: 7, end: 6 }, { start: -3, end: 1 }])).toEqual([
      { start: 0, end: 1 },
      { start: 2, end: 6 },
      { start: 8, end: 10 },
    ])
  })
})

describe('HighlightedText', () => {
  it('wraps each range in <mark> and keeps the rest as plain text', () => {
    const { container } = render(<HighlightedText text="at least 46 people killed" ranges={[{ start: 9, end: 18 }]} />)
    expect(container.innerHTML).toBe('at least <mark>46 people</mark> killed')
  })

  it('renders markup in the text as text, even inside a highlight', () => {
    const { container } = render(<HighlightedText text={'<img src=x onerror=alert(1)>'} ranges={[{ start: 0, end: 4 }]} />)
    expect(container.querySelector('img')).toBeNull()
    expect(container.textContent).toBe('<img src=x onerror=alert(1)>')
  })

  it('survives ranges past the end of the text', () => {
    const { container } = render(<HighlightedText text="short" ranges={[{ start: 3, end: 500 }, { start: 900, end: 901 }]} />)
    expect(container.innerHTML).toBe('sho<mark>rt</mark>')
  })
})
