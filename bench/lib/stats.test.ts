import { describe, expect, it } from 'vitest'
import { meets, missedTargets, type Row } from './stats'

const row = (value: number, target?: string): Row => ({ suite: 'search', scale: '10,000 brown', metric: '  p95 fuzzy', value, unit: 'ms', ...(target !== undefined ? { target } : {}) })

describe('targets in the bench table', () => {
  it('reads < > ≤ ≥ targets, a bound itself meeting ≤ and ≥ only', () => {
    expect(meets(16, '≤ 16')).toBe(true)
    expect(meets(16, '< 16')).toBe(false)
    expect(meets(16.1, '≤ 16')).toBe(false)
    expect(meets(3, '≥ 3')).toBe(true)
    expect(meets(2, '> 3')).toBe(false)
    expect(meets(5, 'fast')).toBeUndefined()
  })

  it('names every target missed, a value not measured included, and none met', () => {
    expect(missedTargets([row(2.5, '≤ 3'), row(4.25, '≤ 3'), row(NaN, '≤ 3'), row(9)])).toEqual([
      'MISSED: search 10,000 brown p95 fuzzy = 4.25 ms, target ≤ 3',
      'MISSED: search 10,000 brown p95 fuzzy = n/a ms, target ≤ 3',
    ])
  })
})
