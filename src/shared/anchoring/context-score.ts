// Scores a candidate match by how well its surroundings agree with the stored
// prefix and suffix and how close it sits to the stored position, after
// Hypothesis's match-quote: context outweighs position, which only breaks ties.

import search from 'approx-string-match'
import type { TextQuoteSelector } from '../notes'

export const WEIGHTS = { quote: 50, prefix: 20, suffix: 20, position: 2 } as const

/** 1 when `window` contains `expected` exactly, falling towards 0 with each edit. */
function similarity(window: string, expected: string): number {
  if (expected.length === 0) return window.length === 0 ? 1 : 0.5
  if (window.length === 0) return 0
  const matches = search(window, expected, expected.length)
  const errors = matches.reduce((least, match) => Math.min(least, match.errors), expected.length)
  return 1 - errors / expected.length
}

/** How well the text on each side of a candidate agrees with the stored context, 0..1 each. */
export function contextAgreement(text: string, quote: TextQuoteSelector, candidate: Candidate): { prefix: number; suffix: number } {
  const prefixWindow = text.slice(Math.max(0, candidate.start - quote.prefix.length), candidate.start)
  const suffixWindow = text.slice(candidate.end, candidate.end + quote.suffix.length)
  return { prefix: similarity(prefixWindow, quote.prefix), suffix: similarity(suffixWindow, quote.suffix) }
}

export interface Candidate {
  start: number
  end: number
  /** Edits between the stored quote and the text here (0 for exact matches). */
  errors: number
}

export function scoreCandidate(
  text: string,
  quote: TextQuoteSelector,
  candidate: Candidate,
  hint: number | undefined,
): number {
  const context = contextAgreement(text, quote, candidate)
  const quoteScore = quote.exact.length === 0 ? 1 : 1 - candidate.errors / quote.exact.length
  const positionScore =
    hint === undefined || text.length === 0 ? 1 : 1 - Math.min(1, Math.abs(candidate.start - hint) / text.length)
  return (
    WEIGHTS.quote * quoteScore +
    WEIGHTS.prefix * context.prefix +
    WEIGHTS.suffix * context.suffix +
    WEIGHTS.position * positionScore
  )
}

function contextHolds(text: string, quote: TextQuoteSelector, candidate: Candidate): boolean {
  return (
    candidate.errors === 0 &&
    text.slice(Math.max(0, candidate.start - quote.prefix.length), candidate.start) === quote.prefix &&
    text.slice(candidate.end, candidate.end + quote.suffix.length) === quote.suffix
  )
}

/** The best-scoring candidate; earlier candidates win ties, so results are stable. */
export function bestCandidate(
  text: string,
  quote: TextQuoteSelector,
  candidates: readonly Candidate[],
  hint: number | undefined,
): Candidate | undefined {
  // A candidate with the quote and both contexts intact scores highest on all
  // but position, so when one exists only those need scoring: this skips the
  // approximate context search that makes a short, often-repeated quote slow.
  const intact = candidates.filter((candidate) => contextHolds(text, quote, candidate))
  const pool = intact.length > 0 ? intact : candidates
  let best: Candidate | undefined
  let bestScore = -Infinity
  for (const candidate of pool) {
    const score = scoreCandidate(text, quote, candidate, hint)
    if (score > bestScore) {
      best = candidate
      bestScore = score
    }
  }
  return best
}
