// Turns a ranked article and its best hits into the result group the UI shows:
// snippets cut and highlighted for the returned hits only.

import type { HighlightRange, SearchHit, SearchResultGroup } from '../../../shared/search'
import type { DocRecord, IndexedArticle } from './segment'
import { highlightRanges, makeSnippet } from './snippet'
import { tokenize, type Token } from './tokenize'

export interface RankedHit {
  record: DocRecord
  score: number
  /** Query groups the passage or note matched. */
  groups: number
}

/** Ranges where the word sequence occurs in text (folded, stop words kept). */
export function phraseRanges(text: string, words: readonly string[], tokens: Token[] = tokenize(text)): HighlightRange[] {
  const ranges: HighlightRange[] = []
  outer: for (let i = 0; i + words.length <= tokens.length; i++) {
    for (let j = 0; j < words.length; j++) if (tokens[i + j]!.term !== words[j]) continue outer
    ranges.push({ start: tokens[i]!.start, end: tokens[i + words.length - 1]!.end })
  }
  return ranges
}

export function toGroup(article: IndexedArticle, score: number, ranked: RankedHit[], highlightTerms: ReadonlySet<string>, phrases: readonly string[][], highlight = true): SearchResultGroup {
  const hits: SearchHit[] = []
  for (const { record, score: hitScore } of ranked) {
    const tokens = tokenize(record.text)
    const ranges = phrases.flatMap((words) => phraseRanges(record.text, words, tokens))
    const snippet = makeSnippet(record.text, highlightRanges(record.text, highlightTerms, ranges, tokens))
    if (record.kind === 'annotation') {
      hits.push({ kind: 'annotation', annotationId: record.annotationId!, blockId: record.blockId, score: hitScore, snippet })
    } else {
      hits.push({ kind: 'passage', blockId: record.blockId!, score: hitScore, snippet })
    }
  }
  return {
    articleId: article.id,
    title: article.title,
    titleHighlights: highlight ? highlightRanges(article.title, highlightTerms) : [],
    byline: article.byline,
    source: article.source,
    publishedAt: article.publishedAt,
    addedAt: article.addedAt,
    tags: article.tags,
    score,
    hits,
  }
}
