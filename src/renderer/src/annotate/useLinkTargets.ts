import { useEffect, useState } from 'react'
import type { Article } from '../../../shared/types'
import { useApi } from '../api/context'

/** A passage the link dialog offers: a block of an article, or a whole article to open and pick from. */
export interface TargetOption {
  key: string
  articleId: string
  title: string
  blockId?: string
  text: string
}

const MIN_QUERY = 2

/**
 * Passages matching the query across the archive (the search engine's passage
 * hits), or the articles themselves when the query is empty or finds no
 * passage; once an article is chosen, its blocks.
 */
export function useLinkTargets(query: string, article: Article | null) {
  const api = useApi()
  const [options, setOptions] = useState<TargetOption[]>([])
  const [busy, setBusy] = useState(false)
  useEffect(() => {
    if (article) {
      setOptions(
        article.blocks
          .filter((block) => block.text.trim() !== '' && (query.trim() === '' || block.text.toLowerCase().includes(query.trim().toLowerCase())))
          .map((block) => ({ key: block.id, articleId: article.id, title: article.title, blockId: block.id, text: block.text })),
      )
      return
    }
    let live = true
    setBusy(true)
    const run = async (): Promise<TargetOption[]> => {
      if (query.trim().length >= MIN_QUERY) {
        const found = await api.search({ query: query.trim(), limit: 20, hitsPerArticle: 3 })
        if (found.ok) {
          return found.value.groups.flatMap((group) => {
            const passages = group.hits.flatMap((hit) => (hit.kind === 'passage' ? [hit] : []))
            if (passages.length === 0) return [{ key: group.articleId, articleId: group.articleId, title: group.title, text: '' }]
            return passages.map((hit) => ({ key: `${group.articleId}/${hit.blockId}`, articleId: group.articleId, title: group.title, blockId: hit.blockId, text: hit.snippet.text }))
          })
        }
      }
      const listed = await api.listArticles()
      const words = query.trim().toLowerCase()
      return listed.ok
        ? listed.value.filter((meta) => meta.title.toLowerCase().includes(words)).map((meta) => ({ key: meta.id, articleId: meta.id, title: meta.title, text: '' }))
        : []
    }
    void run().then((next) => {
      if (!live) return
      setOptions(next)
      setBusy(false)
    })
    return () => {
      live = false
    }
  }, [api, article, query])
  return { options, busy }
}
