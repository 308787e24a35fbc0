import { useCallback, useEffect, useState } from 'react'
import type { Article } from '../../../shared/types'
import type { DossierError } from '../../../shared/result'
import { useApi, useDossierEvent } from '../api/context'

export function useArticle(id: string) {
  const api = useApi()
  const [article, setArticle] = useState<Article | null>(null)
  const [error, setError] = useState<DossierError | null>(null)
  const load = useCallback(async () => {
    const result = await api.getArticle(id)
    if (result.ok) {
      setArticle(result.value)
      setError(null)
    } else setError(result.error)
  }, [api, id])
  useEffect(() => {
    void load()
  }, [load])
  useDossierEvent(
    useCallback(
      (event) => {
        if (event.type === 'archive-changed' && event.payload.articleIds.includes(id)) void load()
      },
      [id, load],
    ),
  )
  return { article, error }
}
