// Anchoring of notes in article text; pure, shared by the renderer and main.

export { anchorTarget, type AnchorableTarget } from './anchor'
export { CONTEXT_LENGTH, describeRange, type RangeSelectors } from './describe'
export { fuzzyErrorBudget, MAX_FUZZY_ERRORS } from './quote-match'
export { segmentBlock, type HighlightRange, type Segment } from './segments'
export {
  blockRanges,
  blockStarts,
  plainText,
  toArticleOffset,
  toBlockPosition,
  type BlockPosition,
  type BlockRange,
  type TextBlock,
} from './text-map'
