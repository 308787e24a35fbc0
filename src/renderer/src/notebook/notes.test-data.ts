// Notes as the API hands them to the Notebook and the Map, built from the
// fixture story: Pakistan's "over 30 militants" against the Taliban's "at least 46 people".

import type { LinkEntry, NotebookAnnotation } from '../../../shared/api/notes'
import type { HighlightColor, PassageTarget } from '../../../shared/notes'

export const REPORT_ID = 'report'
export const KABUL_ID = 'kabul'

export function target(articleId: string, exact: string, start: number): PassageTarget {
  return {
    articleId,
    quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start, end: start + exact.length },
  }
}

interface AnnotationSpec {
  id: string
  at: PassageTarget
  title?: string
  color?: HighlightColor
  tags?: string[]
  note?: string
  created?: string
  trashed?: boolean
}

export function annotation(spec: AnnotationSpec): NotebookAnnotation {
  const created = spec.created ?? '2025-03-01T12:00:00.000Z'
  return {
    id: spec.id,
    target: spec.at,
    color: spec.color ?? 'yellow',
    note: spec.note ?? '',
    tags: spec.tags ?? [],
    author: 'Sara',
    created,
    modified: created,
    articleTitle: spec.title ?? 'Report',
    articleTrashed: spec.trashed ?? false,
  }
}

interface LinkSpec {
  id: string
  from: PassageTarget & { annotationId?: string }
  to: PassageTarget & { annotationId?: string }
  relation: string
  note?: string
  created?: string
  broken?: boolean
  fromTitle?: string
  toTitle?: string
}

export function link(spec: LinkSpec): LinkEntry {
  const created = spec.created ?? '2025-03-02T12:00:00.000Z'
  return {
    id: spec.id,
    from: spec.from,
    to: spec.to,
    relation: spec.relation,
    note: spec.note ?? '',
    author: 'Sara',
    created,
    modified: created,
    broken: spec.broken ?? false,
    fromTitle: spec.fromTitle ?? 'Report',
    toTitle: spec.toTitle ?? 'Kabul account',
    fromOrphaned: false,
    toOrphaned: false,
  }
}

export const THIRTY = target(REPORT_ID, 'over 30 militants', 120)
export const FORTY_SIX = target(REPORT_ID, 'at least 46 people', 300)
export const KABUL_46 = target(KABUL_ID, 'at least 46 people died', 40)
