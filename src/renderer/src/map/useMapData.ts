// What the map draws from: every link and highlight, and which articles the
// archive still holds (live or trashed), so links into purged ones show broken.

import { useCallback, useEffect, useState } from 'react'
import { useApi, useDossierEvent } from '../api/context'
import { useAllNotes } from '../notebook/useNotes'
import type { GraphInput } from './graph-model'

export type MapData = { status: 'loading' } | { status: 'error'; message: string } | ({ status: 'ready' } & GraphInput)

export function useMapData(): MapData {
  const api = useApi()
  const notes = useAllNotes()
  const [held, setHeld] = useState<{ existing: Set<string>; trashed: Set<string> } | { error: string } | null>(null)
  const [version, setVersion] = useState(0)

  useEffect(() => {
    let current = true
    void Promise.all([api.listArticles(), api.listTrash()]).then(([live, trash]) => {
      if (!current) return
      if (!live.ok) return setHeld({ error: live.error.message })
      if (!trash.ok) return setHeld({ error: trash.error.message })
      const trashed = new Set(trash.value.map((a) => a.id))
      setHeld({ existing: new Set([...live.value.map((a) => a.id), ...trashed]), trashed })
    })
    return () => {
      current = false
    }
  }, [api, version])

  useDossierEvent(
    useCallback((event) => {
      if (event.type === 'archive-changed') setVersion((v) => v + 1)
    }, []),
  )

  if (notes.status === 'error') return notes
  if (held !== null && 'error' in held) return { status: 'error', message: held.error }
  if (notes.status === 'loading' || held === null) return { status: 'loading' }
  return { status: 'ready', links: notes.links, annotations: notes.annotations, existing: held.existing, trashed: held.trashed }
}
