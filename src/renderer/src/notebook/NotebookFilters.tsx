// The Notebook's filter bar: plain labelled form controls, so each is reachable
// with Tab and read out by screen readers; every change is applied at once.

import { HIGHLIGHT_COLORS, type HighlightColor } from '../../../shared/notes'
import type { NotebookFilter } from './entries'
import { relationLabel } from './entries'

interface Props {
  filter: NotebookFilter
  onChange(filter: NotebookFilter): void
  tags: string[]
  relations: string[]
  articles: { id: string; title: string }[]
}

/** An empty choice clears that filter. */
const orUndefined = (value: string): string | undefined => (value === '' ? undefined : value)

export function NotebookFilters({ filter, onChange, tags, relations, articles }: Props) {
  const set = (patch: Partial<NotebookFilter>) => onChange({ ...filter, ...patch })
  const active = Object.entries(filter).some(([key, value]) => (key === 'kind' ? value !== 'all' : value !== undefined))
  return (
    <form className="notebook-filters" role="search" aria-label="Filter notes" onSubmit={(event) => event.preventDefault()}>
      <input
        className="notebook-search"
        type="search"
        aria-label="Search notes"
        placeholder="Search quotes, notes, tags…"
        value={filter.text ?? ''}
        onChange={(event) => set({ text: orUndefined(event.target.value) })}
      />
      <label>
        Show
        <select value={filter.kind} onChange={(event) => set({ kind: event.target.value as NotebookFilter['kind'] })}>
          <option value="all">Highlights and links</option>
          <option value="annotation">Highlights</option>
          <option value="link">Links</option>
        </select>
      </label>
      <label>
        Tag
        <select value={filter.tag ?? ''} onChange={(event) => set({ tag: orUndefined(event.target.value) })}>
          <option value="">Any</option>
          {tags.map((tag) => (
            <option key={tag} value={tag}>{tag}</option>
          ))}
        </select>
      </label>
      <label>
        Colour
        <select value={filter.color ?? ''} onChange={(event) => set({ color: orUndefined(event.target.value) as HighlightColor | undefined })}>
          <option value="">Any</option>
          {HIGHLIGHT_COLORS.map((color) => (
            <option key={color} value={color}>{color}</option>
          ))}
        </select>
      </label>
      <label>
        Relation
        <select value={filter.relation ?? ''} onChange={(event) => set({ relation: orUndefined(event.target.value) })}>
          <option value="">Any</option>
          {relations.map((relation) => (
            <option key={relation} value={relation}>{relationLabel(relation)}</option>
          ))}
        </select>
      </label>
      <label>
        Article
        <select className="notebook-article-filter" value={filter.articleId ?? ''} onChange={(event) => set({ articleId: orUndefined(event.target.value) })}>
          <option value="">Any</option>
          {articles.map((article) => (
            <option key={article.id} value={article.id}>{article.title}</option>
          ))}
        </select>
      </label>
      <label>
        From
        <input type="date" value={filter.since ?? ''} onChange={(event) => set({ since: orUndefined(event.target.value) })} />
      </label>
      <label>
        To
        <input type="date" value={filter.until ?? ''} onChange={(event) => set({ until: orUndefined(event.target.value) })} />
      </label>
      {active && (
        <button type="button" onClick={() => onChange({ kind: 'all' })}>
          Clear filters
        </button>
      )}
    </form>
  )
}
