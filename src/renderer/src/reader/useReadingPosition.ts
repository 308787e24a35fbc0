import { useEffect, useRef, useState } from 'react'
import type { Article } from '../../../shared/types'
import { useApi } from '../api/context'

const SAVE_DELAY_MS = 800

/**
 * Follows the passage at the top of the reader and remembers it, so an article
 * opens where the user stopped. Returns the current block for the contents list.
 */
export function useReadingPosition(article: Article | null, scroller: React.RefObject<HTMLElement | null>, targetBlock?: string) {
  const api = useApi()
  const [current, setCurrent] = useState<string | undefined>()
  const restored = useRef<string | null>(null)

  useEffect(() => {
    if (!article || restored.current === article.id || !scroller.current) return
    restored.current = article.id
    const go = (blockId: string) => document.getElementById(blockId)?.scrollIntoView({ block: 'start' })
    if (targetBlock) go(targetBlock)
    else void api.getReadingPosition(article.id).then((result) => result.ok && result.value && go(result.value.blockId))
  }, [api, article, scroller, targetBlock])

  useEffect(() => {
    const root = scroller.current
    if (!article || !root) return
    let timer: number | undefined
    const onScroll = () => {
      const top = root.getBoundingClientRect().top
      const blocks = root.querySelectorAll<HTMLElement>('[data-block]')
      let found: HTMLElement | undefined
      for (const element of blocks) {
        if (element.getBoundingClientRect().bottom > top + 8) {
          found = element
          break
        }
      }
      if (!found) return
      const blockId = found.dataset['block']!
      setCurrent(blockId)
      const max = root.scrollHeight - root.clientHeight
      const fraction = max > 0 ? Math.min(1, Math.max(0, root.scrollTop / max)) : 0
      window.clearTimeout(timer)
      timer = window.setTimeout(() => void api.setReadingPosition(article.id, { blockId, fraction }), SAVE_DELAY_MS)
    }
    root.addEventListener('scroll', onScroll, { passive: true })
    return () => {
      root.removeEventListener('scroll', onScroll)
      window.clearTimeout(timer)
    }
  }, [api, article, scroller])

  return current
}
