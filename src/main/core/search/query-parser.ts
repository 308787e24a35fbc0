// Parses the search box's syntax. It never throws: a mistake (an unbalanced
// quote, a lone "-", "title:" with nothing after it) falls back to plain terms.

import { SEARCH_MAX_QUERY_LENGTH } from '../../../shared/search'
import { phraseWords, queryTerms } from './tokenize'

export const SEARCH_FIELDS = ['title', 'author', 'source', 'tag', 'note'] as const
export type SearchField = (typeof SEARCH_FIELDS)[number]

const FIELD_ALIASES: Record<string, SearchField> = {
  title: 'title',
  author: 'author',
  byline: 'author',
  source: 'source',
  tag: 'tag',
  tags: 'tag',
  note: 'note',
  notes: 'note',
}

/** Prefix expansion needs 3+ characters: shorter prefixes touch most of the vocabulary. */
export const MIN_PREFIX_LENGTH = 3

export interface TermClause {
  kind: 'term'
  term: string
  field?: SearchField
  /** The last word while typing: also matches words it begins. */
  prefix: boolean
}

export interface PhraseClause {
  kind: 'phrase'
  /** Every word in order, stop words included, for the check against the text. */
  words: string[]
  /** The searchable words, all of which a candidate must contain. */
  terms: string[]
  field?: SearchField
}

export type Clause = TermClause | PhraseClause

export interface ParsedQuery {
  /** Every group must match the article; a group matches if any of its clauses does. */
  required: Clause[][]
  /** An article matching any of these is left out. */
  excluded: Clause[]
}

interface RawItem {
  text: string
  quoted: boolean
  negated: boolean
  field?: SearchField
}

const FIELD_PREFIX = /^([a-z]+):(?=[^\s])/i

/** Splits the query into items; unbalanced quotes are dropped. */
function scan(query: string): RawItem[] {
  let text = query.slice(0, SEARCH_MAX_QUERY_LENGTH).replace(/[“”„]/g, '"')
  const quotes = text.split('"').length - 1
  if (quotes % 2 === 1) {
    const last = text.lastIndexOf('"')
    text = text.slice(0, last) + ' ' + text.slice(last + 1)
  }
  const items: RawItem[] = []
  let i = 0
  while (i < text.length) {
    while (i < text.length && /\s/.test(text[i]!)) i++
    if (i >= text.length) break
    let negated = false
    if (text[i] === '-' && i + 1 < text.length && !/\s/.test(text[i + 1]!)) {
      negated = true
      i++
    }
    let field: SearchField | undefined
    const fieldMatch = FIELD_PREFIX.exec(text.slice(i))
    const alias = fieldMatch === null ? undefined : FIELD_ALIASES[fieldMatch[1]!.toLowerCase()]
    if (fieldMatch !== null && alias !== undefined) {
      field = alias
      i += fieldMatch[0].length
    }
    if (text[i] === '"') {
      const close = text.indexOf('"', i + 1)
      items.push({ text: text.slice(i + 1, close), quoted: true, negated, field })
      i = close + 1
      continue
    }
    let end = i
    while (end < text.length && !/[\s"]/.test(text[end]!)) end++
    items.push({ text: text.slice(i, end), quoted: false, negated, field })
    i = end
  }
  return items
}

function toClauses(item: RawItem): Clause[] {
  if (item.quoted) {
    const terms = queryTerms(item.text)
    if (terms.length === 0) return []
    if (terms.length === 1 && phraseWords(item.text).length === 1) {
      return [{ kind: 'term', term: terms[0]!, field: item.field, prefix: false }]
    }
    return [{ kind: 'phrase', words: phraseWords(item.text), terms, field: item.field }]
  }
  return queryTerms(item.text).map((term) => ({ kind: 'term', term, field: item.field, prefix: false }))
}

const isOr = (item: RawItem): boolean => !item.quoted && !item.negated && item.field === undefined && (item.text === 'OR' || item.text === '|')

export function parseQuery(query: string): ParsedQuery {
  const items = scan(typeof query === 'string' ? query : '')
  const required: Clause[][] = []
  const excluded: Clause[] = []
  let joinNext = false
  let lastRequired: { item: RawItem; clauses: Clause[] } | undefined
  for (const item of items) {
    if (isOr(item)) {
      joinNext = required.length > 0
      continue
    }
    const clauses = toClauses(item)
    if (clauses.length === 0) continue
    if (item.negated) {
      excluded.push(...clauses)
      continue
    }
    if (joinNext) {
      // "a b OR c": OR binds the neighbouring words only, as in web search.
      const previous = required.pop()!
      required.push([...previous, clauses[0]!], ...clauses.slice(1).map((c) => [c]))
    } else {
      required.push(...clauses.map((c) => [c]))
    }
    joinNext = false
    lastRequired = { item, clauses }
  }
  // The word being typed is a prefix, unless quoted or too short to expand usefully.
  if (lastRequired !== undefined && !lastRequired.item.quoted && !/\s$/.test(query)) {
    const last = lastRequired.clauses[lastRequired.clauses.length - 1]!
    if (last.kind === 'term' && last.term.length >= MIN_PREFIX_LENGTH) last.prefix = true
  }
  return { required, excluded }
}
