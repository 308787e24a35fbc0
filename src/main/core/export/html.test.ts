import { JSDOM } from 'jsdom'
import { describe, expect, it } from 'vitest'
import { annotationAnchor, exportHtml } from './html'
import { OPTIONS, sampleSelection } from './test-fixtures'

async function reportDom(): Promise<{ html: string; doc: Document }> {
  const file = await exportHtml(sampleSelection(), OPTIONS)
  const html = file.data as string
  return { html, doc: new JSDOM(html).window.document }
}

describe('exportHtml', () => {
  it('carries no script and loads nothing from outside the file', async () => {
    const { html, doc } = await reportDom()
    expect(doc.querySelectorAll('script, img, iframe, object, embed, link, video, audio, source').length).toBe(0)
    expect(doc.querySelectorAll('[src], [srcset]').length).toBe(0)
    expect(html).not.toMatch(/@import|url\(/i)
    for (const element of doc.querySelectorAll('*')) {
      for (const attr of element.getAttributeNames()) expect(attr.startsWith('on')).toBe(false)
    }
  })

  it('links outward only to original article URLs, marked external', async () => {
    const { doc } = await reportDom()
    const external = [...doc.querySelectorAll('a[href]')].filter((a) => !a.getAttribute('href')?.startsWith('#'))
    expect(external.map((a) => a.getAttribute('href')).sort()).toEqual([
      'https://example.com/prices',
      'https://example.org/grid?utm_source=x',
    ])
    for (const a of external) expect(a.getAttribute('rel')).toContain('external')
  })

  it('resolves every internal #anchor to an element in the file', async () => {
    const { doc } = await reportDom()
    const internal = [...doc.querySelectorAll('a[href^="#"]')].map((a) => a.getAttribute('href')?.slice(1) ?? '')
    expect(internal.length).toBeGreaterThan(4)
    for (const id of internal) expect(doc.getElementById(id), id).not.toBeNull()
    const link = doc.querySelector(`#${annotationAnchor('a1')} .links a`)
    expect(link?.getAttribute('href')).toBe(`#${annotationAnchor('a3')}`)
  })

  it('shows quotes and notes as text, never as markup', async () => {
    const { doc } = await reportDom()
    const a2 = doc.getElementById(annotationAnchor('a2'))
    expect(a2?.querySelector('blockquote')?.textContent).toContain('<script>alert(1)</script>')
    expect(a2?.querySelector('.note')?.textContent).toContain('<img src=x onerror=alert(1)>')
    const a1Note = doc.querySelector(`#${annotationAnchor('a1')} .note`)
    expect(a1Note?.querySelector('strong')?.textContent).toBe('ENTSO-E')
    expect(a1Note?.textContent).toContain('(https://example.net/x)')
  })

  it('groups annotations under their article and names articles left out', async () => {
    const { doc } = await reportDom()
    const sections = [...doc.querySelectorAll('section.article')]
    expect(sections.map((s) => s.querySelector('h2')?.textContent)).toEqual(['Grid / Storage: a "report"', 'prices', 'Prices'])
    expect(sections[1]?.textContent).toContain('An article left out')
    expect(sections[1]?.textContent).toContain('not in this report')
  })
})
