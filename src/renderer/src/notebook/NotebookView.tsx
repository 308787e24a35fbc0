// The Notebook: every highlight and link in the archive, filterable and
// searchable, each opening its passage in the reader.

import { useMemo, useState } from 'react'
import { LINK_RELATIONS } from '../../../shared/notes'
import { articlesOf, EMPTY_FILTER, filterEntries, toEntries, type NotebookFilter } from './entries'
import { NotebookFilters } from './NotebookFilters'
import { NotebookList } from './NotebookList'
import { useOpenPassage } from './useOpenPassage'
import { useAllNotes, type AllNotes } from './useNotes'

export function NotebookView() {
  const state = useAllNotes()
  if (state.status === 'loading') return <p className="loading">Loading notes…</p>
  if (state.status === 'error') return <p className="loading" role="alert">The notes could not be loaded: {state.message}</p>
  return <Notebook annotations={state.annotations} links={state.links} />
}

export function Notebook({ annotations, links }: AllNotes) {
  const [filter, setFilter] = useState<NotebookFilter>(EMPTY_FILTER)
  const open = useOpenPassage()
  const entries = useMemo(() => toEntries(annotations, links), [annotations, links])
  const shown = useMemo(() => filterEntries(entries, filter), [entries, filter])
  const tags = useMemo(() => [...new Set(annotations.flatMap((a) => a.tags))].sort((a, b) => a.localeCompare(b)), [annotations])
  const relations = useMemo(() => [...new Set<string>([...LINK_RELATIONS, ...links.map((l) => l.relation)])], [links])
  const articles = useMemo(() => articlesOf(entries), [entries])

  return (
    <section className="notebook" aria-labelledby="notebook-title">
      <header className="toolbar">
        <h1 id="notebook-title" className="view-title">Notebook</h1>
        <span className="muted" role="status">
          {shown.length === entries.length ? `${entries.length} notes` : `${shown.length} of ${entries.length} notes`}
        </span>
      </header>
      {entries.length === 0 ? (
        <div className="empty-state">
          <h2>No notes yet</h2>
          <p>Select text in an article to highlight it, add a note or tags, or link it to another passage. Everything you mark gathers here.</p>
        </div>
      ) : (
        <>
          <NotebookFilters filter={filter} onChange={setFilter} tags={tags} relations={relations} articles={articles} />
          {shown.length === 0 ? (
            <p className="notebook-none">No note matches these filters.</p>
          ) : (
            <NotebookList entries={shown} onOpen={(target) => void open(target)} />
          )}
        </>
      )}
    </section>
  )
}
