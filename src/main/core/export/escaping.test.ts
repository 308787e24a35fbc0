import fc from 'fast-check'
import { JSDOM } from 'jsdom'
import MarkdownIt from 'markdown-it'
import { describe, expect, it } from 'vitest'
import { exportHtml } from './html'
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
