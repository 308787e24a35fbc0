// The entries as a virtualised listbox: rows are measured as they render (notes
// vary in length), arrows move through them, Enter opens the passage, and
// Shift+Enter opens a link's other end.

import { useVirtualizer } from '@tanstack/react-virtual'
import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { PassageTarget } from '../../../shared/notes'
import { primaryTarget, type NotebookEntry } from './entries'
import { NotebookEntryView } from './NotebookEntryView'

interface Props {
  entries: NotebookEntry[]
  onOpen(target: PassageTarget): void
}

const ESTIMATED_HEIGHT = 140

export function NotebookList({ entries, onOpen }: Props) {
  const [active, setActive] = useState(0)
  const scroller = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ESTIMATED_HEIGHT,
    overscan: 6,
    getItemKey: (index) => entries[index]?.id ?? index,
    // Before the first measurement (and where layout is unknown) render a screenful.
    initialRect: { width: 800, height: 900 },
  })

  // A new filter result starts at its top.
  useEffect(() => setActive(0), [entries])

  const onKeyDown = (event: KeyboardEvent) => {
    const move = (index: number) => {
      const clamped = Math.max(0, Math.min(entries.length - 1, index))
      setActive(clamped)
      virtualizer.scrollToIndex(clamped, { align: 'auto' })
    }
    const entry = entries[active]
    if (event.key === 'ArrowDown') move(active + 1)
    else if (event.key === 'ArrowUp') move(active - 1)
    else if (event.key === 'Home') move(0)
    else if (event.key === 'End') move(entries.length - 1)
    else if (event.key === 'PageDown') move(active + 5)
    else if (event.key === 'PageUp') move(active - 5)
    else if (event.key === 'Enter' && entry) onOpen(event.shiftKey && entry.kind === 'link' ? entry.item.to : primaryTarget(entry))
    else return
    event.preventDefault()
  }

  const activeEntry = entries[active]
  return (
    <div
      ref={scroller}
      className="notebook-scroller"
      role="listbox"
      aria-label="Notes"
      tabIndex={0}
      onKeyDown={onKeyDown}
      aria-activedescendant={activeEntry ? `note-${activeEntry.id}` : undefined}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualizer.getVirtualItems().map((row) => {
          const entry = entries[row.index]!
          return (
            <div
              key={row.key}
              id={`note-${entry.id}`}
              ref={virtualizer.measureElement}
              data-index={row.index}
              role="option"
              aria-selected={row.index === active}
              aria-label={entry.kind === 'annotation' ? `Highlight: ${entry.item.target.quote.exact}` : `Link, ${entry.item.relation}: ${entry.item.from.quote.exact}`}
              className={`notebook-entry entry-${entry.kind}${row.index === active ? ' active' : ''}`}
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${row.start}px)` }}
              onClick={() => setActive(row.index)}
              onDoubleClick={() => onOpen(primaryTarget(entry))}
            >
              <NotebookEntryView entry={entry} onOpen={onOpen} />
            </div>
          )
        })}
      </div>
    </div>
  )
}
