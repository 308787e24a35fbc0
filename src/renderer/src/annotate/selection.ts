// DOM selection → article plain-text offsets. Each rendered block carries its
// article offset (data-offset) and text length (data-length); text inside
// [data-nontext] (page markers) is not part of the block's text. Offsets are
// read from these attributes, never guessed from rendered characters.

export interface TextRange {
  start: number
  end: number
}

const BLOCK = '[data-offset]'

function blockOf(node: Node): HTMLElement | null {
  const element = node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement
  return element?.closest<HTMLElement>(BLOCK) ?? null
}

function textNodes(block: HTMLElement): Text[] {
  const found: Text[] = []
  const walker = block.ownerDocument.createTreeWalker(block, NodeFilter.SHOW_TEXT)
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.parentElement?.closest('[data-nontext]')) found.push(node as Text)
  }
  return found
}

/** Whether text node `t` lies at or after the boundary point (container, offset). */
function atOrAfter(t: Text, container: Node, offset: number): boolean {
  const child = container.childNodes[offset]
  if (child) return child === t || child.contains(t) || Boolean(child.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING)
  // The boundary is at the end of `container`: only text after it follows.
  return !container.contains(t) && Boolean(container.compareDocumentPosition(t) & Node.DOCUMENT_POSITION_FOLLOWING)
}

/** Article offset of a boundary point inside a block, clamped to the block's text. */
export function pointToOffset(container: Node, offset: number): number | undefined {
  const block = blockOf(container)
  if (!block) return undefined
  const base = Number(block.dataset['offset'])
  const length = Number(block.dataset['length'])
  if (!Number.isInteger(base) || !Number.isInteger(length)) return undefined
  let count = 0
  for (const t of textNodes(block)) {
    if (t === container) return base + Math.min(length, count + offset)
    if (container.nodeType !== Node.TEXT_NODE && atOrAfter(t, container, offset)) break
    count += t.data.length
  }
  return base + Math.min(length, count)
}

const blockEdges = (block: HTMLElement) => {
  const start = Number(block.dataset['offset'])
  return { start, end: start + Number(block.dataset['length']) }
}

/**
 * The plain-text range a DOM range covers inside `root`. Ends outside any block
 * (the title, the gap between blocks) snap to the blocks the range touches.
 * Undefined when it touches no block's text.
 */
export function rangeToOffsets(root: HTMLElement, range: Range): TextRange | undefined {
  if (range.collapsed || !root.contains(range.commonAncestorContainer)) return undefined
  const touched = [...root.querySelectorAll<HTMLElement>(BLOCK)].filter((block) => range.intersectsNode(block))
  const first = touched[0]
  const last = touched[touched.length - 1]
  if (!first || !last) return undefined
  const start = blockOf(range.startContainer) ? pointToOffset(range.startContainer, range.startOffset) : blockEdges(first).start
  const end = blockOf(range.endContainer) ? pointToOffset(range.endContainer, range.endOffset) : blockEdges(last).end
  if (start === undefined || end === undefined || !(start < end)) return undefined
  return { start, end }
}

/** Shrinks a range past white space at either end; undefined when nothing else is left. */
export function trimRange(text: string, range: TextRange): TextRange | undefined {
  let { start, end } = range
  while (start < end && /\s/.test(text[start] ?? '')) start++
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--
  return start < end ? { start, end } : undefined
}
