// Turns the parser's terms into the exact index terms to look up, from the
// index's one vocabulary (vocabulary.ts, MiniSearch's radix tree). The word
// being typed expands to every word it begins, so the total counts every
// match: a cap (24 words, as before) made 'mat' show 3,955 of 4,051 matching
// articles. A word the index has never seen expands to its nearest spellings,
// most frequent first, capped: a typo stands for one word, not all near ones.

import type { Clause } from './query-parser'
import type { Segment } from './segment'
import type { Vocabulary } from './vocabulary'

/** Most words a misspelling expands to. */
export const MAX_FUZZY_TERMS = 8
/** Typos are only guessed at for words this long; shorter ones have too many neighbours. */
export const MIN_FUZZY_LENGTH = 4

const PREFIX_WEIGHT = 0.75
const FUZZY_WEIGHT = [1, 0.6, 0.4]

/** Exact index terms for one clause, each with a weight in (0, 1]. */
export type ExpandedTerms = Map<string, number>

/** Whether any segment holds the term in a live document (a removed article's terms linger until compaction). */
const isLive = (term: string, segments: readonly Segment[]): boolean => segments.some((s) => s.hasTerm(term))

function expandTerm(term: string, prefix: boolean, segments: readonly Segment[], vocabulary: Vocabulary): ExpandedTerms {
  const out: ExpandedTerms = new Map([[term, 1]])
  const known = isLive(term, segments)
  if (prefix) {
    const longer = vocabulary.withPrefix(term).filter((t) => t !== term)
    for (const candidate of longer) out.set(candidate, PREFIX_WEIGHT)
    if (known || longer.some((t) => isLive(t, segments))) return out
  }
  if (known || term.length < MIN_FUZZY_LENGTH || /\d/.test(term)) return out
  const distance = term.length <= 5 ? 1 : 2
  const near: [string, number, number][] = []
  for (const [candidate, edits] of vocabulary.near(term, distance)) {
    let frequency = 0
    for (const segment of segments) frequency += segment.documentFrequency(candidate)
    if (frequency > 0) near.push([candidate, edits, frequency])
  }
  near.sort((a, b) => a[1] - b[1] || b[2] - a[2] || (a[0] < b[0] ? -1 : 1))
  for (const [candidate, edits] of near.slice(0, MAX_FUZZY_TERMS)) out.set(candidate, FUZZY_WEIGHT[edits] ?? 0.3)
  return out
}

/** Expansion of every clause, keyed by the clause object. */
export function expandClauses(clauses: Iterable<Clause>, segments: readonly Segment[], vocabulary: Vocabulary): Map<Clause, ExpandedTerms> {
  const expanded = new Map<Clause, ExpandedTerms>()
  for (const clause of clauses) {
    if (clause.kind === 'term') expanded.set(clause, expandTerm(clause.term, clause.prefix, segments, vocabulary))
    else expanded.set(clause, new Map(clause.terms.map((t) => [t, 1])))
  }
  return expanded
}
