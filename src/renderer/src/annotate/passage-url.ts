// A passage's address: the reader route plus `at=<start>-<end>` (plain-text
// offsets), so following a link lands on the exact words, not just the block.

import { blockStarts } from '../../../shared/anchoring'
import type { Block } from '../../../shared/types'
import type { PassageRef } from './NotesPanel'

export function passageHash(passage: PassageRef, blocks?: readonly Block[]): string {
  let block = ''
  if (blocks) {
    const starts = blockStarts(blocks)
    let index = 0
    while (index + 1 < starts.length && (starts[index + 1] ?? Infinity) <= passage.start) index++
    const id = blocks[index]?.id
    if (id) block = `block=${encodeURIComponent(id)}&`
  }
  return `#/article/${encodeURIComponent(passage.articleId)}?${block}at=${passage.start}-${passage.end}`
}

/** The `at` range of a reader address, when it holds a valid one. */
export function parseAt(hash: string): { start: number; end: number } | undefined {
  const query = hash.split('?')[1] ?? ''
  const match = /^(\d{1,9})-(\d{1,9})$/.exec(new URLSearchParams(query).get('at') ?? '')
  if (!match) return undefined
  const start = Number(match[1])
  const end = Number(match[2])
  return start < end ? { start, end } : undefined
}
