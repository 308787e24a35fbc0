import { describe, expect, it } from 'vitest'
import { importText, textsOf } from '../test-helpers'
import { capNesting, MAX_SOURCE_DEPTH } from './cap-nesting'

const intro = '<p>' + 'These opening words are long enough to make a readable article paragraph. '.repeat(4) + '</p>'
const deepPage = (depth: number, inner: string, open = '<div>', close = '</div>', newline = '') =>
  `<!doctype html><html><body><article><h1>Deep</h1>${intro}${(open + newline).repeat(depth)}${inner}${(close + newline).repeat(depth)}</article></body></html>`

describe('capNesting: tags below the cap are cut before jsdom sees the page', () => {
  it('returns a page of ordinary depth exactly as it was', () => {
    const html = deepPage(50, '<p>Shallow enough.</p>')
    expect(capNesting(html)).toEqual({ html, cut: 0 })
  })

  it('cuts every tag below the cap and keeps the text, words apart', () => {
    const { html, cut } = capNesting(deepPage(500, '<span>alpha</span><span>beta</span>'))
    expect(cut).toBeGreaterThan(700)
    expect(html).toContain('alpha beta')
    expect((html.match(/<div>/g) ?? []).length).toBeLessThanOrEqual(MAX_SOURCE_DEPTH)
    expect(html.match(/<div>/g)?.length).toBe(html.match(/<\/div>/g)?.length)
  })

  it('removes a script or style below the cap whole, so its text never becomes article text', () => {
    const { html } = capNesting(deepPage(400, '<script>stealCookies("</div>")</script><style>body{}</style><p>kept</p>'))
    expect(html).not.toContain('stealCookies')
    expect(html).not.toContain('body{}')
    expect(html).toContain('kept')
  })

  it('counts a <tr>/<td> inside a nested table as nesting, not as a sibling of the outer cell', () => {
    const { html, cut } = capNesting(deepPage(2000, 'deepest words', '<div><span><table><tr><td>', ''))
    // Each level opens five elements; all but about the first MAX_SOURCE_DEPTH must go.
    expect(cut).toBeGreaterThan(2000 * 5 - MAX_SOURCE_DEPTH * 2)
    expect(html).toContain('deepest words')
  })

  it('does not count unclosed <p> and <li> siblings as nesting', () => {
    const html = `<html><body><ul>${'<li>item <p>para'.repeat(400)}</ul></body></html>`
    expect(capNesting(html).cut).toBe(0)
  })

  it('cuts at the right places in a page with CRLF line ends and attributes', () => {
    const { html } = capNesting(deepPage(300, '<p>The deepest sentence survives.</p>', '<div class="x" data-a=\'>\'>', '</div>', '\r\n'))
    expect(html).toContain('The deepest sentence survives.')
    expect(html).not.toMatch(/<div(?![^<>]*>)|class="x"(?![^<>]*>)/)
  })
})

describe('HTML importer: deeply nested pages import without overflowing the stack', () => {
  it.each([10_000, 100_000])('imports %i levels of <div> and keeps the deepest sentence', async (depth) => {
    const doc = await importText('deep.html', deepPage(depth, '<p>The deepest sentence survives.</p>'))
    expect(textsOf(doc).join(' ')).toContain('The deepest sentence survives.')
  })

  it('imports 20,000 levels of unclosed inline tags (a broken editor export)', async () => {
    const doc = await importText('inline.html', deepPage(20_000, 'The innermost words.', '<b><i>', ''))
    expect(textsOf(doc).join(' ')).toContain('The innermost words.')
  })
})
