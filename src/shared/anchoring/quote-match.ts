// Exact and fuzzy quote matching. Exact occurrences are cheap and tried first;
// fuzzy matching (Myers' bit-parallel algorithm, via approx-string-match) only
// when the quote no longer occurs as written.

import search from 'approx-string-match'
import type { TextQuoteSelector } from '../notes'
import { bestCandidate, contextAgreement, type Candidate } from './context-score'

/**
 * A quote repeated more often than this (a very short one, say) is scored only
 * at the occurrences nearest its old position, so scoring stays bounded.
 */
export const MAX_EXACT_CANDIDATES = 1000

/** Share of a quote's characters that may differ in a fuzzy match. */
export const FUZZY_ERROR_RATE = 0.25
/** Upper bound on edits, so a long quote cannot match unrelated text. */
export const MAX_FUZZY_ERRORS = 64

export function fuzzyErrorBudget(quoteLength: number): number {
  return Math.min(MAX_FUZZY_ERRORS, Math.floor(quoteLength * FUZZY_ERROR_RATE))
}

function exactOccurrences(text: string, exact: string, hint: number | undefined): Candidate[] {
  const found: Candidate[] = []
  for (let at = text.indexOf(exact); at !== -1; at = text.indexOf(exact, at + 1)) {
    found.push({ start: at, end: at + exact.length, errors: 0 })
  }
  if (found.length <= MAX_EXACT_CANDIDATES) return found
  const anchor = hint ?? 0
  return found
    .sort((a, b) => Math.abs(a.start - anchor) - Math.abs(b.start - anchor) || a.start - b.start)
    .slice(0, MAX_EXACT_CANDIDATES)
}

/** The exact occurrence of the quote whose context agrees best, if any. */
export function matchExactQuote(text: string, quote: TextQuoteSelector, hint?: number): Candidate | undefined {
  if (quote.exact.length === 0) return undefined
  return bestCandidate(text, quote, exactOccurrences(text, quote.exact, hint), hint)
}

/**
 * A fuzzy match must also keep at least this share of its prefix or of its
 * suffix: an edited passage usually keeps its surroundings, while text that
 * merely resembles a deleted quote elsewhere does not.
 */
export const MIN_FUZZY_CONTEXT = 0.5

/** The closest approximate match within the error budget whose context still agrees, if any. */
export function matchFuzzyQuote(text: string, quote: TextQuoteSelector, hint?: number): Candidate | undefined {
  const budget = fuzzyErrorBudget(quote.exact.length)
  if (budget < 1 || text.length === 0) return undefined
  const matches = search(text, quote.exact, budget).filter((match) => match.end > match.start)
  const best = bestCandidate(text, quote, matches, hint)
  if (best === undefined) return undefined
  const context = contextAgreement(text, quote, best)
  return Math.max(context.prefix, context.suffix) >= MIN_FUZZY_CONTEXT ? best : undefined
}
