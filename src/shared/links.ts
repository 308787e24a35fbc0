// The one link policy: which addresses Dossier lets a user follow out of the app
// (rendered links, exported links, shell.openExternal). Notes and imports are
// untrusted, so anything not plainly a web or mail address is refused.

/** The only schemes a link may have. */
export const LINK_SCHEMES: readonly string[] = ['http:', 'https:', 'mailto:']

/** Longer addresses are refused rather than rendered (a 2 KB URL is already abuse). */
export const MAX_LINK_CHARS = 2048

// An explicit scheme, before the URL parser sees it: without one an address is relative.
const HAS_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/
// Control characters are never part of a real address; the URL parser would silently drop tabs and newlines ("java\tscript:").
const CONTROL = /\p{Cc}/u

function parse(href: string, base?: string): URL | undefined {
  try {
    return base === undefined ? new URL(href) : new URL(href, base)
  } catch {
    return undefined
  }
}

function allowed(url: URL): boolean {
  if (!LINK_SCHEMES.includes(url.protocol)) return false
  // user:pass@ hides the real host ("https://bank.example@evil.example").
  if (url.username !== '' || url.password !== '') return false
  if (url.protocol === 'mailto:') return url.pathname !== ''
  return url.hostname !== ''
}

/**
 * The address as a normalised absolute URL if the policy allows it, else undefined.
 * Only absolute http(s)/mailto addresses pass: no `//host`, `/x`, `./x`, `#x`,
 * javascript:, data:, vbscript:, file: or app: links. `base` is for importers
 * only: relative links in an imported page resolve against the page's own web
 * address, and are allowed only if the result is.
 */
export function safeLink(href: unknown, base?: string): string | undefined {
  if (typeof href !== 'string') return undefined
  // Leading and trailing spaces are how attributes and Markdown often come; inner ones are not trimmed.
  const trimmed = href.trim()
  if (trimmed === '' || trimmed.length > MAX_LINK_CHARS || CONTROL.test(trimmed)) return undefined
  let url: URL | undefined
  if (HAS_SCHEME.test(trimmed)) url = parse(trimmed)
  else if (base !== undefined) {
    const root = safeLink(base)
    if (root === undefined || !/^https?:/.test(root)) return undefined
    url = parse(trimmed, root)
  }
  if (url === undefined || !allowed(url) || url.href.length > MAX_LINK_CHARS) return undefined
  return url.href
}

/** Whether an address is a web page (http or https) under the policy: for fields such as an article's original URL. */
export function safeWebLink(href: unknown, base?: string): string | undefined {
  const url = safeLink(href, base)
  return url !== undefined && /^https?:/.test(url) ? url : undefined
}
