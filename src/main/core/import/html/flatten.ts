// Markup nested deeper than any real page overflows the stack of recursive DOM code (Readability's, and
// jsdom's own node removal), so such a page is copied, shallowly and without recursion, into a fresh
// document in which anything below MAX_DEPTH is reduced to its text.
import type { Document, Element } from './dom-types'

export const MAX_DEPTH = 80

export function maxDepth(root: Element): number {
  let deepest = 0
  const stack: { el: Element; depth: number }[] = [{ el: root, depth: 0 }]
  while (stack.length > 0) {
    const item = stack.pop()
    if (!item) break
    deepest = Math.max(deepest, item.depth)
    for (let child = item.el.firstElementChild; child; child = child.nextElementSibling) stack.push({ el: child, depth: item.depth + 1 })
  }
  return deepest
}

/** Copies `from`'s head and body into `into` (an empty document), cutting nesting at MAX_DEPTH. */
export function copyFlattened(from: Document, into: Document): void {
  const pairs: { source: Element; target: Element; depth: number }[] = [
    { source: from.head, target: into.head, depth: 1 },
    { source: from.body, target: into.body, depth: 1 },
  ]
  for (const attr of Array.from(from.documentElement.attributes)) into.documentElement.setAttribute(attr.name, attr.value)
  while (pairs.length > 0) {
    const pair = pairs.pop()
    if (!pair) break
    for (let node = pair.source.firstChild; node; node = node.nextSibling) {
      const isElement = node.nodeType === 1
      if (isElement && pair.depth >= MAX_DEPTH) {
        pair.target.appendChild(into.createTextNode(` ${node.textContent ?? ''} `))
        continue
      }
      const copy = into.importNode(node, false)
      pair.target.appendChild(copy)
      if (isElement) pairs.push({ source: node as Element, target: copy as Element, depth: pair.depth + 1 })
    }
  }
}
