import { describe, expect, it } from 'vitest'
import { importDocument } from './index'
import { importText, readFixture, textsOf } from './test-helpers'

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3])

describe('markdown importer', () => {
  const load = (resolveLocal?: (p: string) => Uint8Array | undefined) =>
    importDocument({ name: 'field-notes.md', data: readFixture('field-notes.md') }, resolveLocal ? { resolveLocal } : {})

  it('reads front matter: title, authors, date, tags, url, source and description', async () => {
    const doc = await load()
    expect(doc).toMatchObject({
      title: 'Field notes: the northern corridor',
      byline: 'Amina Yusuf, Tom Reyes',
      publishedAt: '2024-03-05',
      tags: ['logistics', 'corridor', 'field work'],
      url: 'https://example.org/notes/northern-corridor',
      source: 'Corridor Monitor',
      excerpt: 'Notes from three weeks on the northern supply corridor.',
      format: 'markdown',
    })
    expect(doc.blocks[0]?.text).not.toBe(doc.title)
  })

  it('keeps emphasis, strong, code and safe links as marks over the right words', async () => {
    const para = (await load()).blocks.find((b) => b.type === 'paragraph')
    expect(para).toBeDefined()
    const text = para?.text ?? ''
    const marked = (para?.marks ?? []).map((m) => [m.kind, text.slice(m.start, m.end), m.href])
    expect(marked).toEqual([
      ['em', 'three weeks', undefined],
      ['strong', 'main finding', undefined],
      ['code', 'km 212', undefined],
      ['link', "ministry's report", 'https://gov.example/report.pdf'],
    ])
    expect(text).toContain('and our earlier note and the data.')
  })

  it('turns headings, nested lists, quotes, tables and code into typed blocks', async () => {
    const doc = await load()
    expect(doc.blocks.filter((b) => b.type === 'heading').map((b) => [b.level, b.text])).toEqual([[2, 'Checkpoints']])
    expect(doc.blocks.filter((b) => b.type === 'list-item').map((b) => [b.text, b.ordered, b.depth])).toEqual([
      ['Km 40 — customs', true, 0],
      ['Km 212 — security', true, 0],
      ['staffed by two agencies', false, 1],
      ['closes at dusk', false, 1],
    ])
    expect(textsOf(doc, 'quote')).toEqual(['Nobody here trusts the timetable.'])
    expect(doc.blocks.filter((b) => b.type === 'table-row').map((b) => b.cells)).toEqual([
      ['Checkpoint', 'Delay (h)'],
      ['Km 40', '2'],
      ['Km 212', '26'],
    ])
    expect(textsOf(doc, 'preformatted')).toEqual(['log: 05:10 departed'])
  })

  it('keeps raw HTML as text only, without the script in it', async () => {
    const all = textsOf(await load()).join('\n')
    expect(all).toContain('A raw HTML note')
    expect(all).not.toContain('alert')
    expect(all).not.toContain('steal')
  })

  it('stores a local image as an asset with a figure block, and keeps only the alt text of one it cannot find', async () => {
    const withImage = await load((p) => (p === 'Field_files/queue.png' ? PNG : undefined))
    expect(withImage.assets).toEqual([{ name: 'image-1.png', mime: 'image/png', data: PNG }])
    expect(withImage.blocks.find((b) => b.type === 'figure')).toEqual({ type: 'figure', text: 'Queue at km 212', asset: 'image-1.png' })
    const without = await load()
    expect(without.assets).toBeUndefined()
    expect(without.blocks.find((b) => b.text === 'Queue at km 212')?.type).toBe('caption')
  })

  it('never asks for an image outside the document folder or on the web', async () => {
    const asked: string[] = []
    await importText('x.md', '# T\n\n![a](../secret.png) ![b](/etc/x.png) ![c](https://e.com/c.png) ![d](file:///d.png) ![e](ok/e.png)', {
      resolveLocal: (p) => {
        asked.push(p)
        return undefined
      },
    })
    expect(asked).toEqual(['ok/e.png'])
  })

  it('does not run JavaScript front matter', async () => {
    const doc = await importText('js.md', "---js\n{ title: (() => { globalThis.__pwned = true; return 'x' })() }\n---\n\nBody text.")
    expect((globalThis as { __pwned?: boolean }).__pwned).toBeUndefined()
    expect(doc.title).toBe('Js')
  })

  it('imports the body when the front matter is malformed YAML, titled from the first h1 or the file name', async () => {
    const doc = await importText('broken.md', '---\ntitle: [unclosed\n---\n\n# Real Title\n\nText.')
    expect(textsOf(doc)).toContain('Text.')
    const plain = await importText('my_notes.md', 'Just a paragraph.')
    expect(plain.title).toBe('My notes')
  })

  it('imports a file with a 1 MB line of markup characters, keeping the characters as text', async () => {
    const huge = '# Big\n\n' + '*_[`<'.repeat(200_000) + '\n\nAfter.'
    const doc = await importText('huge.md', huge)
    expect(doc.title).toBe('Big')
    expect(textsOf(doc).at(-1)).toBe('After.')
    expect(textsOf(doc).some((t) => t.length > 500_000 && t.includes('[') && t.includes('<'))).toBe(true)
  })
})

describe('Markdown importer: YAML ends, nested quotes and raw HTML structure', () => {
  it('reads front matter closed by "..." (a valid YAML document end) as metadata, not text', async () => {
    const doc = await importText('brief.md', '---\ntitle: Border crossings, week 12\nauthor: R. Osei\n...\n\nTraffic at the northern crossing doubled.\n')
    expect(doc.title).toBe('Border crossings, week 12')
    expect(doc.byline).toBe('R. Osei')
    expect(textsOf(doc).join('\n')).not.toMatch(/title:|\.\.\./)
  })

  it('leaves a file whose first "---" block is never closed as text', async () => {
    const doc = await importText('notes.md', '---\nnot: front matter\n\nThe body of the note goes on here.\n')
    expect(doc.title).toBe('Notes')
    expect(textsOf(doc).join('\n')).toContain('The body of the note goes on here.')
  })

  it('keeps a quote that holds a list and code quoted, with the list markers and the code mark', async () => {
    const doc = await importText('q.md', '> The envoy listed three demands:\n>\n> - a ceasefire\n> - prisoner exchanges\n>\n> ```\n> curl https://example.org/statement\n> ```\n\nAfter the quote.\n')
    expect(textsOf(doc, 'quote')).toEqual(['The envoy listed three demands:', '• a ceasefire', '• prisoner exchanges', 'curl https://example.org/statement'])
    expect(doc.blocks.find((b) => b.text.startsWith('curl'))?.marks).toEqual([{ kind: 'code', start: 0, end: 34 }])
    expect(textsOf(doc, 'paragraph')).toEqual(['After the quote.'])
  })

  it('imports a raw HTML table as table rows and a raw <pre> as preformatted text, with scripts and handlers gone', async () => {
    const md = 'Intro line.\n\n<table onclick="alert(1)">\n<tr><th>Port</th><th>Calls</th></tr>\n<tr><td>Tema</td><td><a href="javascript:alert(1)">412</a></td></tr>\n</table>\n\n<pre>\nline one\n  line two<script>alert(2)</script>\n</pre>\n'
    const doc = await importText('raw.md', md)
    expect(doc.blocks.filter((b) => b.type === 'table-row').map((b) => b.cells)).toEqual([
      ['Port', 'Calls'],
      ['Tema', '412'],
    ])
    expect(textsOf(doc, 'preformatted')).toEqual(['line one\n  line two'])
    expect(JSON.stringify(doc)).not.toMatch(/alert|javascript/)
  })
})
