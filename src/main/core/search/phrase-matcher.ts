// Phrase checks for search: exact and fast for plain ASCII text, falling back
// to the tokenised check where folding could differ.

import { phraseRanges } from './result-group'

/** Characters the plain check cannot fold as tokenize does: apostrophes and anything outside ASCII. */
const NEEDS_TOKENS = /['\u0080-\uffff]/

const escape = (word: string): string => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/**
 * A phrase check that is exact without tokenising for plain ASCII text: the
 * words in order, as whole words, with only non-word characters between them
 * (as tokenize skips them). Text with diacritics or apostrophes, or a phrase
 * with numbers ("1,500"), can fold differently and takes the tokenised check.
 */
export class PhraseMatcher {
  private readonly pattern: RegExp
  private readonly numeric: boolean
  private constructor(private readonly words: readonly string[]) {
    this.pattern = new RegExp(`(?<![\\p{L}\\p{N}])${words.map(escape).join('[^\\p{L}\\p{N}]+')}(?![\\p{L}\\p{N}])`, 'u')
    this.numeric = words.some((w) => /\d/.test(w))
  }

  /** One per distinct phrase, kept across queries: V8 compiles a RegExp to machine code only after it has run a while. */
  static for(words: readonly string[]): PhraseMatcher {
    const key = words.join(' ')
    let matcher = PhraseMatcher.cache.get(key)
    if (matcher === undefined) {
      if (PhraseMatcher.cache.size >= 64) PhraseMatcher.cache.delete(PhraseMatcher.cache.keys().next().value!)
      PhraseMatcher.cache.set(key, (matcher = new PhraseMatcher(words)))
    }
    return matcher
  }
  private static readonly cache = new Map<string, PhraseMatcher>()

  test(lower: string, original: string): boolean {
    if (this.pattern.test(lower)) return true
    if (!this.numeric && !NEEDS_TOKENS.test(lower)) return false
    return phraseRanges(original, this.words).length > 0
  }
}
