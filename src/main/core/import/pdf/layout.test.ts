import { describe, expect, it } from 'vitest'
import { dropPageFurniture, linesOfPage, type PdfLine, type TextRun } from './lines'
import { blocksFromLines, joinLine } from './paragraphs'

const run = (str: string, x: number, y: number, size = 10): TextRun => ({ str, x, y, width: str.length * size * 0.5, size })
const line = (text: string, y: number, page = 1, x = 72, size = 10): PdfLine => ({ text, x, y, right: x + 400, size, page })

describe('linesOfPage', () => {
  it('joins runs on one baseline, adding the space a gap stands for', () => {
    const lines = linesOfPage([run('Ports', 72, 700), run('reopen', 110, 700), run('today.', 72, 686)], 3)
    expect(lines.map((l) => [l.text, l.page])).toEqual([['Ports reopen', 3], ['today.', 3]])
  })

  it('keeps content-stream order, so a second column follows the first instead of interleaving with it', () => {
    const left = [run('Left one', 72, 700), run('Left two', 72, 686)]
    const right = [run('Right one', 320, 700), run('Right two', 320, 686)]
    expect(linesOfPage([...left, ...right], 1).map((l) => l.text)).toEqual(['Left one', 'Left two', 'Right one', 'Right two'])
  })

  it('drops control characters and empty runs, and sizes a line by most of its characters', () => {
    const lines = linesOfPage([run('\u0001', 72, 700), run('Body text here', 72, 700, 10), run('1', 150, 703, 6)], 1)
    expect(lines).toHaveLength(1)
    expect(lines[0]?.text).toBe('Body text here 1')
    expect(lines[0]?.size).toBe(10)
  })
})

describe('dropPageFurniture', () => {
  it('drops page numbers and a running head repeated on most pages, but keeps body lines', () => {
    const pages = [1, 2, 3, 4].map((n) => [line('Quarterly Review — Ports', 800, n), line(`Body of page ${n}.`, 700, n), line(`Page ${n} of 4`, 40, n)])
    expect(dropPageFurniture(pages).map((p) => p.map((l) => l.text))).toEqual([1, 2, 3, 4].map((n) => [`Body of page ${n}.`]))
  })

  it('keeps a number that is inside the page, not at its edge', () => {
    const pages = [[line('Heading', 800), line('42', 500), line('Last words.', 100)]]
    expect(dropPageFurniture(pages)[0]?.map((l) => l.text)).toEqual(['Heading', '42', 'Last words.'])
  })
})

describe('blocksFromLines', () => {
  it('starts a new paragraph at a first-line indent after a finished sentence', () => {
    const blocks = blocksFromLines([[line('The first paragraph ends here.', 700), line('A second one begins indented.', 687, 1, 90)]])
    expect(blocks.map((b) => b.text)).toEqual(['The first paragraph ends here.', 'A second one begins indented.'])
  })

  it('starts a new paragraph at a wider gap than the usual leading', () => {
    const blocks = blocksFromLines([[line('One line of text', 700), line('continues here.', 687), line('Next paragraph.', 650), line('and its second line.', 637)]])
    expect(blocks.map((b) => b.text)).toEqual(['One line of text continues here.', 'Next paragraph. and its second line.'])
  })

  it('does not carry a finished sentence over a page break', () => {
    const blocks = blocksFromLines([[line('Page one ends a sentence.', 100, 1)], [line('page two starts lower case.', 780, 2)]])
    expect(blocks.map((b) => [b.text, b.page])).toEqual([['Page one ends a sentence.', 1], ['page two starts lower case.', 2]])
  })

  it('returns no blocks for no lines', () => {
    expect(blocksFromLines([])).toEqual([])
  })
})

describe('joinLine', () => {
  it.each([
    ['recov-', 'ery was slow', 'recovery was slow'],
    ['a soft\u00ad', 'hyphen', 'a softhyphen'],
    ['Franco-', 'German', 'Franco- German'],
    ['ends', 'next', 'ends next'],
    ['1990-', '95 figures', '1990- 95 figures'],
    ['', 'first', 'first'],
  ])('joins %j and %j as %j', (before, next, joined) => {
    expect(joinLine(before, next)).toBe(joined)
  })
})
