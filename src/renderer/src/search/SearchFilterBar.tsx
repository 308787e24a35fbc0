import { useEffect, useState } from 'react'
import type { SearchFacets } from '../../../shared/api/search'
import type { SearchSort } from '../../../shared/search'
import { useApi } from '../api/context'
import { EMPTY_FILTERS, type FilterForm } from './filters'

interface Props {
  form: FilterForm
  onChange(form: FilterForm): void
  sort: SearchSort
  onSort(sort: SearchSort): void
}

/** Filters beside the results; each composes with the query and the others. */
export function SearchFilterBar({ form, onChange, sort, onSort }: Props) {
  const api = useApi()
  const [facets, setFacets] = useState<SearchFacets>({ sources: [], tags: [] })
  useEffect(() => {
    void api.searchFacets().then((result) => result.ok && setFacets(result.value))
  }, [api])
  const set = <K extends keyof FilterForm>(key: K, value: FilterForm[K]) => onChange({ ...form, [key]: value })
  return (
    <form className="search-filters" aria-label="Search filters" onSubmit={(event) => event.preventDefault()}>
      <label>
        Sort
        <select value={sort} onChange={(e) => onSort(e.target.value as SearchSort)}>
          <option value="relevance">Relevance</option>
          <option value="newest">Newest first</option>
          <option value="oldest">Oldest first</option>
        </select>
      </label>
      <label>
        Source
        <select value={form.source} onChange={(e) => set('source', e.target.value)}>
          <option value="">Any source</option>
          {facets.sources.map((f) => (
            <option key={f.value} value={f.value}>{`${f.value} (${f.count})`}</option>
          ))}
        </select>
      </label>
      <label>
        Tag
        <select value={form.tag} onChange={(e) => set('tag', e.target.value)}>
          <option value="">Any tag</option>
          {facets.tags.map((f) => (
            <option key={f.value} value={f.value}>{`${f.value} (${f.count})`}</option>
          ))}
        </select>
      </label>
      <fieldset>
        <legend>Date</legend>
        <select aria-label="Date field" value={form.dateField} onChange={(e) => set('dateField', e.target.value as FilterForm['dateField'])}>
          <option value="published">Published</option>
          <option value="added">Added</option>
        </select>
        <label>
          From
          <input type="date" value={form.from} onChange={(e) => set('from', e.target.value)} />
        </label>
        <label>
          To
          <input type="date" value={form.to} onChange={(e) => set('to', e.target.value)} />
        </label>
      </fieldset>
      <label>
        Annotations
        <select value={form.annotated} onChange={(e) => set('annotated', e.target.value as FilterForm['annotated'])}>
          <option value="">Any</option>
          <option value="yes">Annotated</option>
          <option value="no">Not annotated</option>
        </select>
      </label>
      <button type="button" className="toolbar-button" onClick={() => onChange(EMPTY_FILTERS)}>
        Clear filters
      </button>
    </form>
  )
}
