// Finds text in a rendered article and returns DOM Ranges, for the CSS Custom
// Highlight API: the page is marked without changing its DOM (React owns it,
// and annotation highlights live there too).

/** Lower-cased with accents removed, per character, so offsets map back to the page. */
function fold(text: string): { folded: string; origin: number[] } {
  let folded = ''
  const origin: number[] = []
  for (let i = 0; i < text.length; i++) {
    const piece = text[i]!.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase()
    for (let j = 0; j < piece.length; j++) origin.push(i)
    folded += piece
  }
  origin.push(text.length)
  return { folded, origin }
}

/** [start, end) offsets of every occurrence of any needle in text, in order, not overlapping. */
export function findOffsets(text: string, needles: readonly string[]): [number, number][] {
  const wanted = [...new Set(needles.map((n) => fold(n.trim()).folded).filter((n) => n.length > 0))].sort((a, b) => b.length - a.length)
  if (wanted.length === 0) return []
  const { folded, origin } = fold(text)
  const found: [number, number][] = []
  let at = 0
  while (at < folded.length) {
    let best: [number, number] | undefined
    for (const needle of wanted) {
      const index = folded.indexOf(needle, at)
      if (index !== -1 && (best === undefined || index < best[0])) best = [index, index + needle.length]
    }
    if (!best) break
    found.push([origin[best[0]]!, origin[best[1]]!])
    at = best[1]
  }
  return found
}

/** Text nodes under root in document order, with where each starts in their joined text. */
function textNodes(root: Node): { nodes: Text[]; starts: number[]; text: string } {
  const walker = root.ownerDocument!.createTreeWalker(root, 4 /* NodeFilter.SHOW_TEXT */)
  const nodes: Text[] = []
  const starts: number[] = []
  let text = ''
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    nodes.push(node as Text)
    starts.push(text.length)
    text += (node as Text).data
  }
  return { nodes, starts, text }
}

function locate(nodes: Text[], starts: number[], offset: number, preferEnd: boolean): [Text, number] {
  let lo = 0
  let hi = nodes.length - 1
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    const start = starts[mid]!
    if (start < offset || (start === offset && !preferEnd)) lo = mid
    else hi = mid - 1
  }
  return [nodes[lo]!, offset - starts[lo]!]
}

/** Ranges over every occurrence of the needles in root's text (across inline elements too). */
export function findRanges(root: Node, needles: readonly string[]): Range[] {
  const { nodes, starts, text } = textNodes(root)
  if (nodes.length === 0) return []
  const doc = root.ownerDocument!
  return findOffsets(text, needles).map(([start, end]) => {
    const range = doc.createRange()
    range.setStart(...locate(nodes, starts, start, false))
    range.setEnd(...locate(nodes, starts, end, true))
    return range
  })
}

/** Names the ranges for ::highlight(name) CSS; a no-op where the API is missing (jsdom, old engines). */
export function paintHighlight(name: string, ranges: readonly Range[]): () => void {
  const registry = typeof CSS !== 'undefined' ? CSS.highlights : undefined
  if (!registry || typeof Highlight === 'undefined') return () => undefined
  if (ranges.length === 0) registry.delete(name)
  else registry.set(name, new Highlight(...ranges))
  return () => registry.delete(name)
}
