// The fixed query mix every engine answers: the kinds an analyst types.

import type { SearchFilters } from '../../src/shared/search'

export type QueryKind = 'single' | 'two-terms' | 'prefix' | 'fuzzy' | 'phrase' | 'filtered'

export interface BenchQuery {
  kind: QueryKind
  /** Dossier syntax; peers get the words (and the phrase as words). */
  query: string
  filters?: SearchFilters
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
  { kind: 'fuzzy', query: 'Waziristn' },
  { kind: 'fuzzy', query: 'Kandahr' },
  { kind: 'fuzzy', query: 'remitances' },
  { kind: 'fuzzy', query: 'Peshwar drought' },
  { kind: 'phrase', query: '"Interior Ministry"' },
  { kind: 'phrase', query: '"Sara Malik"' },
  { kind: 'phrase', query: '"Frontier Corps" smuggling' },
  { kind: 'phrase', query: '"Red Crescent"' },
  { kind: 'filtered', query: 'ceasefire', filters: { source: ['Dawn'] } },
  { kind: 'filtered', query: 'floods Karachi', filters: { publishedFrom: '2018-01-01', publishedTo: '2019-12-31' } },
  { kind: 'filtered', query: 'Kabul', filters: { tags: ['diplomacy'] } },
  { kind: 'filtered', query: 'inflation', filters: { source: ['Reuters', 'BBC'], publishedFrom: '2016-01-01' } },
]

/** Lower-case words of a query without syntax, for peers. */
export function plainWords(query: string): string[] {
  return query.replace(/["]/g, ' ').toLowerCase().split(/\s+/).filter((w) => w !== '')
}
