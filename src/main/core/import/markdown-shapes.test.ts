import { describe, expect, it } from 'vitest'
import type { ImportedDocument } from '../../../shared/types'
import { importMarkdown } from './markdown'
import { MARKUP_BUDGET, restoreMarkdownShapes, tameMarkdownShapes } from './markdown-shapes'

const BRACKET_LINE = '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[['
/** A block of bracket lines well past the budget (about 400 KB). */
const bracketBlock = (lines = 10_000): string => Array.from({ length: lines }, () => BRACKET_LINE).join('\n')
const prose = (n: number): string =>
  Array.from({ length: n }, (_, i) => `Paragraph ${i}: the office said *at least 46* people were killed, per [the statement](https://example.org/s/${i}).`).join('\n\n')

const kinds = (doc: ImportedDocument): string[] => doc.blocks.map((b) => b.type)

describe('Markdown line-shape pre-check', () => {
  it('returns ordinary documents unchanged, as the same string', () => {
    const text = prose(2_000)
    expect(text.length ** 2).toBeGreaterThan(MARKUP_BUDGET)
    expect(tameMarkdownShapes(text)).toBe(text)
  })

  it('keeps links and emphasis in a large document of ordinary paragraphs', () => {
    const doc = importMarkdown(prose(2_000), 'report.md')
    const last = doc.blocks.at(-1)
    expect(last?.marks?.map((m) => m.kind)).toEqual(['em', 'link'])
    expect(last?.marks?.[1]?.href).toBe('https://example.org/s/1999')
  })

  it('keeps every character of a block dense with unclosed brackets, as plain text', () => {
    const block = bracketBlock()
    const doc = importMarkdown(`# Notes\n\n${block}\n\nAfter.`, 'brackets.md')
    expect(kinds(doc)).toEqual(['paragraph', 'paragraph'])
    expect(doc.blocks[0]?.text).toBe(block.replace(/\n/g, ' '))
    expect(tameMarkdownShapes(block)).not.toContain('[')
    expect(doc.blocks[0]?.marks).toBeUndefined()
    expect(doc.blocks[1]?.text).toBe('After.')
  })

  it('keeps a one-line run of emphasis delimiters as its literal text', () => {
    const line = '*_a'.repeat(60_000)
    const doc = importMarkdown(line, 'stars.md')
    expect(doc.blocks).toHaveLength(1)
    expect(doc.blocks[0]?.text).toBe(line)
    expect(doc.blocks[0]?.marks).toBeUndefined()
  })

  it('leaves fenced code, indented code and HTML blocks exactly as written beside a pathological block', () => {
    const fenced = '```\n' + bracketBlock(200) + '\n*_a*_a\n```'
    const indented = '    [[[ *code* ]]]'
    const html = '<div class="x">[[[ <b>bold</b> ]]]</div>'
    const doc = importMarkdown([bracketBlock(), fenced, indented, html].join('\n\n'), 'mixed.md')
    expect(kinds(doc)).toEqual(['paragraph', 'preformatted', 'preformatted', 'paragraph'])
    expect(doc.blocks[1]?.text).toBe(bracketBlock(200) + '\n*_a*_a')
    expect(doc.blocks[2]?.text).toBe('[[[ *code* ]]]')
    expect(doc.blocks[3]?.text).toBe('[[[ bold ]]]')
  })

  it('escapes only the text of a pathological list item or quote, never its marker', () => {
    const run = '*_a'.repeat(60_000)
    const doc = importMarkdown(`## Items\n\n* first\n* ${run}\n* last *word*\n\n> ${run}`, 'list.md')
    expect(doc.blocks.map((b) => [b.type, b.text.slice(0, 6)])).toEqual([
      ['heading', 'Items'],
      ['list-item', 'first'],
      ['list-item', '*_a*_a'],
      ['list-item', 'last w'],
      ['quote', '*_a*_a'],
    ])
    expect(doc.blocks[2]?.text).toBe(run)
    // Each item is its own inline text: the short one after the long one keeps its emphasis.
    expect(doc.blocks[3]?.marks?.map((m) => m.kind)).toEqual(['em'])
  })

  it('leaves many short list items alone: each is parsed on its own, so none is costly', () => {
    const items = Array.from({ length: 12_000 }, (_, i) => `* item ${i} [link](https://example.org/${i})`).join('\n')
    expect(tameMarkdownShapes(items)).toBe(items)
  })

  it('keeps links whole in a block where only emphasis is escaped, underscores in the address included', () => {
    const doc = importMarkdown(`${'*_a '.repeat(30_000)} see [the report](https://example.org/a_b_c/report_2024.pdf).`, 'links.md')
    const link = doc.blocks[0]?.marks?.find((m) => m.kind === 'link')
    expect(link?.href).toBe('https://example.org/a_b_c/report_2024.pdf')
    expect(doc.blocks[0]?.text.slice(link?.start, link?.end)).toBe('the report')
  })

  it('does not unescape a character the author escaped', () => {
    const tamed = tameMarkdownShapes(`\\[kept\\] ${bracketBlock()}`)
    expect(tamed.startsWith('\\[kept\\] ')).toBe(true)
    const doc = importMarkdown(`\\[kept\\] \\*also\\* ${bracketBlock()}`, 'escaped.md')
    expect(doc.blocks[0]?.text.startsWith('[kept] *also* [[[')).toBe(true)
  })

  it('leaves a document that already holds the stand-in characters to markdown-it as it is', () => {
    const text = `\uE000 ${bracketBlock()}`
    expect(tameMarkdownShapes(text)).toBe(text)
    expect(restoreMarkdownShapes('a\uE000b\uE001c\uE002d\uE003')).toBe('a[b*c_d<')
  })

  it('keeps thematic breaks between escaped lines', () => {
    const doc = importMarkdown(`${'*_a '.repeat(30_000)}\n\n***\n\nEnd.`, 'break.md')
    expect(doc.blocks.map((b) => b.text.slice(0, 4))).toEqual(['*_a ', 'End.'])
  })
})
