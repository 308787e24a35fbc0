// Plain text → article: recovers title, headings, lists, quotes and captions, and drops site boilerplate.
import type { Block, ImportedDocument } from '../../../../shared/types'
import { isHeadingShaped, isWhollyQuoted, joinLines, parseBullet, sectionNumberLevel, type BulletLine } from './lines'
import { bylineFrom, dateFromLine, isBoilerplate, isCaption, isTrailingBoilerplate, tagsFromLine } from './patterns'

type DraftBlock = Omit<Block, 'id'> & { numbered?: boolean }

type Unit =
  | { kind: 'lines'; lines: string[] }
  | { kind: 'bullet'; item: BulletLine; more: string[]; depth: number; alone: boolean }
  | { kind: 'block'; block: DraftBlock }

const SEPARATOR = /^\s*(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|#{3,}|~{3,})\s*$/

export function importPlainText(text: string, fileName: string): ImportedDocument {
  const normalised = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n')
  const paragraphs = normalised.split(/\n(?:[ \t\f\v\u00a0]*\n)+/)
  const units: Unit[] = []
  paragraphs.forEach((para, index) => {
    let lines = para.split('\n').filter((l) => l.trim() !== '')
    if (lines.length === 0) return
    // A head block of short unpunctuated lines (title / byline / date) arrives without blank lines between.
    if (index === 0 && lines.length <= 4 && lines.every((l) => l.trim().length <= 120 && !/\.$/.test(l.trim()))) {
      for (const line of lines) units.push(...unitsOf([line]))
      return
    }
    lines = lines.map((l) => l.replace(/\s+$/, ''))
    units.push(...unitsOf(lines))
  })
  const blocks = classify(units)
  const head = extractHead(blocks, fileName)
  const tags = dropTrailingBoilerplate(head.blocks)
  const body = head.blocks.filter((b) => !(wordsIn(b.text) <= 40 && isBoilerplate(b.text)))
  const doc: ImportedDocument = { title: head.title, format: 'text', blocks: body.map(stripDraft) }
  if (head.byline !== undefined) doc.byline = head.byline
  if (head.publishedAt !== undefined) doc.publishedAt = head.publishedAt
  if (tags.length > 0) doc.tags = tags
  return doc
}

function unitsOf(lines: string[]): Unit[] {
  const trimmed = lines.map((l) => l.trim())
  const first = trimmed[0] ?? ''
  if (trimmed.length === 1 && SEPARATOR.test(first)) return []
  if (trimmed.every((l) => l.startsWith('>'))) {
    return [{ kind: 'block', block: { type: 'quote', text: joinLines(trimmed.map((l) => l.replace(/^>+\s?/, ''))) } }]
  }
  const atx = /^(#{1,6})\s+(.+?)\s*#*$/.exec(first)
  if (trimmed.length === 1 && atx?.[1] && atx[2]) {
    return [{ kind: 'block', block: { type: 'heading', level: atx[1].length, text: atx[2] } }]
  }
  const underline = trimmed[1]
  if (trimmed.length === 2 && underline !== undefined && /^(=+|-+)$/.test(underline) && underline.length >= 3) {
    return [{ kind: 'block', block: { type: 'heading', level: underline.startsWith('=') ? 1 : 2, text: first } }]
  }
  const bullets = lines.map(parseBullet)
  if (!bullets.some((b) => b !== undefined)) return [{ kind: 'lines', lines }]
  const indents = [...new Set(bullets.flatMap((b) => (b ? [b.indent] : [])))].sort((a, b) => a - b)
  const out: Unit[] = []
  let leading: string[] = []
  let current: Extract<Unit, { kind: 'bullet' }> | undefined
  lines.forEach((line, i) => {
    const bullet = bullets[i]
    if (bullet) {
      if (leading.length > 0) out.push({ kind: 'lines', lines: leading })
      leading = []
      current = { kind: 'bullet', item: bullet, more: [], depth: Math.min(5, indents.indexOf(bullet.indent)), alone: lines.length === 1 }
      out.push(current)
    } else if (current) current.more.push(line)
    else leading.push(line)
  })
  if (leading.length > 0) out.push({ kind: 'lines', lines: leading })
  return out
}

function classify(units: Unit[]): DraftBlock[] {
  const blocks: DraftBlock[] = []
  let looseListParts: number | undefined
  units.forEach((unit, i) => {
    const isLast = i === units.length - 1
    if (unit.kind !== 'bullet') looseListParts = undefined
    if (unit.kind === 'block') {
      blocks.push(unit.block)
    } else if (unit.kind === 'bullet') {
      const text = joinLines([unit.item.text, ...unit.more])
      // A lone numbered line is a section heading unless it belongs to a loose list of like-numbered lines.
      const parts = numberParts(unit.item.number)
      const next = units[i + 1]
      const nextIsSibling = next?.kind === 'bullet' && next.alone && numberParts(next.item.number) === parts
      const prevWasSibling = looseListParts === parts
      looseListParts = undefined
      if (unit.alone && unit.item.ordered && !nextIsSibling && !prevWasSibling && !isLast && isHeadingShaped(text)) {
        const number = unit.item.number ?? ''
        blocks.push({ type: 'heading', level: sectionNumberLevel(number), text: `${number} ${text}`, numbered: true })
      } else {
        blocks.push({ type: 'list-item', text, ordered: unit.item.ordered, depth: unit.depth })
        if (unit.alone) looseListParts = parts
      }
    } else {
      const text = joinLines(unit.lines)
      if (text === '') return
      if (isCaption(text)) blocks.push({ type: 'caption', text })
      else if (unit.lines.length === 1 && !isLast && isHeadingShaped(text) && !isBoilerplate(text)) {
        blocks.push({ type: 'heading', level: 2, text })
      } else if (isWhollyQuoted(text)) blocks.push({ type: 'quote', text })
      else blocks.push({ type: 'paragraph', text })
    }
  })
  return blocks
}

interface Head {
  title: string
  byline?: string
  publishedAt?: string
  blocks: DraftBlock[]
}

/** Title, byline and dateline sit before the body; captions may come first. */
function extractHead(blocks: DraftBlock[], fileName: string): Head {
  const head: Head = { title: '', blocks: [...blocks] }
  let i = 0
  while (i < head.blocks.length && i < 8) {
    const block = head.blocks[i]
    if (!block) break
    const line = block.text
    const byline = wordsIn(line) <= 12 ? bylineFrom(line) : undefined
    const date = wordsIn(line) <= 10 ? dateFromLine(line) : undefined
    if (block.type === 'caption') {
      i++
    } else if (head.title === '' && block.type === 'heading' && !block.numbered) {
      head.title = line
      head.blocks.splice(i, 1)
    } else if (byline !== undefined && head.byline === undefined) {
      head.byline = byline
      head.blocks.splice(i, 1)
    } else if (date !== undefined && head.publishedAt === undefined) {
      head.publishedAt = date
      head.blocks.splice(i, 1)
    } else break
  }
  if (head.title === '') head.title = titleFromFileName(fileName)
  return head
}

/** Removes furniture from the end of the text; returns tags found on a "Tags:" line there. */
function dropTrailingBoilerplate(blocks: DraftBlock[]): string[] {
  let tags: string[] = []
  for (;;) {
    const last = blocks[blocks.length - 1]
    if (!last || wordsIn(last.text) > 40) break
    const found = tagsFromLine(last.text)
    if (found) tags = found
    else if (!isTrailingBoilerplate(last.text)) break
    blocks.pop()
  }
  return tags
}

export function titleFromFileName(fileName: string): string {
  const base = (fileName.split(/[\\/]/).pop() ?? fileName).replace(/\.[^.]{1,10}$/, '')
  const words = base.replace(/[-_]+/g, ' ').replace(/\s+/g, ' ').trim()
  if (words === '') return 'Untitled'
  return words.charAt(0).toUpperCase() + words.slice(1)
}

function numberParts(number: string | undefined): number {
  return number === undefined ? 0 : number.replace(/[.)]$/, '').split('.').length
}

function wordsIn(text: string): number {
  const m = text.match(/\S+/g)
  return m ? m.length : 0
}

function stripDraft(block: DraftBlock): Omit<Block, 'id'> {
  const { numbered: _numbered, ...rest } = block
  return rest
}
