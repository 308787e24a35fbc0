import type { SearchFilters } from '../../../shared/search'

/** The filter controls' values, as the form holds them ('' = any). */
export interface FilterForm {
  source: string
  tag: string
  dateField: 'published' | 'added'
  from: string
  to: string
  annotated: '' | 'yes' | 'no'
}

export const EMPTY_FILTERS: FilterForm = { source: '', tag: '', dateField: 'published', from: '', to: '', annotated: '' }

export function toSearchFilters(form: FilterForm): SearchFilters {
  const filters: SearchFilters = {}
  if (form.source) filters.source = [form.source]
  if (form.tag) filters.tags = [form.tag]
  if (form.from) filters[form.dateField === 'published' ? 'publishedFrom' : 'addedFrom'] = form.from
  if (form.to) filters[form.dateField === 'published' ? 'publishedTo' : 'addedTo'] = form.to
  if (form.annotated) filters.hasAnnotations = form.annotated === 'yes'
  return filters
}

export const activeFilterCount = (form: FilterForm): number =>
  [form.source, form.tag, form.from || form.to, form.annotated].filter(Boolean).length
