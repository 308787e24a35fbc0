// Search across the archive: articles, their passages and annotation notes.
// Request, response and status shapes live in ../search (shared with the CLI).

import type { Result } from '../result'
import type { SearchIndexStatus, SearchRequest, SearchResponse } from '../search'
import { methodList } from './contract'

/** A value present in the library and how many articles carry it, for the filter UI. */
export interface FacetCount {
  value: string
  count: number
}

export interface SearchFacets {
  /** Publications, most articles first. */
  sources: FacetCount[]
  /** Article tags, most articles first. */
  tags: FacetCount[]
}

export interface SearchApi {
  /** Matches grouped by article, best first; answers from what is indexed while the index loads. */
  search(request: SearchRequest): Promise<Result<SearchResponse>>
  searchStatus(): Promise<Result<SearchIndexStatus>>
  searchFacets(): Promise<Result<SearchFacets>>
}

export const searchMethods = methodList<SearchApi>()(['search', 'searchStatus', 'searchFacets'])
