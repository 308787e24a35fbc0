// A note's Markdown rewritten for the export. Notes can come from a colleague by
// merge, so they are parsed (raw HTML as text) and written back from the parse
// tree: only emphasis, code, lists, quotes, rules and policy-approved links are
// emitted, and every piece of text is escaped, so nothing in a note can become
// HTML, a heading, an Obsidian block id, tag, embed or wikilink.

import MarkdownIt from 'markdown-it'
import { safeLink } from '../../../shared/links'
import { escapeInline, escapeLineStart, escapeMarkdown, normaliseLines } from './markdown-text'

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number]

interface Node {
  token: Token
  children: Node[]
}

const parser = new MarkdownIt({ html: false, linkify: false, typographer: false })
// Tables would need re-writing cell by cell; as escaped text they still read.
parser.disable(['table'])
// Every link is parsed so that the shared policy, not markdown-it's filter, decides.
parser.validateLink = (): boolean => true

function tree(tokens: Token[]): Node[] {
  const root: Node[] = []
  const stack: Node[][] = [root]
  for (const token of tokens) {
    const level = stack[stack.length - 1] ?? root
    if (token.nesting === 1) {
      const node = { token, children: [] }
      level.push(node)
      stack.push(node.children)
    } else if (token.nesting === -1) stack.pop()
    else level.push({ token, children: [] })
  }
  return root
}

/** Characters that would end or confuse a link destination, percent-encoded. */
const destination = (href: string): string =>
  href.replace(/[\s()<>]/gu, (ch) => [...new TextEncoder().encode(ch)].map((b) => `%${b.toString(16).toUpperCase().padStart(2, '0')}`).join(''))

function codeSpan(content: string): string {
  const runs = content.match(/`+/g) ?? []
  let fence = 1
  while (runs.some((run) => run.length === fence)) fence += 1
  // Three or more backticks at a line's start would open a code block: show it as text instead.
  if (fence >= 3) return escapeInline(content)
  const ticks = '`'.repeat(fence)
  const pad = content.startsWith('`') || content.endsWith('`') ? ' ' : ''
  return `${ticks}${pad}${content}${pad}${ticks}`
}

function inline(children: Token[]): string {
  let out = ''
  const links: (string | undefined)[] = []
  for (const token of children) {
    switch (token.type) {
      case 'text':
      case 'html_inline':
        out += escapeInline(token.content)
        break
      case 'image':
        // An image would be fetched by the viewer: its description stays, as text.
        out += escapeInline(token.content)
        break
      case 'softbreak':
        out += '\n'
        break
      case 'hardbreak':
        out += '\\\n'
        break
      case 'code_inline':
        out += codeSpan(token.content)
        break
      case 'strong_open':
      case 'strong_close':
        out += '**'
        break
      case 'em_open':
      case 'em_close':
        out += '*'
        break
      case 's_open':
      case 's_close':
        out += '~~'
        break
      case 'link_open': {
        const href = safeLink(token.attrGet('href'))
        links.push(href)
        if (href !== undefined) out += '['
        break
      }
      case 'link_close': {
        const href = links.pop()
        if (href !== undefined) out += `](${destination(href)})`
        break
      }
      default:
        out += escapeInline(token.content)
    }
  }
  // Each line of the paragraph must stay a paragraph line.
  return out
    .split('\n')
    .map((line) => escapeLineStart(line.replace(/^[ \t]+/, '')))
    .join('\n')
}

const indent = (text: string, first: string, rest: string): string =>
  text
    .split('\n')
    .map((line, i) => (line === '' ? '' : `${i === 0 ? first : rest}${line}`))
    .join('\n')

/** A line that Obsidian could read as a block id: `^id` at its end. */
const BLOCK_ID_LINE = /(?:^|\s)\^[A-Za-z0-9-]+\s*$/m

function fenced(content: string, info: string): string {
  // Code cannot be escaped; code that would end a line in a block id is shown as escaped text instead.
  if (BLOCK_ID_LINE.test(content)) return escapeMarkdown(content).trim()
  const longest = Math.max(2, ...(content.match(/`+/g) ?? []).map((run) => run.length))
  const fence = '`'.repeat(longest + 1)
  const language = /^[\w+-]{1,30}$/.test(info) ? info : ''
  return `${fence}${language}\n${content.replace(/\n$/, '')}\n${fence}`
}

function list(node: Node): string {
  const ordered = node.token.type === 'ordered_list_open'
  let number = Number(node.token.attrGet('start') ?? 1)
  const items = node.children.map((item) => {
    const marker = ordered ? `${number++}. ` : '- '
    const tight = item.children.every((child) => child.token.type !== 'paragraph_open' || child.token.hidden)
    return indent(blocks(item.children, tight ? '\n' : '\n\n') || '', marker, ' '.repeat(marker.length))
  })
  return items.join('\n')
}

function block(node: Node): string | undefined {
  const { token } = node
  switch (token.type) {
    // A note's heading is shown as an ordinary paragraph: the export's own headings give the structure.
    case 'heading_open':
    case 'paragraph_open':
      return inline(node.children[0]?.token.children ?? [])
    case 'blockquote_open':
      return blocks(node.children, '\n\n')
        .split('\n')
        .map((line) => (line === '' ? '>' : `> ${line}`))
        .join('\n')
    case 'bullet_list_open':
    case 'ordered_list_open':
      return list(node)
    case 'fence':
      return fenced(token.content, token.info.trim())
    case 'code_block':
      return fenced(token.content, '')
    case 'hr':
      return '***'
    case 'inline':
      return inline(token.children ?? [])
    default:
      return token.content === '' ? undefined : escapeLineStart(escapeInline(token.content))
  }
}

function blocks(nodes: Node[], separator: string): string {
  return nodes
    .map(block)
    .filter((text): text is string => text !== undefined && text !== '')
    .join(separator)
}

/** A note as safe Markdown for the export; empty when the note has no content. */
export function noteMarkdown(note: string): string {
  const text = normaliseLines(note)
  const tokens = parser.parse(text, {})
  // At markdown-it's nesting cap the rest of the note is dropped from the parse: export it as plain escaped text instead.
  if (tokens.some((token) => token.level >= parser.options.maxNesting - 1)) return escapeMarkdown(text).trim()
  return blocks(tree(tokens), '\n\n')
}
