import { useCallback, useEffect, useState } from 'react'
import type { AnchoredAnnotation, ArticleLinks } from '../../../shared/api'
import { useApi, useDossierEvent } from '../api/context'

const NO_LINKS: ArticleLinks = { outgoing: [], incoming: [] }

/** The open article's highlights and links, reloaded whenever notes touching it change. */
export function useArticleNotes(articleId: string) {
  const api = useApi()
  const [annotations, setAnnotations] = useState<AnchoredAnnotation[]>([])
  const [links, setLinks] = useState<ArticleLinks>(NO_LINKS)
  const [error, setError] = useState<string | null>(null)
  const reload = useCallback(async () => {
    const [a, l] = await Promise.all([api.listAnnotations(articleId), api.linksForArticle(articleId)])
    if (a.ok) setAnnotations(a.value)
    if (l.ok) setLinks(l.value)
    setError(!a.ok ? a.error.message : !l.ok ? l.error.message : null)
  }, [api, articleId])
  useEffect(() => {
    void reload()
  }, [reload])
  useDossierEvent(
    useCallback(
      (event) => {
        if ((event.type === 'notes-changed' || event.type === 'archive-changed') && event.payload.articleIds.includes(articleId)) void reload()
      },
      [articleId, reload],
    ),
  )
  return { annotations, links, error, reload }
}
