// Finds where a stored target lands in an article's current text: the cheapest
// strategy first (the stored position), then the quote, fuzzy last. A target
// that cannot be found is reported orphaned, never dropped.

import type { AnchorState, TextPositionSelector, TextQuoteSelector } from '../notes'
import { matchExactQuote, matchFuzzyQuote } from './quote-match'

export interface AnchorableTarget {
  quote: TextQuoteSelector
  position?: TextPositionSelector
}

/** The quote with its context; prefix and suffix are optional in the W3C model (quote-only targets, as Hypothesis writes some). */
function quoteOf(value: unknown): TextQuoteSelector | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const quote = value as Record<string, unknown>
  if (typeof quote.exact !== 'string') return undefined
  const context = (v: unknown): string | undefined => (v === undefined || v === null ? '' : typeof v === 'string' ? v : undefined)
  const prefix = context(quote.prefix)
  const suffix = context(quote.suffix)
  if (prefix === undefined || suffix === undefined) return undefined
  return { ...(quote as unknown as TextQuoteSelector), exact: quote.exact, prefix, suffix }
}

function validPosition(value: unknown, textLength: number): TextPositionSelector | undefined {
  if (typeof value !== 'object' || value === null) return undefined
  const { start, end } = value as Record<string, unknown>
  if (typeof start !== 'number' || typeof end !== 'number') return undefined
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > textLength) return undefined
  return { type: 'TextPositionSelector', start, end }
}

/**
 * The stored position still holds the quote with its full context. Context is
 * checked too: when text moves, another copy of a repeated quote may now sit
 * at the old offsets, and only the quote search can tell them apart.
 */
function positionHolds(text: string, quote: TextQuoteSelector, position: TextPositionSelector): boolean {
  return (
    text.slice(position.start, position.end) === quote.exact &&
    text.slice(Math.max(0, position.start - quote.prefix.length), position.start) === quote.prefix &&
    text.slice(position.end, position.end + quote.suffix.length) === quote.suffix
  )
}

export function anchorTarget(text: string, target: AnchorableTarget): AnchorState {
  const quote = typeof target === 'object' && target !== null ? quoteOf(target.quote) : undefined
  if (typeof text !== 'string' || quote === undefined) return { status: 'orphaned' }
  const position = validPosition(target.position, text.length)
  if (position !== undefined && positionHolds(text, quote, position)) {
    return { status: 'anchored', start: position.start, end: position.end, method: 'position' }
  }
  if (quote.exact.length === 0) return { status: 'orphaned' }
  const hint = position?.start
  const exact = matchExactQuote(text, quote, hint)
  if (exact !== undefined) return { status: 'anchored', start: exact.start, end: exact.end, method: 'quote' }
  const fuzzy = matchFuzzyQuote(text, quote, hint)
  if (fuzzy !== undefined) return { status: 'anchored', start: fuzzy.start, end: fuzzy.end, method: 'fuzzy' }
  return { status: 'orphaned' }
}
