// Where a stored passage lives in the reader: the article and the block its
// current position starts in (the reader scrolls to `?block=`).

import { blockStarts, toBlockPosition } from '../../../shared/anchoring'
import type { PassageTarget } from '../../../shared/notes'
import type { Block } from '../../../shared/types'
import type { Route } from '../app/route'

/** The reader route for a passage; without a block (text gone, offsets past the end) the article opens at its top. */
export function passageRoute(target: Pick<PassageTarget, 'articleId' | 'position'>, blocks: readonly Pick<Block, 'id' | 'text'>[]): Route {
  const at = toBlockPosition(blocks, blockStarts(blocks), target.position.start, 'forward')
  const block = at === undefined ? undefined : blocks[at.blockIndex]
  return block === undefined ? { view: 'article', id: target.articleId } : { view: 'article', id: target.articleId, blockId: block.id }
}
