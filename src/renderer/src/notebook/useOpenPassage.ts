// Opens a passage in context: fetch the article's blocks, find the block the
// passage starts in, go there. A missing article is said, not silently ignored.

import { useCallback } from 'react'
import type { PassageTarget } from '../../../shared/notes'
import { useApi } from '../api/context'
import { routeHash } from '../app/route'
import { useToasts } from '../ui/toasts'
import { passageRoute } from './passage-route'

export function useOpenPassage(): (target: Pick<PassageTarget, 'articleId' | 'position'>) => Promise<void> {
  const api = useApi()
  const toasts = useToasts()
  return useCallback(
    async (target) => {
      const article = await api.getArticle(target.articleId)
      if (!article.ok) {
        toasts.show({ tone: 'error', message: `That passage cannot be opened: ${article.error.message}` })
        return
      }
      window.location.hash = routeHash(passageRoute(target, article.value.blocks))
    },
    [api, toasts],
  )
}
