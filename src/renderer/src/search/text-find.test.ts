// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { findOffsets, findRanges } from './text-find'

const texts = (text: string, needles: string[]) => findOffsets(text, needles).map(([s, e]) => text.slice(s, e))

describe('findOffsets', () => {
  it('ignores case and accents, and maps back to the original characters', () => {
    expect(texts('Ahmad Shāh in PESHAWAR and Peshāwar', ['peshawar'])).toEqual(['PESHAWAR', 'Peshāwar'])
    expect(texts('Café society', ['CAFE'])).toEqual(['Café'])
  })

  it('keeps offsets right when folding drops a character (an accent typed as a combining mark)', () => {
    const text = 'Cafe\u0301 au lait, then İstanbul'
    expect(texts(text, ['cafe au'])).toEqual(['Cafe\u0301 au'])
    expect(texts(text, ['istanbul'])).toEqual(['İstanbul'])
  })

  it('finds several needles in document order, the longer one winning where they overlap', () => {
    expect(texts('Waziristan and North Waziristan', ['North Waziristan', 'Waziristan'])).toEqual(['Waziristan', 'North Waziristan'])
  })

  it('returns nothing for blank needles or no needles, and does not loop on them', () => {
    expect(findOffsets('some text', ['', '   '])).toEqual([])
    expect(findOffsets('some text', [])).toEqual([])
    expect(findOffsets('', ['a'])).toEqual([])
  })

  it('does not overlap matches of a repeating needle', () => {
    expect(findOffsets('aaaa', ['aa'])).toEqual([
      [0, 2],
      [2, 4],
    ])
  })
})

describe('findRanges', () => {
  it('spans a match across inline elements without touching the DOM', () => {
    document.body.innerHTML = '<div id="root"><p>The <em>46 peo</em>ple killed</p><p>46 people again</p></div>'
    const root = document.getElementById('root')!
    const before = root.innerHTML
    const ranges = findRanges(root, ['46 people'])
    expect(ranges.map((r) => r.toString())).toEqual(['46 people', '46 people'])
    expect(root.innerHTML).toBe(before)
  })

  it('finds nothing in an element without text', () => {
    document.body.innerHTML = '<div id="root"><img alt="x"></div>'
    expect(findRanges(document.getElementById('root')!, ['x'])).toEqual([])
  })
})
