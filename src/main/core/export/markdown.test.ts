import matter from 'gray-matter'
import MarkdownIt from 'markdown-it'
import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { COMBINED_MARKDOWN_NAME, exportMarkdownCombined, exportMarkdownFiles } from './markdown'
import { blockId, escapeMarkdown } from './markdown-text'
import { OPTIONS, sampleSelection } from './test-fixtures'

const md = new MarkdownIt({ html: true })

function rendered(text: string): Document {
  return new JSDOM(md.render(matter(text).content)).window.document
}

describe('exportMarkdownFiles', () => {
  it('writes one file per article with safe, unique names', async () => {
    const files = await exportMarkdownFiles(sampleSelection(), OPTIONS)
    expect(files.map((f) => f.name)).toEqual(['Grid Storage a report.md', 'prices.md', 'Prices (2).md'])
  })

  it('puts the article metadata in YAML front matter that parses back', async () => {
    const files = await exportMarkdownFiles(sampleSelection(), OPTIONS)
    const grid = matter(files[0]?.data as string).data
    expect(grid).toMatchObject({
      title: 'Grid / Storage: a "report"',
      author: 'Jo Reyes',
      source: 'Power Weekly',
      url: 'https://example.org/grid?utm_source=x',
      published: '2024-01-15',
      tags: ['energy-policy'],
      'dossier-id': 'art-grid',
    })
  })

  it('keeps hostile titles and tags inside their front matter values', async () => {
    const selection = sampleSelection()
    const hostile = '---\ntitle: forged\n---\n# injected: [x]'
    const [first, ...rest] = selection.articles
    if (first === undefined) throw new Error('fixture')
    const files = await exportMarkdownFiles(
      { ...selection, articles: [{ ...first, title: hostile, tags: ['a b', '#c', '2024', '!!'] }, ...rest] },
      OPTIONS,
    )
    const parsed = matter(files.find((f) => (f.data as string).includes('dossier-id: art-prices\n'))?.data as string)
    expect(parsed.data.title).toBe(hostile)
    expect(parsed.data.tags).toEqual(['a-b', 'c', 'tag-2024', 'tag'])
    expect(parsed.content).not.toMatch(/^title: forged/m)
  })

  it('marks each highlight with an Obsidian block id after its quote', async () => {
    const files = await exportMarkdownFiles(sampleSelection(), OPTIONS)
    const text = files[0]?.data as string
    expect(text).toContain(`> added 2 GW of storage\n\n^${blockId('a1')}\n`)
    expect(text).toContain('#storage #to-verify')
  })

  it('writes relative links that resolve, with decodeURI as Obsidian does, to an existing file and block id', async () => {
    const plain = sampleSelection()
    const awkward = {
      ...plain,
      articles: plain.articles.map((a) => (a.id === 'art-prices' ? { ...a, title: 'AT&T, 100% + (more)? = @home; $5' } : a)),
    }
    for (const selection of [plain, awkward]) {
      const files = await exportMarkdownFiles(selection, OPTIONS)
      const byName = new Map(files.map((f) => [f.name, f.data as string]))
      let checked = 0
      for (const file of files) {
        for (const a of rendered(file.data as string).querySelectorAll('a[href]:not([href^="http"])')) {
          const [path = '', anchor] = (a.getAttribute('href') ?? '').split('#')
          const target = byName.get(decodeURI(path))
          expect(target, path).toBeDefined()
          if (anchor !== undefined) expect(target).toMatch(new RegExp(`^\\${decodeURIComponent(anchor)}$`, 'm'))
          checked += 1
        }
      }
      expect(checked).toBeGreaterThanOrEqual(4)
    }
  })

  it('shows the relation from both ends and names articles left out', async () => {
    const files = await exportMarkdownFiles(sampleSelection(), OPTIONS)
    const [grid, twin, prices] = files.map((f) => f.data as string)
    expect(grid).toContain('- supports → [Prices: “Wholesale prices fell by \\*a third\\*”](Prices%20%282%29.md#^ann-a3)')
    expect(prices).toContain('- supported by ← [Grid / Storage: a "report": “added 2 GW of storage”](Grid%20Storage%20a%20report.md#^ann-a1) — Storage pushed prices down')
    expect(prices).toContain('contradicts → [Prices: “expect a rebound”](Prices%20%282%29.md)')
    expect(twin).toContain('An article left out: “elsewhere” (not in this export)')
  })

  it('renders quoted markup as text, not as HTML or Markdown', async () => {
    const files = await exportMarkdownFiles(sampleSelection(), OPTIONS)
    const doc = rendered(files[0]?.data as string)
    expect(doc.querySelector('script')).toBeNull()
    expect(doc.body.textContent).toContain('<script>alert(1)</script>')
    const prices = rendered(files[2]?.data as string)
    expect(prices.querySelector('blockquote em')).toBeNull()
  })
})

describe('escapeMarkdown', () => {
  it('stops a quoted line from becoming a heading, list or quote', () => {
    for (const line of ['# Title', '- item', '+ item', '> quote', '12. item', '3) item']) {
      const doc = new JSDOM(md.render(escapeMarkdown(line))).window.document
      expect(doc.querySelector('h1, ul, ol, blockquote'), line).toBeNull()
      expect(doc.body.textContent?.trim()).toBe(line)
    }
  })
})

describe('exportMarkdownCombined', () => {
  it('writes one file whose links point at its own block ids', async () => {
    const file = await exportMarkdownCombined(sampleSelection(), OPTIONS)
    expect(file.name).toBe(COMBINED_MARKDOWN_NAME)
    const text = file.data as string
    const hrefs = [...rendered(text).querySelectorAll('a[href]:not([href^="http"])')].map((a) => a.getAttribute('href') ?? '')
    expect(hrefs.length).toBeGreaterThan(0)
    for (const href of hrefs) {
      const [path, anchor] = href.split('#')
      expect(decodeURI(path ?? '')).toBe(COMBINED_MARKDOWN_NAME)
      if (anchor !== undefined) expect(text).toMatch(new RegExp(`^\\${decodeURIComponent(anchor)}$`, 'm'))
    }
    expect(text.match(/^# /gm)).toHaveLength(3)
  })
})
