import type { ReactNode } from 'react'
import { safeLink } from '../../../shared/links'
import type { InlineMark } from '../../../shared/types'

function wrap(mark: InlineMark, child: ReactNode, key: string): ReactNode {
  switch (mark.kind) {
    case 'em':
      return <em key={key}>{child}</em>
    case 'strong':
      return <strong key={key}>{child}</strong>
    case 'code':
      return <code key={key}>{child}</code>
    case 'link': {
      // Checked again here: marks come from files and merges, not only from this app's importers.
      const href = safeLink(mark.href)
      return href ? (
        <a key={key} href={href} target="_blank" rel="noopener noreferrer" title={href}>
          {child}
        </a>
      ) : (
        <span key={key}>{child}</span>
      )
    }
  }
}

/**
 * Renders a block's text with its marks as React elements: imported markup is
 * never HTML here, so nothing in it can run. Overlapping marks are split at
 * every boundary and nested per piece.
 */
export function renderInline(text: string, marks: InlineMark[] = [], keyPrefix = ''): ReactNode[] {
  const valid = marks.filter((mark) => mark.start < mark.end && mark.start >= 0 && mark.end <= text.length)
  if (valid.length === 0) return [text]
  const cuts = new Set([0, text.length])
  for (const mark of valid) {
    cuts.add(mark.start)
    cuts.add(mark.end)
  }
  const points = [...cuts].sort((a, b) => a - b)
  const nodes: ReactNode[] = []
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i]!
    const end = points[i + 1]!
    let node: ReactNode = text.slice(start, end)
    valid
      .filter((mark) => mark.start <= start && mark.end >= end)
      .forEach((mark, depth) => {
        node = wrap(mark, node, `${keyPrefix}${start}-${depth}`)
      })
    nodes.push(typeof node === 'string' ? node : node)
  }
  return nodes
}
