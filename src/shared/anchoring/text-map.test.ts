import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { BLOCK_SEPARATOR } from '../types'
import { REPORT_BLOCKS } from './fixture.test-data'
import { blockRanges, blockStarts, plainText, toArticleOffset, toBlockPosition } from './text-map'

const blocks = [{ text: 'Title' }, { text: 'First para.' }, { text: '' }, { text: 'Last.' }]

describe('plain text and block offsets', () => {
  it('joins block texts with the block separator', () => {
    expect(plainText(blocks)).toBe(['Title', 'First para.', '', 'Last.'].join(BLOCK_SEPARATOR))
    expect(plainText([])).toBe('')
  })

  it('maps article offsets to block offsets and back', () => {
    const starts = blockStarts(blocks)
    expect(starts).toEqual([0, 7, 20, 22])
    expect(toBlockPosition(blocks, starts, 9)).toEqual({ blockIndex: 1, offset: 2 })
    expect(toArticleOffset(blocks, starts, { blockIndex: 1, offset: 2 })).toBe(9)
    expect(toBlockPosition(blocks, starts, 27)).toEqual({ blockIndex: 3, offset: 5 })
  })

  it('snaps an offset inside a separator forward or backward', () => {
    const starts = blockStarts(blocks)
    expect(toBlockPosition(blocks, starts, 6, 'forward')).toEqual({ blockIndex: 1, offset: 0 })
    expect(toBlockPosition(blocks, starts, 6, 'backward')).toEqual({ blockIndex: 0, offset: 5 })
  })

  it('refuses offsets outside the text and positions outside a block', () => {
    const starts = blockStarts(blocks)
    expect(toBlockPosition(blocks, starts, -1)).toBeUndefined()
    expect(toBlockPosition(blocks, starts, 28)).toBeUndefined()
    expect(toBlockPosition(blocks, starts, 1.5)).toBeUndefined()
    expect(toBlockPosition([], [], 0)).toBeUndefined()
    expect(toArticleOffset(blocks, starts, { blockIndex: 4, offset: 0 })).toBeUndefined()
    expect(toArticleOffset(blocks, starts, { blockIndex: 0, offset: 6 })).toBeUndefined()
  })

  it('round-trips every offset of a real article', () => {
    const text = plainText(REPORT_BLOCKS)
    const starts = blockStarts(REPORT_BLOCKS)
    fc.assert(
      fc.property(fc.integer({ min: 0, max: text.length }), (offset) => {
        const position = toBlockPosition(REPORT_BLOCKS, starts, offset, 'forward')
        expect(position).toBeDefined()
        if (position === undefined) return
        const back = toArticleOffset(REPORT_BLOCKS, starts, position)
        const inSeparator = back !== offset
        if (inSeparator) expect(text.slice(offset - 1, back)).toMatch(/^\n+$/)
        else expect(back).toBe(offset)
      }),
    )
  })
})

describe('blockRanges', () => {
  it('splits a range spanning blocks into per-block pieces without separators', () => {
    expect(blockRanges(blocks, 2, 24)).toEqual([
      { blockIndex: 0, start: 2, end: 5 },
      { blockIndex: 1, start: 0, end: 11 },
      { blockIndex: 3, start: 0, end: 2 },
    ])
  })

  it('gives one piece for a range inside one block and none for empty or reversed ranges', () => {
    expect(blockRanges(blocks, 8, 12)).toEqual([{ blockIndex: 1, start: 1, end: 5 }])
    expect(blockRanges(blocks, 8, 8)).toEqual([])
    expect(blockRanges(blocks, 9, 3)).toEqual([])
    expect(blockRanges(blocks, 5, 7)).toEqual([])
  })

  it('clips a range reaching past the text', () => {
    expect(blockRanges(blocks, -5, 1000)).toHaveLength(3)
  })

  it('pieces put back together give the range text without separators', () => {
    const text = plainText(REPORT_BLOCKS)
    const starts = blockStarts(REPORT_BLOCKS)
    fc.assert(
      fc.property(fc.nat(text.length), fc.nat(text.length), (a, b) => {
        const [start, end] = a <= b ? [a, b] : [b, a]
        const joined = blockRanges(REPORT_BLOCKS, start, end)
          .map((piece) => text.slice((starts[piece.blockIndex] ?? 0) + piece.start, (starts[piece.blockIndex] ?? 0) + piece.end))
          .join('')
        expect(joined).toBe(text.slice(start, end).split('\n').join(''))
      }),
    )
  })
})
