// The fixed query mix every engine answers: the kinds an analyst types.

import type { SearchFilters } from '../../src/shared/search'

export type QueryKind = 'single' | 'two-terms' | 'prefix' | 'fuzzy' | 'phrase' | 'filtered'

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

/** Lower-case words of a query without syntax, for peers. */
export function plainWords(query: string): string[] {
  return query.replace(/["]/g, ' ').toLowerCase().split(/\s+/).filter((w) => w !== '')
}
