import { useCallback, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react'
import { findRanges, paintHighlight } from './text-find'

interface Props {
  /** The element holding the article's text. */
  container: RefObject<HTMLElement | null>
  /** Words a search hit matched (route q), marked until cleared. */
  terms?: string
}

/** Bumps whenever the article's DOM changes (it loads, annotations are drawn), so ranges are rebuilt. */
function useDomVersion(container: RefObject<HTMLElement | null>): number {
  const [version, setVersion] = useState(0)
  useEffect(() => {
    const element = container.current
    if (!element) return
    const observer = new MutationObserver(() => setVersion((v) => v + 1))
    observer.observe(element, { childList: true, subtree: true, characterData: true })
    return () => observer.disconnect()
  }, [container])
  return version
}

const showRange = (range: Range | undefined) => {
  const element = range?.startContainer.parentElement
  element?.scrollIntoView?.({ block: 'center' })
}

/**
 * The reader's search marks and its Ctrl/Cmd+F find bar. Both paint CSS
 * highlights over ranges of the rendered text and never change the DOM.
 */
export function FindInArticle({ container, terms }: Props) {
  const version = useDomVersion(container)
  const [marked, setMarked] = useState(terms ?? '')
  const [open, setOpen] = useState(false)
  const [needle, setNeedle] = useState('')
  const [current, setCurrent] = useState(0)
  const [matches, setMatches] = useState<Range[]>([])
  const input = useRef<HTMLInputElement>(null)

  useEffect(() => setMarked(terms ?? ''), [terms])

  useLayoutEffect(() => {
    const root = container.current
    if (!root || !marked) return
    return paintHighlight('search-terms', findRanges(root, marked.split(/\s+/)))
  }, [container, marked, version])

  const shownNeedle = useRef('')
  useLayoutEffect(() => {
    const root = container.current
    const found = root && open && needle.trim() ? findRanges(root, [needle]) : []
    setMatches(found)
    // A new needle shows its first match; a DOM change (annotations drawn) does not move the page.
    if (needle !== shownNeedle.current) showRange(found[0])
    shownNeedle.current = needle
  }, [container, open, needle, version])

  useEffect(() => setCurrent(0), [needle])
  const index = matches.length === 0 ? -1 : Math.min(current, matches.length - 1)
  useLayoutEffect(() => {
    const clearAll = paintHighlight('find-match', matches)
    const clearCurrent = paintHighlight('find-current', index >= 0 ? [matches[index]!] : [])
    return () => {
      clearAll()
      clearCurrent()
    }
  }, [matches, index])

  const step = useCallback(
    (by: number) => {
      if (matches.length === 0) return
      const next = (Math.max(0, index) + by + matches.length) % matches.length
      setCurrent(next)
      showRange(matches[next])
    },
    [matches, index],
  )

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'f') {
        event.preventDefault()
        setOpen(true)
        requestAnimationFrame(() => {
          input.current?.focus()
          input.current?.select()
        })
      } else if (event.key === 'F3' && open) {
        event.preventDefault()
        step(event.shiftKey ? -1 : 1)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [open, step])

  const close = () => {
    setOpen(false)
    container.current?.focus()
  }

  return (
    <>
      {marked && !open && (
        <div className="search-marks" role="status">
          <span>
            Marked: <strong>{marked}</strong>
          </span>
          <button type="button" className="toolbar-button" onClick={() => setMarked('')}>
            Clear marks
          </button>
        </div>
      )}
      {open && (
        <div className="find-bar" role="search" aria-label="Find in article">
          <input
            ref={input}
            type="search"
            aria-label="Find in article"
            placeholder="Find in article"
            value={needle}
            onChange={(event) => setNeedle(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === 'Enter') {
                event.preventDefault()
                step(event.shiftKey ? -1 : 1)
              } else if (event.key === 'Escape') {
                event.preventDefault()
                event.stopPropagation()
                close()
              }
            }}
          />
          <span className="find-count" aria-live="polite">
            {needle.trim() === '' ? '' : matches.length === 0 ? 'No matches' : `${index + 1} of ${matches.length}`}
          </span>
          <button type="button" className="toolbar-button" aria-label="Previous match" onClick={() => step(-1)} disabled={matches.length === 0}>
            ↑
          </button>
          <button type="button" className="toolbar-button" aria-label="Next match" onClick={() => step(1)} disabled={matches.length === 0}>
            ↓
          </button>
          <button type="button" className="toolbar-button" aria-label="Close find" onClick={close}>
            ✕
          </button>
        </div>
      )}
    </>
  )
}
