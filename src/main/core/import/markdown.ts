// Markdown → article: markdown-it tokens to blocks with inline marks; front matter gives the metadata.
import matter from 'gray-matter'
import MarkdownIt from 'markdown-it'
type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number]
import type { Block, ImportedDocument } from '../../../shared/types'
import { AssetCollector } from './assets'
import { htmlFragmentText } from './html/fragment-text'
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
    const parsed = matter(source, MATTER_OPTIONS)
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

function blocksFromTokens(tokens: Token[], assets: AssetCollector, tamed: boolean): DraftBlock[] {
  const blocks: DraftBlock[] = []
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
  return blocks
}

function emitInline(token: Token, state: State, blocks: DraftBlock[], assets: AssetCollector): void {
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
