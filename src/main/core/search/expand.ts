// Turns the parser's terms into the exact index terms to look up: the word being
// typed expands to the words it begins, and a word the index has never seen
// expands to its near spellings. Both expansions are capped, most frequent
// first, so a short prefix or a long typo cannot touch the whole vocabulary.

import type { Clause } from './query-parser'
import type { Segment } from './segment'

/** Most words a prefix expands to. */
export const MAX_PREFIX_TERMS = 24
/** Most words a misspelling expands to. */
export const MAX_FUZZY_TERMS = 8
/** Typos are only guessed at for words this long; shorter ones have too many neighbours. */
export const MIN_FUZZY_LENGTH = 4

const PREFIX_WEIGHT = 0.75
const FUZZY_WEIGHT = [1, 0.6, 0.4]

/** Exact index terms for one clause, each with a weight in (0, 1]. */
export type ExpandedTerms = Map<string, number>

function expandTerm(term: string, prefix: boolean, segments: readonly Segment[]): ExpandedTerms {
  const out: ExpandedTerms = new Map([[term, 1]])
  const known = segments.some((s) => s.hasTerm(term))
  if (prefix) {
    const counts = new Map<string, number>()
    for (const segment of segments) segment.collectPrefix(term, counts)
    counts.delete(term)
    const top = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_PREFIX_TERMS)
    for (const [candidate] of top) out.set(candidate, PREFIX_WEIGHT)
    if (known || top.length > 0) return out
  }
  if (known || term.length < MIN_FUZZY_LENGTH || /\d/.test(term)) return out
  const distance = term.length <= 5 ? 1 : 2
  const near = new Map<string, [number, number]>()
  for (const segment of segments) segment.collectFuzzy(term, distance, near)
  const top = [...near].sort((a, b) => a[1][0] - b[1][0] || b[1][1] - a[1][1]).slice(0, MAX_FUZZY_TERMS)
  for (const [candidate, [edits]] of top) out.set(candidate, FUZZY_WEIGHT[edits] ?? 0.3)
  return out
}

/** Expansion of every clause, keyed by the clause object. */
export function expandClauses(clauses: Iterable<Clause>, segments: readonly Segment[]): Map<Clause, ExpandedTerms> {
  const expanded = new Map<Clause, ExpandedTerms>()
  for (const clause of clauses) {
    if (clause.kind === 'term') expanded.set(clause, expandTerm(clause.term, clause.prefix, segments))
    else expanded.set(clause, new Map(clause.terms.map((t) => [t, 1])))
  }
  return expanded
}
