// Result filters over the article metadata a segment keeps.

import type { SearchFilters } from '../../../shared/search'
import type { IndexedArticle } from './segment'

/**
 * Compares ISO dates as strings, so "2024-12" and "2024-12-24T10:00Z" order
 * correctly. A `to` bound is inclusive of the whole day it names.
 */
function inRange(value: string | undefined, from: string | undefined, to: string | undefined): boolean {
  if (from === undefined && to === undefined) return true
  if (value === undefined) return false
  if (from !== undefined && value < from) return false
  if (to !== undefined && value > to && !value.startsWith(to)) return false
  return true
}

const lower = (values: readonly string[]): Set<string> => new Set(values.map((v) => v.toLowerCase()))

export function matchesFilters(article: IndexedArticle, filters: SearchFilters | undefined): boolean {
  if (filters === undefined) return true
  if (filters.articleId !== undefined && article.id !== filters.articleId) return false
  if (filters.source !== undefined && filters.source.length > 0) {
    if (article.source === undefined || !lower(filters.source).has(article.source.toLowerCase())) return false
  }
  if (filters.tags !== undefined && filters.tags.length > 0) {
    const tags = lower(article.tags)
    for (const tag of filters.tags) if (!tags.has(tag.toLowerCase())) return false
  }
  if (filters.hasAnnotations !== undefined && filters.hasAnnotations !== article.annotationCount > 0) return false
  return (
    inRange(article.publishedAt, filters.publishedFrom, filters.publishedTo) &&
    inRange(article.addedAt, filters.addedFrom, filters.addedTo)
  )
}

/** The filters as one predicate, with their lists prepared once per query; undefined when nothing is filtered. */
export function compileFilters(filters: SearchFilters | undefined): ((article: IndexedArticle) => boolean) | undefined {
  if (filters === undefined || Object.values(filters).every((v) => v === undefined)) return undefined
  const sources = filters.source !== undefined && filters.source.length > 0 ? lower(filters.source) : undefined
  const tags = filters.tags !== undefined && filters.tags.length > 0 ? [...lower(filters.tags)] : undefined
  const rest = { ...filters, source: undefined, tags: undefined }
  return (article) => {
    if (sources !== undefined && (article.source === undefined || !sources.has(article.source.toLowerCase()))) return false
    if (tags !== undefined) {
      const own = article.tags.map((t) => t.toLowerCase())
      for (const tag of tags) if (!own.includes(tag)) return false
    }
    return matchesFilters(article, rest)
  }
}
