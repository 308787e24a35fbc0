// The fixed query mix every engine answers: the kinds an analyst types.

import type { SearchFilters } from '../../src/shared/search'

export type QueryKind = 'single' | 'two-terms' | 'prefix' | 'fuzzy' | 'phrase' | 'filtered'
  // The real-text mix's kinds as well (real-queries.ts).
  | 'name' | 'place' | 'three-terms' | 'common' | 'not' | 'or'

export interface BenchQuery {
  kind: QueryKind
  /** Dossier syntax; peers get the words (and the phrase as words). */
  query: string
  filters?: SearchFilters
  /** For a misspelt query: what the user meant, which the answer check holds every engine to. */
  means?: string
}

export const QUERY_MIX: BenchQuery[] = [
  { kind: 'single', query: 'Waziristan' },
  { kind: 'single', query: 'remittances' },
  { kind: 'single', query: 'Khowarazmi' },
  { kind: 'single', query: 'ceasefire' },
  { kind: 'two-terms', query: 'Peshawar ceasefire' },
  { kind: 'two-terms', query: 'budget Quetta' },
  { kind: 'two-terms', query: 'refugees Torkham' },
  { kind: 'two-terms', query: 'smuggling checkpoint' },
  { kind: 'prefix', query: 'Kabul negot' },
  { kind: 'prefix', query: 'drou' },
  { kind: 'prefix', query: 'pipeline Gwa' },
  { kind: 'prefix', query: 'security forces refug' },
  { kind: 'fuzzy', query: 'Waziristn', means: 'Waziristan' },
  { kind: 'fuzzy', query: 'Kandahr', means: 'Kandahar' },
  { kind: 'fuzzy', query: 'remitances', means: 'remittances' },
  { kind: 'fuzzy', query: 'Peshwar drought', means: 'Peshawar drought' },
  { kind: 'phrase', query: '"Interior Ministry"' },
  { kind: 'phrase', query: '"Sara Malik"' },
  { kind: 'phrase', query: '"Frontier Corps" smuggling' },
  { kind: 'phrase', query: '"Red Crescent"' },
  { kind: 'filtered', query: 'ceasefire', filters: { source: ['Dawn'] } },
  { kind: 'filtered', query: 'floods Karachi', filters: { publishedFrom: '2018-01-01', publishedTo: '2019-12-31' } },
  { kind: 'filtered', query: 'Kabul', filters: { tags: ['diplomacy'] } },
  { kind: 'filtered', query: 'inflation', filters: { source: ['Reuters', 'BBC'], publishedFrom: '2016-01-01' } },
]

/** The quoted phrase of a query, lower-cased, if it has one. */
export function phraseOf(query: string): string | undefined {
  return /"([^"]+)"/.exec(query)?.[1]?.toLowerCase()
}

/** Lower-case words of a query without syntax, for peers: quotes, OR and -excluded words left out. */
export function plainWords(query: string): string[] {
  return query
    .replace(/["]/g, ' ')
    .split(/\s+/)
    .filter((w) => w !== '' && w !== 'OR' && !/^-./.test(w))
    .map((w) => w.toLowerCase())
}

export interface QueryParts {
  /** Every group must match; a group matches when any of its words does. */
  groups: string[][]
  /** Words an answer must not hold. */
  excluded: string[]
  /** Quoted phrases, lower-cased. */
  phrases: string[]
  /** Whether the last required word is being typed: it also matches the words it begins (Dossier's rule: unquoted, 3+ letters, no trailing space). */
  prefixLast: boolean
}

/** The query syntax the bench uses, as Dossier reads it: words, "phrases", -excluded, a OR b. */
export function partsOf(query: string): QueryParts {
  const parts: QueryParts = { groups: [], excluded: [], phrases: [], prefixLast: false }
  let join = false
  let lastQuoted = false
  for (const [, quoted, word] of query.matchAll(/"([^"]*)"|(\S+)/g)) {
    if (word === 'OR') {
      join = parts.groups.length > 0
      continue
    }
    if (word !== undefined && word.startsWith('-') && word.length > 1) {
      parts.excluded.push(word.slice(1).toLowerCase())
      continue
    }
    if (quoted !== undefined) {
      parts.phrases.push(quoted.toLowerCase())
      lastQuoted = true
      join = false
      continue
    }
    const w = word!.toLowerCase()
    if (join) parts.groups[parts.groups.length - 1]!.push(w)
    else parts.groups.push([w])
    join = false
    lastQuoted = false
  }
  const last = parts.groups.at(-1)?.at(-1)
  parts.prefixLast = !lastQuoted && last !== undefined && last.length >= 3 && !/\s$/.test(query)
  return parts
}
