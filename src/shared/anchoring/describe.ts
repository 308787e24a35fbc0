// Turns a range of the plain text into the selectors stored with a note.

import type { TextPositionSelector, TextQuoteSelector } from '../notes'

/** Context kept on each side of a quote; enough to tell repeated quotes apart. */
export const CONTEXT_LENGTH = 32

export interface RangeSelectors {
  quote: TextQuoteSelector
  position: TextPositionSelector
}

/** Selectors for [start, end) of `text`; offsets are clamped into the text. */
export function describeRange(text: string, start: number, end: number): RangeSelectors {
  const from = clamp(start, 0, text.length)
  const to = clamp(end, from, text.length)
  return {
    quote: {
      type: 'TextQuoteSelector',
      exact: text.slice(from, to),
      prefix: text.slice(Math.max(0, from - CONTEXT_LENGTH), from),
      suffix: text.slice(to, to + CONTEXT_LENGTH),
    },
    position: { type: 'TextPositionSelector', start: from, end: to },
  }
}

function clamp(value: number, low: number, high: number): number {
  if (!Number.isFinite(value)) return low
  return Math.min(high, Math.max(low, Math.trunc(value)))
}
