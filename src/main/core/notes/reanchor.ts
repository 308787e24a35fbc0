// Moves stored selectors onto an article's new text. A target that cannot be
// found keeps its old selectors (and so its quote) and is reported orphaned.

import { anchorTarget, describeRange } from '../../../shared/anchoring'
import type { AnchorState, PassageTarget } from '../../../shared/notes'

export interface Reanchored<T extends PassageTarget> {
  target: T
  state: AnchorState
  /** Whether the stored selectors differ from before. */
  changed: boolean
}

export function reanchorTarget<T extends PassageTarget>(text: string, target: T): Reanchored<T> {
  const state = anchorTarget(text, target)
  if (state.status === 'orphaned') return { target, state, changed: false }
  const selectors = describeRange(text, state.start, state.end)
  const changed =
    selectors.position.start !== target.position.start ||
    selectors.position.end !== target.position.end ||
    selectors.quote.exact !== target.quote.exact ||
    selectors.quote.prefix !== target.quote.prefix ||
    selectors.quote.suffix !== target.quote.suffix
  return { target: changed ? { ...target, ...selectors } : target, state, changed }
}
