import { describe, expect, it } from 'vitest'
import { importDocument } from '../index'
import { failureOf, importText, readFixture, textsOf } from '../test-helpers'

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 9, 9])
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 1, 2])
const SVG = new TextEncoder().encode('<svg><script>alert(1)</script></svg>')

describe('HTML importer: a saved news page full of furniture and hostile markup', () => {
  const load = () => importDocument({ name: 'harbour-news.html', data: readFixture('harbour-news.html') })

  it('extracts title, byline, site, date, language and canonical URL', async () => {
    const doc = await load()
    expect(doc).toMatchObject({
      title: 'Port strike enters second week as talks stall',
      byline: 'Priya Natarajan',
      source: 'The Harbour Times',
      publishedAt: '2024-11-12T08:30:00.000Z',
      language: 'en-GB',
      url: 'https://www.harbourtimes.example/news/port-strike-enters-week',
      format: 'html',
    })
  })

  it('keeps the article structure: headings, nested list, quote, table rows and the remote figure caption', async () => {
    const doc = await load()
    expect(textsOf(doc, 'heading')).toEqual(['What the two sides want', 'Cargo volumes'])
    expect(doc.blocks.filter((b) => b.type === 'list-item').map((b) => b.depth)).toEqual([0, 1, 0])
    expect(textsOf(doc, 'quote')[0]).toMatch(/^"We are not against technology/)
    expect(doc.blocks.filter((b) => b.type === 'table-row').map((b) => b.cells)).toEqual([
      ['Week', 'Containers handled'],
      ['Before strike', '41,200'],
      ['Strike week 1', '6,850'],
    ])
    expect(textsOf(doc, 'caption')).toEqual(['Idle cranes at the container terminal on Monday. Photo: J. Ortiz'])
    expect(doc.assets).toBeUndefined()
  })

  it('drops navigation, cookie banner, share bar, related links, comment form and footer', async () => {
    const all = textsOf(await load()).join('\n')
    for (const gone of ['We use cookies', 'Home', 'Share on Facebook', 'Tweet', 'Related stories', 'Ferry fares', 'Leave a Reply', 'Your email address', 'All rights reserved', 'By Priya']) {
      expect(all).not.toContain(gone)
    }
  })

  it('lets nothing active through: no script text, no javascript: or data: links, only http(s) and mailto hrefs', async () => {
    const doc = await load()
    const all = textsOf(doc).join('\n')
    for (const bad of ['alert', 'tracker', 'injected by script', 'UA-1']) expect(all).not.toContain(bad)
    const hrefs = doc.blocks.flatMap((b) => b.marks ?? []).flatMap((m) => (m.href ? [m.href] : []))
    expect(hrefs).toEqual(['https://union.example/statements/12'])
    expect(all).toContain('Click for the union statement, which it also posted')
    const strong = doc.blocks.flatMap((b) => (b.marks ?? []).filter((m) => m.kind === 'strong').map((m) => b.text.slice(m.start, m.end)))
    expect(strong).toEqual(['second week'])
  })
})

describe('HTML importer: a "Web page, complete" with local images', () => {
  const files: Record<string, Uint8Array> = { 'Sahel_files/carte.png': PNG, 'Sahel_files/convoi.jpg': JPEG, 'Sahel_files/logo.svg': SVG }
  const load = () =>
    importDocument({ name: 'ministry-briefing.html', data: readFixture('ministry-briefing.html') }, { resolveLocal: (p) => files[p] })

  it('stores local raster images as assets with figure blocks, captioned, and refuses the SVG', async () => {
    const doc = await load()
    expect(doc.assets?.map((a) => [a.name, a.mime])).toEqual([
      ['image-1.png', 'image/png'],
      ['image-2.jpg', 'image/jpeg'],
    ])
    expect(doc.blocks.filter((b) => b.type === 'figure')).toEqual([
      { type: 'figure', text: 'La zone des trois frontières.', asset: 'image-1.png' },
      { type: 'figure', text: 'Un convoi près de Gao', asset: 'image-2.jpg' },
    ])
  })

  it('reads JSON-LD metadata and the page language, and keeps the ordered list', async () => {
    const doc = await load()
    expect(doc).toMatchObject({ title: 'Sahel : le point sur la sécurité régionale', byline: 'Awa Diop', publishedAt: '2024-02-03', language: 'fr' })
    expect(doc.blocks.filter((b) => b.type === 'list-item').every((b) => b.ordered === true)).toBe(true)
    expect(textsOf(doc).join(' ')).not.toContain("S'inscrire")
  })
})

describe('HTML importer: pages that are not articles, and markup that is not sane', () => {
  it('refuses an index page of links with no-text and a reason', async () => {
    const failure = await failureOf(importDocument({ name: 'index-page.html', data: readFixture('index-page.html') }))
    expect(failure.code).toBe('no-text')
    expect(failure.message).toMatch(/^index-page\.html has no article text/)
  })

  it('survives markup nested 3,000 levels deep, beyond what Readability can recurse through, and keeps the text', async () => {
    const depth = 3_000
    const intro = '<p>' + 'These opening words are long enough to make a readable article paragraph. '.repeat(4) + '</p>'
    const html = `<!doctype html><html><body><article><h1>Deep</h1>${intro}${'<div>'.repeat(depth)}<p>The deepest sentence survives.</p>${'</div>'.repeat(depth)}</article></body></html>`
    const doc = await importText('deep.html', html)
    expect(textsOf(doc).join(' ')).toContain('The deepest sentence survives.')
  })

  it('imports truncated HTML cleanly', async () => {
    const html = '<html><head><title>Cut off</title></head><body><article><p>' + 'A sentence that keeps going on and on about the harbour. '.repeat(6) + '</p><p>And then the file ends mid-tag <a hr'
    const doc = await importText('cut.html', html)
    expect(doc.title).toBe('Cut off')
    expect(textsOf(doc)[0]).toMatch(/^A sentence that keeps going/)
  })

  it('uses the fetched URL for relative links and never resolves remote images as local files', async () => {
    const asked: string[] = []
    const html = '<html><head><title>T</title></head><body><article><p>' + 'Words of a real article paragraph here. '.repeat(8) + '<a href="/more">more</a></p><img src="pic.png"></article></body></html>'
    const doc = await importText('page.html', html, { url: 'https://news.example/a/b', resolveLocal: (p) => (asked.push(p), PNG) })
    expect(doc.url).toBe('https://news.example/a/b')
    expect(doc.blocks[0]?.marks?.[0]?.href).toBe('https://news.example/more')
    expect(asked).toEqual([])
    expect(doc.assets).toBeUndefined()
  })
})
