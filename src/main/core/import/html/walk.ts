// Walks the extracted article DOM into blocks, iteratively (no recursion), keeping only text and safe links.
import type { Block } from '../../../../shared/types'
import type { AssetCollector } from '../assets'
import { InlineBuilder } from '../inline'
import type { DomNode, Element } from './dom-types'

type DraftBlock = Omit<Block, 'id'>

/** Elements whose content is never article text, or could only be active content. */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'frame', 'object', 'embed', 'applet', 'form', 'button', 'input', 'select', 'textarea', 'svg', 'math', 'nav', 'canvas', 'video', 'audio', 'map', 'head', 'link', 'meta', 'base', 'dialog'])
const BLOCK = new Set(['p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'ul', 'ol', 'li', 'blockquote', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'figure', 'figcaption', 'table', 'thead', 'tbody', 'tfoot', 'tr', 'td', 'th', 'caption', 'dl', 'dt', 'dd', 'hr', 'address', 'details', 'summary', 'center'])
const MARKS: Record<string, 'em' | 'strong' | 'code'> = { em: 'em', i: 'em', cite: 'em', strong: 'strong', b: 'strong', code: 'code', kbd: 'code', samp: 'code' }

export interface WalkOptions {
  assets: AssetCollector
  /** Turns an href into a safe absolute link or undefined. */
  link: (href: string) => string | undefined
  /** Turns an img src into a local path the assets may hold, or undefined for remote images. */
  localSrc: (src: string) => string | undefined
}

interface Figure {
  asset?: string
  alt: string
  caption: InlineBuilder
}

export function blocksFromDom(root: Element, options: WalkOptions): DraftBlock[] {
  const blocks: DraftBlock[] = []
  let builder = new InlineBuilder()
  const headings: number[] = []
  const lists: boolean[] = []
  let items = 0
  let quotes = 0
  let pres = 0
  let figure: Figure | undefined
  let captionDepth = 0
  let cells: string[] | undefined
  let cell: InlineBuilder | undefined
  let tables = 0

  const flush = (): void => {
    if (cell || (figure && captionDepth > 0)) return
    const { text, marks } = builder.take()
    if (text === '') return
    const block: DraftBlock = { type: 'paragraph', text }
    const level = headings.at(-1)
    if (level !== undefined) Object.assign(block, { type: 'heading', level })
    else if (items > 0) Object.assign(block, { type: 'list-item', ordered: lists.at(-1) ?? false, depth: Math.min(5, Math.max(0, lists.length - 1)) })
    else if (pres > 0) block.type = 'preformatted'
    else if (quotes > 0) block.type = 'quote'
    if (marks.length > 0) block.marks = marks
    blocks.push(block)
  }
  const sink = (): InlineBuilder => cell ?? (figure && captionDepth > 0 ? figure.caption : builder)

  const image = (el: Element): void => {
    const src = el.getAttribute('src') ?? ''
    const local = options.localSrc(src)
    const asset = local === undefined ? undefined : options.assets.add(local)
    const alt = (el.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim()
    if (figure) {
      if (asset !== undefined && figure.asset === undefined) figure.asset = asset
      if (figure.alt === '') figure.alt = alt
    } else if (asset !== undefined) {
      flush()
      blocks.push({ type: 'figure', text: alt, asset })
    }
  }

  const enter = (el: Element, tag: string): void => {
    if (cell && BLOCK.has(tag)) {
      cell.append(' ')
      return
    }
    if (BLOCK.has(tag) || tag === 'br' || tag === 'img') {
      if (tag === 'br') return sink().lineBreak()
      if (tag === 'img') return image(el)
      flush()
    }
    if (/^h[1-6]$/.test(tag)) headings.push(Number(tag[1]))
    else if (tag === 'ul' || tag === 'ol') lists.push(tag === 'ol')
    else if (tag === 'li') items++
    else if (tag === 'blockquote') quotes++
    else if (tag === 'pre' && pres++ === 0) builder = new InlineBuilder(true)
    else if (tag === 'figure' && !figure) figure = { alt: '', caption: new InlineBuilder() }
    else if (tag === 'figcaption') captionDepth++
    else if (tag === 'table') tables++
    else if (tag === 'tr' && tables === 1) cells = []
    else if ((tag === 'td' || tag === 'th') && cells) cell = new InlineBuilder()
  }

  const exit = (el: Element, tag: string): void => {
    if ((tag === 'td' || tag === 'th') && cells && cell) {
      cells.push(cell.take().text)
      cell = undefined
      return
    }
    if (cell) return
    if (BLOCK.has(tag)) flush()
    if (/^h[1-6]$/.test(tag)) headings.pop()
    else if (tag === 'ul' || tag === 'ol') lists.pop()
    else if (tag === 'li') items--
    else if (tag === 'blockquote') quotes--
    else if (tag === 'pre' && --pres === 0) builder = new InlineBuilder()
    else if (tag === 'figcaption') captionDepth--
    else if (tag === 'table') tables--
    else if (tag === 'tr' && cells) {
      if (cells.some((c) => c !== '')) blocks.push({ type: 'table-row', text: cells.join('\t'), cells })
      cells = undefined
    } else if (tag === 'figure' && figure && el.parentElement?.closest('figure') == null) {
      const caption = figure.caption.take().text
      const text = caption || figure.alt
      if (figure.asset !== undefined) blocks.push({ type: 'figure', text, asset: figure.asset })
      else if (text !== '') blocks.push({ type: 'caption', text })
      figure = undefined
    }
  }

  const stack: { node: DomNode; exit?: () => void }[] = [{ node: root }]
  while (stack.length > 0) {
    const frame = stack.pop()
    if (!frame) break
    if (frame.exit) {
      frame.exit()
      continue
    }
    const node = frame.node
    if (node.nodeType === 3) {
      sink().append(node.nodeValue ?? '')
      continue
    }
    if (node.nodeType !== 1 && node.nodeType !== 11) continue
    const el = node as Element
    const tag = node.nodeType === 1 ? el.localName : '#fragment'
    if (SKIP.has(tag) || (node.nodeType === 1 && el.hasAttribute('hidden'))) continue
    enter(el, tag)
    const mark = MARKS[tag]
    const href = tag === 'a' ? options.link(el.getAttribute('href') ?? '') : undefined
    if (mark) sink().openMark(mark)
    if (href !== undefined) sink().openMark('link', href)
    stack.push({
      node,
      exit: () => {
        if (href !== undefined) sink().closeMark('link')
        if (mark) sink().closeMark(mark)
        exit(el, tag)
      },
    })
    const children = Array.from(node.childNodes)
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i]
      if (child) stack.push({ node: child })
    }
  }
  flush()
  return blocks
}
