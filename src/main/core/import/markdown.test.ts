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
