// The article's plain text and the map between article offsets and block
// offsets. Selectors point into the plain text; the reader draws per block.

import { BLOCK_SEPARATOR } from '../types'

export interface TextBlock {
  readonly text: string
}

/** The article's plain text: its blocks' texts joined by BLOCK_SEPARATOR. */
export function plainText(blocks: readonly TextBlock[]): string {
  return blocks.map((block) => block.text).join(BLOCK_SEPARATOR)
}

/** Article offset at which each block's text starts. */
export function blockStarts(blocks: readonly TextBlock[]): number[] {
  const starts: number[] = []
  let offset = 0
  for (const block of blocks) {
    starts.push(offset)
    offset += block.text.length + BLOCK_SEPARATOR.length
  }
  return starts
}

export interface BlockPosition {
  blockIndex: number
  /** Offset inside the block's text. */
  offset: number
}

/** Index of the last block starting at or before `offset` (binary search). */
function blockAt(starts: readonly number[], offset: number): number {
  let low = 0
  let high = starts.length - 1
  while (low < high) {
    const mid = (low + high + 1) >> 1
    if ((starts[mid] ?? 0) <= offset) low = mid
    else high = mid - 1
  }
  return low
}

/**
 * Where an article offset falls. An offset inside a separator belongs to no
 * block: `bias` says whether to snap forward (to the next block's start, for a
 * range start) or backward (to the previous block's end, for a range end).
 * Undefined when there are no blocks or the offset is outside the text.
 */
export function toBlockPosition(
  blocks: readonly TextBlock[],
  starts: readonly number[],
  offset: number,
  bias: 'forward' | 'backward' = 'forward',
): BlockPosition | undefined {
  if (blocks.length === 0 || !Number.isInteger(offset) || offset < 0) return undefined
  const index = blockAt(starts, offset)
  const start = starts[index] ?? 0
  const length = blocks[index]?.text.length ?? 0
  const inBlock = offset - start
  if (inBlock <= length) return { blockIndex: index, offset: inBlock }
  if (index === blocks.length - 1) return undefined
  return bias === 'forward' ? { blockIndex: index + 1, offset: 0 } : { blockIndex: index, offset: length }
}

/** Article offset of a position inside a block; undefined when it is not one. */
export function toArticleOffset(
  blocks: readonly TextBlock[],
  starts: readonly number[],
  position: BlockPosition,
): number | undefined {
  const block = blocks[position.blockIndex]
  const start = starts[position.blockIndex]
  if (block === undefined || start === undefined) return undefined
  if (!Number.isInteger(position.offset) || position.offset < 0 || position.offset > block.text.length) return undefined
  return start + position.offset
}

export interface BlockRange {
  blockIndex: number
  /** Offsets inside the block's text, [start, end). */
  start: number
  end: number
}

/**
 * Splits the article range [start, end) into one non-empty piece per block it
 * covers; separators between blocks belong to no piece.
 */
export function blockRanges(blocks: readonly TextBlock[], start: number, end: number): BlockRange[] {
  const pieces: BlockRange[] = []
  if (!(start < end)) return pieces
  const starts = blockStarts(blocks)
  const first = Math.max(0, blockAt(starts, Math.max(0, start)))
  for (let index = first; index < blocks.length; index++) {
    const blockStart = starts[index] ?? 0
    if (blockStart >= end) break
    const length = blocks[index]?.text.length ?? 0
    const from = Math.max(start, blockStart) - blockStart
    const to = Math.min(end, blockStart + length) - blockStart
    if (from < to) pieces.push({ blockIndex: index, start: from, end: to })
  }
  return pieces
}
