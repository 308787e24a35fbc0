import { describe, expect, it } from 'vitest'
import { segmentBlock } from './segments'

describe('segmentBlock', () => {
  const text = 'Pakistan said its strikes killed over 30 militants.'

  it('returns the whole block as one bare segment when nothing is highlighted', () => {
    expect(segmentBlock(100, text, [])).toEqual([{ text, start: 0, end: text.length, ids: [] }])
  })

  it('splits overlapping highlights into segments carrying every covering id', () => {
    const segments = segmentBlock(100, text, [
      { id: 'a', start: 100 + 14, end: 100 + 32 }, // "strikes killed over"
      { id: 'b', start: 100 + 26, end: 100 + 50 }, // "over 30 militants"…
    ])
    expect(segments.map((s) => [s.text, s.ids])).toEqual([
      ['Pakistan said ', []],
      ['its strikes ', ['a']],
      ['killed', ['a', 'b']],
      [' over 30 militants', ['b']],
      ['.', []],
    ])
    expect(segments.map((s) => s.text).join('')).toBe(text)
  })

  it('clips a highlight that runs on from an earlier block into a later one', () => {
    const segments = segmentBlock(100, text, [{ id: 'span', start: 40, end: 108 }])
    expect(segments[0]).toEqual({ text: 'Pakistan', start: 0, end: 8, ids: ['span'] })
    expect(segments[1]?.ids).toEqual([])
  })

  it('nests a highlight inside another and handles identical ranges', () => {
    const segments = segmentBlock(0, 'abcdef', [
      { id: 'outer', start: 0, end: 6 },
      { id: 'inner', start: 2, end: 4 },
      { id: 'twin', start: 2, end: 4 },
    ])
    expect(segments.map((s) => [s.text, s.ids])).toEqual([
      ['ab', ['outer']],
      ['cd', ['outer', 'inner', 'twin']],
      ['ef', ['outer']],
    ])
  })

  it('ignores highlights outside the block, empty ones and non-numeric offsets', () => {
    expect(
      segmentBlock(10, 'abc', [
        { id: 'before', start: 0, end: 10 },
        { id: 'after', start: 13, end: 20 },
        { id: 'empty', start: 11, end: 11 },
        { id: 'nan', start: Number.NaN, end: 12 },
      ]),
    ).toEqual([{ text: 'abc', start: 0, end: 3, ids: [] }])
    expect(segmentBlock(0, '', [{ id: 'x', start: 0, end: 5 }])).toEqual([])
  })
})
