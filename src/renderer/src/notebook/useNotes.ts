// Every highlight and link in the archive, kept fresh: reloaded whenever notes
// or articles change (a renamed or trashed article changes the titles shown).

import { useCallback, useEffect, useState } from 'react'
import type { LinkEntry, NotebookAnnotation } from '../../../shared/api/notes'
import { useApi, useDossierEvent } from '../api/context'

export interface AllNotes {
  annotations: NotebookAnnotation[]
  links: LinkEntry[]
}

export type NotesState = { status: 'loading' } | { status: 'error'; message: string } | ({ status: 'ready' } & AllNotes)

export function useAllNotes(): NotesState {
  const api = useApi()
  const [state, setState] = useState<NotesState>({ status: 'loading' })
  const [version, setVersion] = useState(0)

  useEffect(() => {
    let current = true
    void Promise.all([api.listAllAnnotations(), api.listAllLinks()]).then(([annotations, links]) => {
      if (!current) return
      if (!annotations.ok) setState({ status: 'error', message: annotations.error.message })
      else if (!links.ok) setState({ status: 'error', message: links.error.message })
      else setState({ status: 'ready', annotations: annotations.value, links: links.value })
    })
    return () => {
      current = false
    }
  }, [api, version])

  useDossierEvent(
    useCallback((event) => {
      if (event.type === 'notes-changed' || event.type === 'archive-changed') setVersion((v) => v + 1)
    }, []),
  )
  return state
}
