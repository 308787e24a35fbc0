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
  const prefixWindow = text.slice(Math.max(0, candidate.start - quote.prefix.length), candidate.start)
  const suffixWindow = text.slice(candidate.end, candidate.end + quote.suffix.length)
  const quoteScore = quote.exact.length === 0 ? 1 : 1 - candidate.errors / quote.exact.length
  const positionScore =
    hint === undefined || text.length === 0 ? 1 : 1 - Math.min(1, Math.abs(candidate.start - hint) / text.length)
  return (
    WEIGHTS.quote * quoteScore +
    WEIGHTS.prefix * similarity(prefixWindow, quote.prefix) +
    WEIGHTS.suffix * similarity(suffixWindow, quote.suffix) +
    WEIGHTS.position * positionScore
  )
}

/** The best-scoring candidate; earlier candidates win ties, so results are stable. */
export function bestCandidate(
  text: string,
  quote: TextQuoteSelector,
  candidates: readonly Candidate[],
  hint: number | undefined,
): Candidate | undefined {
  let best: Candidate | undefined
  let bestScore = -Infinity
  for (const candidate of candidates) {
    const score = scoreCandidate(text, quote, candidate, hint)
    if (score > bestScore) {
      best = candidate
      bestScore = score
    }
  }
  return best
}
