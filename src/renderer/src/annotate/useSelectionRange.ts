import { useCallback, useEffect, useMemo, useState, type RefObject } from 'react'
import { rangeToOffsets, trimRange, type TextRange } from './selection'

export interface CurrentSelection {
  range: TextRange
  /** Where the selection is on screen, to place the toolbar. */
  rect: DOMRect
}

/** Follows the document selection inside `root` as offsets into the article's plain `text`, trimmed of white space. */
export function useSelectionRange(root: RefObject<HTMLElement | null>, text: string) {
  const [current, setCurrent] = useState<CurrentSelection | null>(null)
  useEffect(() => {
    const update = () => {
      const selection = document.getSelection()
      const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null
      const element = root.current
      const found = range && element?.contains(range.commonAncestorContainer) ? rangeToOffsets(element, range) : undefined
      const offsets = found && trimRange(text, found)
      setCurrent(offsets && range ? { range: offsets, rect: range.getBoundingClientRect() } : null)
    }
    document.addEventListener('selectionchange', update)
    return () => document.removeEventListener('selectionchange', update)
  }, [root, text])
  const clear = useCallback(() => {
    document.getSelection()?.removeAllRanges()
    setCurrent(null)
  }, [])
  return useMemo(() => ({ current, clear }), [current, clear])
}
