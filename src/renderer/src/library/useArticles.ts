import { useCallback, useEffect, useState } from 'react'
import type { ArticleMeta } from '../../../shared/types'
import type { DossierError } from '../../../shared/result'
import { useApi, useDossierEvent } from '../api/context'

export function useArticles(which: 'library' | 'trash' = 'library') {
  const api = useApi()
  const [articles, setArticles] = useState<ArticleMeta[] | null>(null)
  const [error, setError] = useState<DossierError | null>(null)
  const reload = useCallback(async () => {
    const result = which === 'trash' ? await api.listTrash() : await api.listArticles()
    if (result.ok) {
      setArticles(result.value)
      setError(null)
    } else setError(result.error)
  }, [api, which])
  useEffect(() => {
    void reload()
  }, [reload])
  useDossierEvent(
    useCallback(
      (event) => {
        if (event.type === 'archive-changed') void reload()
      },
      [reload],
    ),
  )
  return { articles, error, reload }
}
