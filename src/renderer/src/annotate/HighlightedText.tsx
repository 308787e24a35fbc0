import { Fragment, type KeyboardEvent, type ReactNode } from 'react'
import { segmentBlock } from '../../../shared/anchoring'
import type { InlineMark } from '../../../shared/types'
import { renderInline } from '../reader/inline'
import { isAnnotationMark, pickMark, type ReaderMark } from './marks'

/** Inline marks (emphasis, links) of [start, end), shifted to start at 0. */
function clipMarks(marks: InlineMark[] | undefined, start: number, end: number): InlineMark[] {
  return (marks ?? [])
    .filter((mark) => mark.start < end && mark.end > start)
    .map((mark) => ({ ...mark, start: Math.max(mark.start, start) - start, end: Math.min(mark.end, end) - start }))
}

interface Props {
  text: string
  inline?: InlineMark[]
  /** Article offset of the block's first character. */
  offset: number
  marks: readonly ReaderMark[]
  onOpen(mark: ReaderMark, element: Element): void
}

/**
 * A block's text cut at every highlight boundary: overlapping highlights and
 * highlights running on from other blocks become plain <mark> spans, and each
 * highlight's first piece is focusable so it can be opened from the keyboard.
 */
export function HighlightedText({ text, inline, offset, marks, onOpen }: Props): ReactNode {
  const here = marks.filter((mark) => mark.start < offset + text.length && mark.end > offset)
  if (here.length === 0) return renderInline(text, inline)
  const byId = new Map(here.map((mark) => [mark.id, mark]))
  return segmentBlock(offset, text, here).map((segment) => {
    const content = renderInline(segment.text, clipMarks(inline, segment.start, segment.end), `${segment.start}:`)
    const covering = segment.ids.map((id) => byId.get(id)).filter((mark): mark is ReaderMark => mark !== undefined)
    const chosen = pickMark(covering)
    if (!chosen) return <Fragment key={segment.start}>{content}</Fragment>
    const highlights = covering.filter(isAnnotationMark)
    const linked = covering.some((mark) => mark.color === 'link')
    const flash = covering.some((mark) => mark.color === 'flash')
    const starts = covering.find((mark) => mark.start === offset + segment.start && mark.color !== 'flash')
    const classes = [
      'hl',
      highlights.length > 0 ? `hl-${highlights[highlights.length - 1]!.color}` : '',
      highlights.length > 1 ? 'hl-overlap' : '',
      linked ? 'hl-link' : '',
      flash ? 'hl-flash' : '',
    ]
    const open = (event: { currentTarget: Element }) => onOpen(chosen, event.currentTarget)
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault()
        open(event)
      }
    }
    const interactive = chosen.color !== 'flash'
    return (
      <mark
        key={segment.start}
        className={classes.filter(Boolean).join(' ')}
        data-marks={covering.map((mark) => mark.id).join(' ')}
        onClick={interactive ? open : undefined}
        {...(starts && interactive ? { tabIndex: 0, role: 'button', 'aria-label': starts.label, onKeyDown: onKey } : {})}
      >
        {content}
      </mark>
    )
  })
}
