import fc from 'fast-check'
import { JSDOM } from 'jsdom'
import MarkdownIt from 'markdown-it'
import { describe, expect, it } from 'vitest'
import { exportHtml } from './html'
import { noteMarkdown } from './markdown-note'
import { blockquote, linkText } from './markdown-text'
import { OPTIONS, note, sampleSelection } from './test-fixtures'

const md = new MarkdownIt({ html: true })
const tricky = fc.string({ unit: fc.constantFrom(...'ab 1.#>-+*_`[]()<>!|~^$%=&\\\n\t:/"\''.split('')), maxLength: 40 })
const squash = (text: string): string => text.replace(/\s+/g, ' ').trim()

describe('Markdown escaping', () => {
  it('renders any quote back as its own text inside one blockquote', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        fc.pre(text.trim() !== '')
        const doc = new JSDOM(md.render(blockquote(text))).window.document
        expect(doc.body.children).toHaveLength(1)
        expect(doc.querySelectorAll('script, img, a, h1, h2, ul, ol, code, em, strong').length).toBe(0)
        expect(squash(doc.body.textContent ?? '')).toBe(squash(text))
      }),
      { numRuns: 300 },
    )
  })

  it('keeps link text on one line with no markup', () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const doc = new JSDOM(md.render(`[${linkText(text)}](x.md)`)).window.document
        expect(doc.querySelectorAll('a')).toHaveLength(1)
        expect(squash(doc.querySelector('a')?.textContent ?? '')).toBe(squash(text))
      }),
      { numRuns: 300 },
    )
  })
})

describe('A note’s Markdown in the export', () => {
  const noteText = fc.string({
    unit: fc.constantFrom(...'ab 1.#>-+*_`[]()<>!|~^$%=&\\\n\t:/"\''.split(''), '<script>', '<img src=x onerror=y>', '](javascript:x)', '](//h/x)', '](https://e.org/)', '\r\n', '^id', '==='),
    maxLength: 60,
  })
  const ALLOWED = new Set(['P', 'STRONG', 'EM', 'S', 'CODE', 'PRE', 'UL', 'OL', 'LI', 'BLOCKQUOTE', 'HR', 'BR', 'A'])

  it('renders, even with HTML allowed, as only plain Markdown elements, safe links, no heading and no block id', () => {
    fc.assert(
      fc.property(noteText, (note) => {
        const out = noteMarkdown(note)
        const doc = new JSDOM(md.render(out)).window.document
        for (const el of doc.body.querySelectorAll('*')) {
          expect(ALLOWED.has(el.tagName), `${el.tagName} from ${JSON.stringify(note)}`).toBe(true)
          const attributes = [...el.attributes].map((a) => a.name)
          expect(attributes.every((name) => name === 'href' || (name === 'class' && el.tagName === 'CODE'))).toBe(true)
        }
        for (const a of doc.querySelectorAll('a')) expect(a.getAttribute('href')).toMatch(/^(https?:\/\/|mailto:)/)
        expect(out).not.toMatch(/(^|\s)\^[A-Za-z0-9-]+\s*$/m)
        expect(out).not.toMatch(/\r/)
      }),
      { numRuns: 500 },
    )
  })

  it('takes no block id from code in a note, where it cannot be escaped', () => {
    for (const note of ['\t^id', '```\nx ^id\n```', '- a\n\n      ^id']) expect(noteMarkdown(note)).not.toMatch(/(^|\s)\^[A-Za-z0-9-]+\s*$/m)
  })

  it('keeps the text of a note nested past the parser’s limit, as plain text', () => {
    for (const note of [`${'> '.repeat(300)}deep <b>x</b>`, `${'- '.repeat(300)}deep <b>x</b>`]) {
      const doc = new JSDOM(md.render(noteMarkdown(note))).window.document
      expect(doc.body.textContent).toContain('deep <b>x</b>')
      expect(doc.querySelector('b')).toBeNull()
    }
  })

  it('keeps emphasis, code, lists, quotes and web links as Markdown', () => {
    const doc = new JSDOM(md.render(noteMarkdown('**b** *i* `c` [w](https://e.org/x)\n\n- one\n- two\n\n> q'))).window.document
    expect(doc.querySelector('strong')?.textContent).toBe('b')
    expect(doc.querySelector('em')?.textContent).toBe('i')
    expect(doc.querySelector('code')?.textContent).toBe('c')
    expect(doc.querySelector('a')?.getAttribute('href')).toBe('https://e.org/x')
    expect(doc.querySelectorAll('ul li')).toHaveLength(2)
    expect(doc.querySelector('blockquote')?.textContent?.trim()).toBe('q')
  })
})

describe('HTML escaping', () => {
  it('shows any title, quote, note and tag as text and never adds elements', async () => {
    await fc.assert(
      fc.asyncProperty(tricky, tricky, async (title, text) => {
        const selection = sampleSelection()
        const first = selection.articles[0]
        const annotation = selection.annotations.find((a) => a.target.articleId === first?.id)
        if (first === undefined || annotation === undefined) throw new Error('fixture')
        const changed = note(annotation.id, { ...annotation.target, quote: { ...annotation.target.quote, exact: text } }, {
          note: text,
          tags: [text],
        })
        const file = await exportHtml(
          { ...selection, articles: [{ ...first, title }], annotations: [changed], links: [] },
          OPTIONS,
        )
        const doc = new JSDOM(file.data as string).window.document
        expect(doc.querySelectorAll('script, img, iframe, link, [src]').length).toBe(0)
        expect(doc.querySelector('h2')?.textContent).toBe(title)
        expect(doc.querySelector('blockquote')?.textContent).toBe(text)
        expect(doc.querySelector('.tag')?.textContent).toBe(text)
      }),
      { numRuns: 60 },
    )
  })
})
