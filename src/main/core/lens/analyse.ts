// The analyst lens over one article: pure, so it runs in a worker, a test or the bench alike.

import { extractEntities } from './entities'
import { extractEvents } from './dates'
import { extractFigures, groupFigures } from './figures'
import { extractQuotes } from './quotes'
import { ANALYSER_VERSION, type AnalysisInput, type ArticleAnalysis } from './types'

/** Text past this is not analysed: a book-length import would hold the worker for minutes. */
export const MAX_ANALYSED_CHARS = 100_000

export function analyseArticle(input: AnalysisInput): ArticleAnalysis {
  const truncated = input.text.length > MAX_ANALYSED_CHARS
  const text = truncated ? input.text.slice(0, MAX_ANALYSED_CHARS) : input.text
  if (text.trim() === '') return { version: ANALYSER_VERSION, entities: [], quotes: [], figures: [], groups: [], events: [] }
  const { entities, mentions } = extractEntities(text)
  const quotes = extractQuotes(text, mentions, truncated ? undefined : input.blocks)
  const { events, spans } = extractEvents(text, input.publishedAt, mentions)
  const figures = extractFigures(text, mentions, quotes, spans)
  const groups = groupFigures(figures)
  return { version: ANALYSER_VERSION, entities, quotes, figures, groups, events, ...(truncated ? { truncated } : {}) }
}
