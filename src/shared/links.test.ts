import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { MAX_LINK_CHARS, safeLink, safeWebLink } from './links'

describe('safeLink', () => {
  it.each([
    ['https://example.org/a?b=c#d', 'https://example.org/a?b=c#d'],
    ['http://example.org', 'http://example.org/'],
    ['  HTTPS://Example.ORG/x  ', 'https://example.org/x'],
    ['mailto:analyst@example.org', 'mailto:analyst@example.org'],
    ['https://example.org/a b', 'https://example.org/a%20b'],
    ['https://bücher.example/', 'https://xn--bcher-kva.example/'],
  ])('allows %j as %j', (href, expected) => {
    expect(safeLink(href)).toBe(expected)
  })

  it.each([
    '',
    '   ',
    '//evil.example/x',
    '\\\\evil.example\\x',
    '/\\evil.example/x',
    '/x',
    './x',
    '../x',
    'x.md',
    '#section',
    '?q=1',
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    '\u0001javascript:alert(1)',
    'javascript&#58;alert(1)',
    'javascript&colon;alert(1)',
    '&#106;avascript:alert(1)',
    'ｊａｖａｓｃｒｉｐｔ:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    'app://dossier/index.html',
    'blob:https://example.org/uuid',
    'ftp://example.org/file',
    'mailto:',
    'https://user:pass@example.org/',
    'https://bank.example@evil.example/',
    'https://example.org/\u0000',
    `https://example.org/${'a'.repeat(MAX_LINK_CHARS)}`,
    'not a url',
  ])('refuses %j', (href) => {
    expect(safeLink(href)).toBeUndefined()
  })

  it('refuses anything that is not a string', () => {
    for (const value of [undefined, null, 1, {}, ['https://example.org/'], new URL('https://example.org/')]) {
      expect(safeLink(value)).toBeUndefined()
    }
  })

  it('resolves relative links only against a web base, for importers', () => {
    expect(safeLink('/a', 'https://example.org/dir/page')).toBe('https://example.org/a')
    expect(safeLink('b', 'https://example.org/dir/page')).toBe('https://example.org/dir/b')
    expect(safeLink('//cdn.example/x', 'https://example.org/')).toBe('https://cdn.example/x')
    expect(safeLink('javascript:alert(1)', 'https://example.org/')).toBeUndefined()
    expect(safeLink('/a', 'file:///home/me/')).toBeUndefined()
    expect(safeLink('/a', 'javascript:alert(1)')).toBeUndefined()
  })

  it('safeWebLink keeps only http and https', () => {
    expect(safeWebLink('https://example.org/')).toBe('https://example.org/')
    expect(safeWebLink('mailto:a@example.org')).toBeUndefined()
    expect(safeWebLink('//example.org/')).toBeUndefined()
  })

  it('returns only absolute http, https or mailto addresses, and accepts its own output unchanged', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.webUrl(), fc.webUrl().map((u) => `//${u.replace(/^\w+:\/\//, '')}`)), (href) => {
        const safe = safeLink(href)
        if (safe === undefined) return
        expect(safe).toMatch(/^(https?:\/\/[^/@]+\/|mailto:.)/)
        expect(safeLink(safe)).toBe(safe)
      }),
      { numRuns: 500 },
    )
  })

  it('refuses every other scheme however it is spelt: case, inner tabs and newlines, leading controls and spaces', () => {
    const scheme = fc.constantFrom('javascript', 'data', 'vbscript', 'file', 'app', 'blob', 'ftp', 'chrome', 'about')
    const noise = fc.constantFrom('', '\t', '\n', '\r', ' ', '\u0000', '\u001f', '\u00a0')
    fc.assert(
      fc.property(scheme, fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }), noise, noise, fc.string(), (name, upper, lead, inner, rest) => {
        const cased = [...name].map((ch, i) => (upper[i % upper.length] ? ch.toUpperCase() : ch)).join('')
        const spelt = `${lead}${cased.slice(0, 2)}${inner}${cased.slice(2)}:${rest}`
        expect(safeLink(spelt)).toBeUndefined()
      }),
      { numRuns: 500 },
    )
  })

  it('refuses every relative address without a base', () => {
    const start = fc.constantFrom('//', '/', './', '../', '#', '?', '\\\\', '')
    fc.assert(
      fc.property(start, fc.webUrl(), (prefix, url) => {
        expect(safeLink(`${prefix}${url.replace(/^\w+:\/\//, '')}`)).toBeUndefined()
      }),
      { numRuns: 300 },
    )
  })
})
