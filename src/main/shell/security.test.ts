import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../http/guard'
import { APP_ORIGIN, WEB_PREFERENCES, allowPermission, isAppUrl, isExternalUrl, windowOptions } from './security'

/** A CSP as directive name → sorted sources, so two policies compare by substance, not by spelling. */
function parseCsp(policy: string): Map<string, string[]> {
  const directives = new Map<string, string[]>()
  for (const part of policy.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/).filter(Boolean)
    if (!name) continue
    const key = name.toLowerCase()
    // The first occurrence of a directive wins; a repeat is ignored by browsers.
    if (!directives.has(key)) directives.set(key, sources.map((s) => s.toLowerCase()).sort())
  }
  return directives
}

/** The sources that govern scripts: script-src, or default-src when it is absent. */
const scriptSources = (csp: Map<string, string[]>): string[] => csp.get('script-src') ?? csp.get('default-src') ?? []

function metaCspOf(html: string): string {
  const tag = html.match(/<meta\s[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/i)?.[0]
  if (!tag) throw new Error('index.html has no CSP meta tag')
  const content = tag.match(/content=(["'])([\s\S]*?)\1/i)?.[2]
  if (content === undefined) throw new Error('the CSP meta tag has no content')
  return content
}

/** Browsers ignore these in a <meta> policy; only the header can carry them. */
const HEADER_ONLY = new Set(['frame-ancestors', 'report-uri', 'sandbox'])

describe('window web preferences', () => {
  it('isolates the page from Node and Electron', () => {
    expect(WEB_PREFERENCES.contextIsolation).toBe(true)
    expect(WEB_PREFERENCES.sandbox).toBe(true)
    expect(WEB_PREFERENCES.nodeIntegration).toBe(false)
    expect(WEB_PREFERENCES.nodeIntegrationInWorker).toBe(false)
    expect(WEB_PREFERENCES.nodeIntegrationInSubFrames).toBe(false)
  })

  it('keeps web security on and risky features off', () => {
    expect(WEB_PREFERENCES.webSecurity).toBe(true)
    expect(WEB_PREFERENCES.allowRunningInsecureContent).toBe(false)
    expect(WEB_PREFERENCES.experimentalFeatures).toBe(false)
    expect(WEB_PREFERENCES.webviewTag).toBe(false)
    expect(WEB_PREFERENCES.navigateOnDragDrop).toBe(false)
  })

  it('has no preference that would turn a safety off (no enableBlinkFeatures, no preload-less node)', () => {
    const keys = Object.keys(WEB_PREFERENCES)
    expect(keys).not.toContain('enableBlinkFeatures')
    expect(keys).not.toContain('enableRemoteModule')
    expect(keys).not.toContain('disableBlinkFeatures')
  })

  it('puts the same preferences into the window options with the given preload, shown only when ready', () => {
    const options = windowOptions('/app/preload.js')
    expect(options.webPreferences).toEqual({ ...WEB_PREFERENCES, preload: '/app/preload.js' })
    expect(options.show).toBe(false)
  })
})

describe('isExternalUrl', () => {
  it.each(['https://example.com/a?b=c', 'http://example.com/', 'mailto:analyst@example.com'])('lets %s open in the system browser', (url) => {
    expect(isExternalUrl(url)).toBe(true)
  })

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    'file:///etc/passwd',
    'data:text/html,<script>alert(1)</script>',
    'app://dossier/index.html',
    'blob:https://example.com/uuid',
    'ftp://example.com/file',
    'smb://server/share',
    'vbscript:msgbox(1)',
    'not a url',
    '',
    '//example.com/protocol-relative',
    '/index.html',
    '#/article/x',
    'java\tscript:alert(1)',
    'https://bank.example@evil.example/',
  ])('refuses %s', (url) => {
    expect(isExternalUrl(url)).toBe(false)
  })
})

describe('isAppUrl', () => {
  it('accepts the app origin', () => {
    expect(isAppUrl(`${APP_ORIGIN}/index.html`)).toBe(true)
    expect(isAppUrl(`${APP_ORIGIN}/`)).toBe(true)
  })

  it('accepts the dev server only when one is given, and only its origin', () => {
    expect(isAppUrl('http://localhost:5173/index.html', 'http://localhost:5173/')).toBe(true)
    expect(isAppUrl('http://localhost:5173/index.html')).toBe(false)
    expect(isAppUrl('http://localhost:5174/index.html', 'http://localhost:5173/')).toBe(false)
  })

  it.each([
    'app://evil/index.html',
    'app://user:pw@dossier/index.html',
    'app://dossier:8080/index.html',
    'APP://DOSSIER.evil/',
    'app://dossier.evil.example/',
    'https://dossier/',
    'file:///index.html',
    'https://example.com/',
    'about:blank',
    'data:text/html,hi',
    'garbage',
    '',
  ])('refuses %s', (url) => {
    expect(isAppUrl(url)).toBe(false)
  })

  it('refuses everything when the dev server URL itself is garbage', () => {
    expect(isAppUrl('http://localhost:5173/', 'not a url')).toBe(false)
  })
})

describe('allowPermission', () => {
  it.each(['media', 'geolocation', 'notifications', 'clipboard-read', 'clipboard-sanitized-write', 'openExternal', 'fullscreen', 'unknown', ''])(
    'denies %s',
    (permission) => {
      expect(allowPermission(permission)).toBe(false)
    },
  )
})

describe('content security policy', () => {
  const header = parseCsp(CONTENT_SECURITY_POLICY)
  const meta = parseCsp(metaCspOf(readFileSync(join(__dirname, '../../renderer/index.html'), 'utf8')))

  it('never allows eval or inline script', () => {
    for (const csp of [header, meta]) {
      expect(scriptSources(csp)).not.toContain("'unsafe-eval'")
      expect(scriptSources(csp)).not.toContain("'unsafe-inline'")
      expect(scriptSources(csp)).not.toContain('*')
      expect(scriptSources(csp)).not.toContain('data:')
      expect(csp.get('default-src')).toEqual(["'none'"])
    }
  })

  it('blocks plugins, forms, base changes and framing', () => {
    expect(header.get('object-src')).toEqual(["'none'"])
    expect(header.get('form-action')).toEqual(["'none'"])
    expect(header.get('base-uri')).toEqual(["'none'"])
    expect(header.get('frame-ancestors')).toEqual(["'none'"])
  })

  it('allows network connections only to its own origin', () => {
    expect(header.get('connect-src')).toEqual(["'self'"])
  })

  it("index.html's meta policy says the same as the served header (apart from header-only directives)", () => {
    const headerComparable = new Map([...header].filter(([name]) => !HEADER_ONLY.has(name)))
    expect(Object.fromEntries(meta)).toEqual(Object.fromEntries(headerComparable))
  })

  it('the parser used here tells two different policies apart', () => {
    expect(Object.fromEntries(parseCsp("default-src 'none'; script-src 'self'"))).not.toEqual(
      Object.fromEntries(parseCsp("default-src 'none'; script-src 'self' 'unsafe-eval'")),
    )
  })
})
