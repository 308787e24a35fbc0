// Dossier's typo rule, for the peers and query generation that must follow it
// (src/main/core/search/expand.ts): a word the index does not hold, of 4+
// letters and no digits, matches the words within 1 edit (4–5 letters) or 2
// edits (longer), at most 8 of them, fewest edits first, then most frequent.

export const MIN_TYPO_LENGTH = 4
export const MAX_TYPO_TERMS = 8

/** Whether a word the index lacks is read as a typo at all. */
export const isTypoCandidate = (term: string): boolean => term.length >= MIN_TYPO_LENGTH && !/\d/.test(term)

/** Edits allowed for a word of this length. */
export const maxEdits = (term: string): number => (term.length <= 5 ? 1 : 2)

let previous = new Int32Array(64)
let current = new Int32Array(64)

/** Levenshtein distance if it is at most `max`, else max + 1 (two reused rows: no allocation per word). */
export function boundedDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1
  if (b.length + 1 > previous.length) {
    previous = new Int32Array(b.length * 2 + 2)
    current = new Int32Array(b.length * 2 + 2)
  }
  for (let j = 0; j <= b.length; j++) previous[j] = j
  for (let i = 1; i <= a.length; i++) {
    current[0] = i
    let best = i
    const ca = a.charCodeAt(i - 1)
    for (let j = 1; j <= b.length; j++) {
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1))
      current[j] = value
      if (value < best) best = value
    }
    if (best > max) return max + 1
    ;[previous, current] = [current, previous]
  }
  return previous[b.length]!
}

/** The words of `vocabulary` (word → frequency) a typo stands for under the rule, nearest and most frequent first. */
export function nearWords(typo: string, vocabulary: Iterable<[string, number]>, limit = MAX_TYPO_TERMS): string[] {
  const max = maxEdits(typo)
  const near: [string, number, number][] = []
  for (const [word, frequency] of vocabulary) {
    const edits = boundedDistance(typo, word, max)
    if (edits <= max) near.push([word, edits, frequency])
  }
  return near
    .sort((x, y) => x[1] - y[1] || y[2] - x[2] || (x[0] < y[0] ? -1 : 1))
    .slice(0, limit)
    .map(([word]) => word)
}
