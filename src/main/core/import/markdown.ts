// Markdown → article: markdown-it tokens to blocks with inline marks; front matter gives the metadata.
import matter from 'gray-matter'
import MarkdownIt from 'markdown-it'
type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number]
import type { Block, ImportedDocument } from '../../../shared/types'
import { AssetCollector } from './assets'
import { htmlFragmentBlocks, htmlFragmentText } from './html/fragment-text'
import { safeLink } from '../../../shared/links'
import { InlineBuilder } from './inline'
import { restoreMarkdownLink, restoreMarkdownShapes, tameMarkdownShapes } from './markdown-shapes'
import { applyFrontMatter } from './front-matter'
import { titleFromFileName } from './text/plain-text'

type DraftBlock = Omit<Block, 'id'>

// Front matter in JavaScript or CoffeeScript is evaluated by gray-matter; refuse to run it.
const refuse = { parse: (): object => ({}) }
const MATTER_OPTIONS = { engines: { javascript: refuse, js: refuse, coffee: refuse, coffeescript: refuse, cson: refuse } }

const md = new MarkdownIt({ html: true, linkify: false, typographer: false })
// Parse every link so that the shared link policy, not markdown-it's filter, decides; unsafe ones then lose only their href.
md.validateLink = (): boolean => true

export function importMarkdown(source: string, fileName: string, resolveLocal?: (path: string) => Uint8Array | undefined): ImportedDocument {
  let body = source
  let data: Record<string, unknown> = {}
  try {
    const parsed = matter(closeFrontMatterWithDashes(source), MATTER_OPTIONS)
    body = parsed.content
    data = parsed.data
  } catch {
    // Malformed front matter: import the whole file as Markdown rather than refuse it.
  }
  const assets = new AssetCollector(resolveLocal)
  const tamed = tameMarkdownShapes(body)
  const blocks = blocksFromTokens(md.parse(tamed, {}), assets, tamed !== body)
  if (tamed !== body) for (const block of blocks) restoreBlock(block)
  const doc: ImportedDocument = { title: '', format: 'markdown', blocks }
  applyFrontMatter(doc, data)
  const first = blocks[0]
  const leadingH1 = first?.type === 'heading' && first.level === 1 ? first.text : undefined
  if (doc.title === '' && leadingH1 !== undefined) doc.title = leadingH1
  // The title is shown above the body; a leading h1 repeating it would show twice.
  if (leadingH1 !== undefined && leadingH1.toLowerCase() === doc.title.toLowerCase()) blocks.shift()
  if (doc.title === '') doc.title = titleFromFileName(fileName)
  if (assets.assets.length > 0) doc.assets = assets.assets
  return doc
}

/** YAML may end a document with "...", as Pandoc's front matter does; gray-matter knows only "---". */
function closeFrontMatterWithDashes(source: string): string {
  const open = /^\uFEFF?---[ \t]*\r?\n/.exec(source)
  if (!open) return source
  const close = /^(---|\.\.\.)[ \t]*$/m.exec(source.slice(open[0].length))
  if (close?.[1] !== '...') return source
  const at = open[0].length + close.index
  return source.slice(0, at) + '---' + source.slice(at + 3)
}

function restoreBlock(block: DraftBlock): void {
  block.text = restoreMarkdownShapes(block.text)
  if (block.cells) block.cells = block.cells.map(restoreMarkdownShapes)
}

interface State {
  /** Whether tameMarkdownShapes stood in for characters, which addresses must get back. */
  tamed: boolean
  lists: boolean[]
  quoteDepth: number
  heading?: number
  cells?: string[]
}

/** A list item or code inside a quote stays quoted: a quote block led by its marker, code kept as code. */
function quoted(block: DraftBlock, state: State): DraftBlock {
  if (state.quoteDepth === 0 || block.type === 'quote' || block.type === 'figure' || block.type === 'caption') return block
  if (block.type === 'list-item') {
    const marker = block.ordered ? '– ' : '• '
    const shift = marker.length + (block.depth ?? 0) * 2
    const marks = block.marks?.map((m) => ({ ...m, start: m.start + shift, end: m.end + shift }))
    return { type: 'quote', text: '  '.repeat(block.depth ?? 0) + marker + block.text, ...(marks && marks.length > 0 ? { marks } : {}) }
  }
  if (block.type === 'preformatted') return { type: 'quote', text: block.text, marks: [{ kind: 'code', start: 0, end: block.text.length }] }
  return block
}

function blocksFromTokens(tokens: Token[], assets: AssetCollector, tamed: boolean): DraftBlock[] {
  const out: DraftBlock[] = []
  const blocks = { push: (...added: DraftBlock[]) => out.push(...added.map((b) => quoted(b, state))) }
  const state: State = { lists: [], quoteDepth: 0, tamed }
  for (const token of tokens) {
    switch (token.type) {
      case 'heading_open':
        state.heading = Number(token.tag.slice(1)) || 1
        break
      case 'heading_close':
        state.heading = undefined
        break
      case 'bullet_list_open':
      case 'ordered_list_open':
        state.lists.push(token.type === 'ordered_list_open')
        break
      case 'bullet_list_close':
      case 'ordered_list_close':
        state.lists.pop()
        break
      case 'blockquote_open':
        state.quoteDepth++
        break
      case 'blockquote_close':
        state.quoteDepth--
        break
      case 'tr_open':
        state.cells = []
        break
      case 'tr_close':
        if (state.cells && state.cells.some((c) => c !== '')) blocks.push({ type: 'table-row', text: state.cells.join('\t'), cells: state.cells })
        state.cells = undefined
        break
      case 'fence':
      case 'code_block': {
        const text = token.content.replace(/\s+$/, '')
        if (text !== '') blocks.push({ type: 'preformatted', text })
        break
      }
      case 'html_block': {
        // A raw table or pre has structure of its own, read through the HTML path; other HTML gives its text.
        if (/<(table|pre)\b/i.test(token.content)) {
          blocks.push(...htmlFragmentBlocks(token.content, assets))
          break
        }
        const text = htmlFragmentText(token.content)
        if (text !== '') blocks.push({ type: state.quoteDepth > 0 ? 'quote' : 'paragraph', text })
        break
      }
      case 'inline':
        emitInline(token, state, blocks, assets)
        break
      default:
        break
    }
  }
  return out
}

function emitInline(token: Token, state: State, blocks: { push: (...b: DraftBlock[]) => void }, assets: AssetCollector): void {
  const builder = new InlineBuilder()
  const address = (value: string | number | null): string | undefined =>
    value === null ? undefined : state.tamed ? restoreMarkdownLink(String(value)) : String(value)
  const figures: DraftBlock[] = []
  const links: boolean[] = []
  for (const child of token.children ?? []) {
    switch (child.type) {
      case 'text':
      case 'text_special':
        builder.append(child.content)
        break
      case 'softbreak':
      case 'hardbreak':
        builder.lineBreak()
        break
      case 'code_inline':
        builder.openMark('code')
        builder.append(child.content)
        builder.closeMark('code')
        break
      case 'em_open':
      case 'strong_open':
        builder.openMark(child.type === 'em_open' ? 'em' : 'strong')
        break
      case 'em_close':
      case 'strong_close':
        builder.closeMark(child.type === 'em_close' ? 'em' : 'strong')
        break
      case 'link_open': {
        const href = safeLink(address(child.attrGet('href')))
        links.push(href !== undefined)
        if (href !== undefined) builder.openMark('link', href)
        break
      }
      case 'link_close':
        if (links.pop()) builder.closeMark('link')
        break
      case 'image': {
        const alt = child.content.trim()
        const asset = assets.add(address(child.attrGet('src')) ?? '')
        if (asset !== undefined) figures.push({ type: 'figure', text: alt, asset })
        else if (alt !== '') figures.push({ type: 'caption', text: alt })
        break
      }
      default:
        break // html_inline: tags dropped, the text between them stays
    }
  }
  const { text, marks } = builder.take()
  if (state.cells) {
    state.cells.push(text)
    return
  }
  if (text !== '') {
    const block: DraftBlock = { type: 'paragraph', text }
    if (state.heading !== undefined) Object.assign(block, { type: 'heading', level: state.heading })
    else if (state.lists.length > 0) Object.assign(block, { type: 'list-item', ordered: state.lists.at(-1) ?? false, depth: Math.min(5, state.lists.length - 1) })
    else if (state.quoteDepth > 0) block.type = 'quote'
    if (marks.length > 0) block.marks = marks
    blocks.push(block)
  }
  // An image alone in its paragraph keeps its alt text as a caption; one amid text only if it is stored.
  blocks.push(...figures.filter((f) => f.type === 'figure' || text === ''))
}
