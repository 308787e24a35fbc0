// A saved page's own account of itself: headline, authors, publication and dates, reconciled from the
// places real sites put them (JSON-LD, Open Graph, meta tags, the <h1>, the <title>), read before
// Readability rearranges the document. Each field is cleaned of what sites add around it.
import { isoDate } from '../front-matter'
import { safeWebLink } from '../../../../shared/links'
import type { Document, Element } from './dom-types'

export interface PageMetadata {
  title?: string
  byline?: string
  siteName?: string
  publishedAt?: string
  modifiedAt?: string
  url?: string
  /** Candidate headlines from the body (<h1>, itemprop=headline), for reconciling with Readability's. */
  headings: string[]
}

type Json = unknown

/** Separators sites put between a headline and their own name or section. */
const SEPARATOR = /\s+(?:[|·•»~/\\]|-{1,2}|[–—:]|::)\s+/

export function readMetadata(document: Document, localBase: string): PageMetadata {
  const content = (selector: string): string | undefined => clean(document.querySelector(selector)?.getAttribute('content'))
  const ld = jsonLd(document)
  // Yoast and others write the author and publisher as references ({"@id": …}) to other nodes of the graph.
  const byId = new Map(ld.filter((n) => typeof n['@id'] === 'string' && (n.name !== undefined || n.headline !== undefined)).map((n) => [n['@id'] as string, n]))
  const deref = (v: Json): Json => (Array.isArray(v) ? v.map(deref) : isObject(v) && v.name === undefined && typeof v['@id'] === 'string' ? (byId.get(v['@id']) ?? v) : v)
  const article = ld.find((node) => /article|posting|report|blog|webpage/i.test(typesOf(node).join(' ')) && (str(field(node, 'headline')) ?? str(field(node, 'name')))) ?? ld.find((n) => field(n, 'headline') !== undefined)

  const url = [clean(document.querySelector('link[rel="canonical"]')?.getAttribute('href')), content('meta[property="og:url"]'), str(article && field(article, 'url')), savedFromUrl(document)]
    .map((u) => safeWebLink(u))
    .find((u) => u !== undefined && !u.startsWith(localBase) && !/^https?:\/\/(localhost|127\.)/.test(u))

  const siteName =
    content('meta[property="og:site_name"]') ??
    nameOf(article && deref(field(article, 'publisher'))) ??
    nameOf(ld.find((n) => typesOf(n).some((t) => /^(NewsMediaOrganization|Organization|WebSite)$/.test(t)))) ??
    content('meta[name="application-name"]') ??
    content('meta[name="publisher"]') ??
    content('meta[name="dc.publisher" i]') ??
    clean(document.querySelector('[itemprop="publisher"] [itemprop="name"]')?.getAttribute('content') ?? document.querySelector('[itemprop="publisher"] [itemprop="name"]')?.textContent)

  const headings = Array.from(document.querySelectorAll('h1, [itemprop="headline"], .entry-title, .post-title'))
    .slice(0, 8)
    .map((el) => clean(el.textContent))
    .filter((t): t is string => t !== undefined && t.length <= 400)

  const authors = [
    ...names(article && deref(field(article, 'author'))),
    ...(article ? [] : ld.flatMap((n) => names(deref(field(n, 'author'))))),
  ]
  const metaAuthors = [content('meta[name="author"]'), content('meta[name="parsely-author"]'), content('meta[name="sailthru.author"]'), content('meta[name="dc.creator" i]'), content('meta[property="article:author"]')]
  const elementAuthors = Array.from(document.querySelectorAll('[rel="author"], [itemprop="author"] [itemprop="name"], [itemprop="author"]'))
    .slice(0, 6)
    .map((el) => clean(el.getAttribute('content') ?? el.textContent))
  const classAuthors = Array.from(document.querySelectorAll('.byline, .author, .auteur, .autor, .article-author, .story-byline'))
    .slice(0, 4)
    .map((el) => clean(el.textContent))
  const byline = bylineFrom([authors.length > 0 ? authors : undefined, ...metaAuthors.map(listOf), unique(elementAuthors), unique(classAuthors)], siteName)

  const title = headline(
    [str(article && field(article, 'headline')), content('meta[property="og:title"]'), content('meta[name="twitter:title"]'), str(article && field(article, 'name'))],
    clean(document.title),
    headings,
    [siteName, url ? hostName(url) : undefined, url ? hostLabel(url) : undefined, ...(byline ?? '').split(', ')],
  )

  const published = firstDate([
    str(article && field(article, 'datePublished')),
    content('meta[property="article:published_time"]'),
    content('meta[itemprop="datePublished"]'),
    clean(document.querySelector('[itemprop="datePublished"]')?.getAttribute('datetime')),
    content('meta[name="date"]'),
    content('meta[name="pubdate"]'),
    content('meta[name="publishdate"]'),
    content('meta[name="parsely-pub-date"]'),
    content('meta[name="sailthru.date"]'),
    content('meta[name="dc.date.issued" i]'),
    content('meta[name="dc.date" i]'),
    str(article && field(article, 'dateCreated')),
    clean(document.querySelector('article time[datetime], time[pubdate], time[datetime]')?.getAttribute('datetime')),
  ])
  const modified = firstDate([str(article && field(article, 'dateModified')), content('meta[property="article:modified_time"]'), content('meta[property="og:updated_time"]')])

  const pageTitle = clean(document.title)
  const named = siteName ?? (title && pageTitle ? siteFromTitle(pageTitle, title) : undefined) ?? (url ? hostName(url) : undefined)
  const meta: PageMetadata = { headings }
  if (title) meta.title = title
  if (byline) meta.byline = byline
  if (named && named.length <= 120) meta.siteName = named
  if (published) meta.publishedAt = published
  if (modified) meta.modifiedAt = modified
  if (url) meta.url = url
  return meta
}

/**
 * The headline: a declared one (JSON-LD headline, og:title) the body's <h1> agrees with, else the page
 * title with the site's name and sections cut off its end, else the first <h1>.
 */
export function headline(declared: (string | undefined)[], pageTitle: string | undefined, headings: string[], siteWords: (string | undefined)[]): string | undefined {
  const sites = siteWords.filter((s): s is string => s !== undefined && s.length > 1).map(norm)
  const isSite = (text: string): boolean => {
    const n = norm(text)
    const words = n.split(' ').length
    const squeezed = n.replace(/[\s.]/g, '')
    return n === '' || sites.some((s) => n === s || squeezed === s.replace(/[\s.]/g, '') || (s.length >= 4 && words <= s.split(' ').length + 2 && squeezed.includes(s.replace(/[\s.]/g, ''))))
  }
  const candidates = [...declared, pageTitle].filter((t): t is string => t !== undefined && !isSite(t))
  const agreed = (text: string): string | undefined => headings.find((h) => norm(h) === norm(text))
  for (const c of candidates) if (agreed(c)) return c
  const stripped = candidates.map((c) => stripSuffixes(c, isSite, headings))
  for (const s of stripped) {
    const h = agreed(s)
    if (h) return s
  }
  // A headline the <h1> starts the page title with ("Headline | Section | Site").
  for (const c of candidates) {
    const h = headings.find((h) => h.length >= 8 && norm(c).startsWith(norm(h)) && SEPARATOR.test(c.slice(h.length - 1, h.length + 4)))
    if (h) return h
  }
  const best = stripped[0]
  if (best) return best
  return headings.find((h) => !isSite(h))
}

/** "Headline | Section | Site" names its site last, once the headline is known. */
function siteFromTitle(pageTitle: string, title: string): string | undefined {
  if (norm(pageTitle) === norm(title) || !norm(pageTitle).startsWith(norm(title))) return undefined
  const parts = splitKeeping(pageTitle)
  const last = parts[parts.length - 1]
  if (parts.length < 2 || !last || last.text.split(/\s+/).length > 5 || norm(title).includes(norm(last.text))) return undefined
  return last.text
}

/** Cuts trailing segments that are the site's name, its host or an author; a final " | …" is always the site's. */
function stripSuffixes(title: string, isSite: (text: string) => boolean, headings: string[]): string {
  let parts = splitKeeping(title)
  let changed = true
  while (parts.length > 1 && changed) {
    changed = false
    const last = parts[parts.length - 1]!
    if (isSite(last.text)) {
      parts = parts.slice(0, -1)
      changed = true
    }
  }
  // Without a known site name, a "Headline | Site" or "Headline – Site" still ends in a short name.
  if (parts.length > 1) {
    const last = parts[parts.length - 1]!
    const head = parts.slice(0, -1).map((p) => p.sep + p.text).join('')
    const short = last.text.split(/\s+/).length <= 4 && head.split(/\s+/).length >= 2
    if (short && (/[|·•»]/.test(last.sep) || (/[-–—]/.test(last.sep) && !headings.some((h) => norm(h) === norm(title))))) {
      return stripSuffixes(head.trim(), isSite, headings)
    }
  }
  // A leading site name ("Site | Headline") goes too; a leading section with a colon stays ("Evolve: …").
  if (parts.length > 1 && isSite(parts[0]!.text) && !/:/.test(parts[1]!.sep)) parts = parts.slice(1)
  return parts.map((p, i) => (i === 0 ? p.text : p.sep + p.text)).join('').trim()
}

function splitKeeping(title: string): { sep: string; text: string }[] {
  const parts: { sep: string; text: string }[] = []
  let rest = title
  let sep = ''
  for (;;) {
    const m = SEPARATOR.exec(rest)
    if (!m) break
    parts.push({ sep, text: rest.slice(0, m.index) })
    sep = m[0]
    rest = rest.slice(m.index + m[0].length)
  }
  parts.push({ sep, text: rest })
  // A colon joins a section to its headline; only the last colon-free segments are candidates for cutting.
  return parts.reduce<{ sep: string; text: string }[]>((out, p) => {
    const prev = out[out.length - 1]
    if (prev && /:/.test(p.sep)) prev.text += p.sep + p.text
    else out.push({ ...p })
    return out
  }, [])
}

// "By" glued to the name ("ByTravis Haney") is a layout artefact; "Byron" is a name.
const BY = /^(?:(?:[Bb]y|BY)(?:\s*[:：]\s*|\s+|(?=\p{Lu}))|(?:[Pp]ar|[Pp]or|[Dd]oor|[Pp]rzez|[Aa]utor|[Vv]on)\s+(?=\p{Lu})|(?:文|著者|記者)\s*[:：/]\s*)/u
const NOT_A_NAME = /\b(?:min(?:ute)?s?\s+read|read(?:ing)?\s+time|updated|published|posted|share|follow|comments?)\b/i
const MONTHS = /\b(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b\.?\s+\d/i

/** The first source that yields real names, cleaned: "ByTravis Haney · 5 Min Read" → "Travis Haney". */
export function bylineFrom(sources: (string[] | undefined)[], siteName?: string): string | undefined {
  for (const source of sources) {
    const names = unique((source ?? []).flatMap(splitAuthors).map(cleanName)).filter((n) => n !== undefined && (siteName === undefined || norm(n) !== norm(siteName))) as string[]
    if (names.length > 0) return names.slice(0, 10).join(', ')
  }
  return undefined
}

export function cleanBylineText(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  const names = unique(splitAuthors(raw).map(cleanName)).filter((n): n is string => n !== undefined)
  return names.length > 0 ? names.join(', ') : undefined
}

function splitAuthors(raw: string): string[] {
  // Dates, read times and "Updated …" follow the names behind a separator or on their own.
  const head = raw.replace(/\s+/g, ' ').trim().split(/\s+[|·•—–]\s+|\s+-\s+|\n/)[0] ?? ''
  return head
    .replace(BY, '')
    .split(/\s*(?:,|;|&|\band\b|\bund\b|\bet\b|\by\b|、|・)\s*/i)
    .map((s) => s.trim())
}

function cleanName(raw: string | undefined): string | undefined {
  if (raw === undefined) return undefined
  let name = raw.replace(BY, '').replace(/\s*\d+\s*min(?:ute)?s?\s*read.*$/i, '').replace(/\s*(?:updated|published|posted)\b.*$/i, '')
  name = name.replace(/^[\s,;:–—-]+|[\s,;:–—-]+$/g, '').trim()
  if (name === '' || name.length > 80 || name.split(/\s+/).length > 6) return undefined
  if (/^https?:|^www\.|@|\/|\d{2,}|\d+[./-]\d+/.test(name) || MONTHS.test(name) || NOT_A_NAME.test(name)) return undefined
  if (!/\p{L}/u.test(name)) return undefined
  return name
}

function firstDate(values: (string | undefined)[]): string | undefined {
  for (const v of values) {
    const iso = v && /\d{4}/.test(v) ? isoDate(v) : undefined
    if (iso && !iso.startsWith('1970')) return iso
  }
  return undefined
}

/** Every JSON-LD node on the page, @graph and arrays unfolded; broken blocks skipped. */
function jsonLd(document: Document): Record<string, Json>[] {
  const nodes: Record<string, Json>[] = []
  for (const script of Array.from(document.querySelectorAll('script[type="application/ld+json"]')).slice(0, 20)) {
    const text = script.textContent ?? ''
    if (text.length > 1_000_000) continue
    let data: Json
    try {
      data = JSON.parse(text.trim().replace(/^<!--|-->$/g, ''))
    } catch {
      continue
    }
    const queue: Json[] = [data]
    while (queue.length > 0 && nodes.length < 200) {
      const item = queue.shift()
      if (Array.isArray(item)) queue.push(...item)
      else if (isObject(item)) {
        nodes.push(item)
        if (Array.isArray(item['@graph'])) queue.push(...item['@graph'])
        const main = item.mainEntity ?? item.mainEntityOfPage
        if (isObject(main) && main.headline !== undefined) queue.push(main)
      }
    }
  }
  return nodes
}

const isObject = (v: Json): v is Record<string, Json> => v !== null && typeof v === 'object' && !Array.isArray(v)
const field = (node: Record<string, Json>, key: string): Json => node[key]
const typesOf = (node: Record<string, Json>): string[] => {
  const t = node['@type']
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string')
}
function str(v: Json): string | undefined {
  if (Array.isArray(v)) return str(v[0])
  if (isObject(v) && typeof v['@value'] === 'string') return clean(v['@value'])
  return typeof v === 'string' ? clean(v) : undefined
}
function nameOf(v: Json): string | undefined {
  if (Array.isArray(v)) return nameOf(v[0])
  if (isObject(v)) return str(v.name)
  return undefined
}
function names(v: Json): string[] {
  if (Array.isArray(v)) return v.flatMap(names)
  if (isObject(v)) return str(v.name) ? [str(v.name)!] : []
  const s = str(v)
  return s && safeWebLink(s) === undefined ? [s] : []
}
const listOf = (v: string | undefined): string[] | undefined => (v === undefined ? undefined : [v])

/** Chrome's and SingleFile's note of the address a page was saved from. */
function savedFromUrl(document: Document): string | undefined {
  const root = document.documentElement?.parentNode
  if (!root) return undefined
  for (const node of Array.from(root.childNodes).concat(Array.from(document.documentElement.childNodes)).slice(0, 10)) {
    if (node.nodeType !== 8) continue
    const m = /(?:saved from url=\(\d+\)|url:)\s*(https?:\/\/\S+)/i.exec(node.nodeValue ?? '')
    if (m) return m[1]
  }
  return undefined
}

export function hostName(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^www\d?\./, '') || undefined
  } catch {
    return undefined
  }
}

/** The name part of a host: "nytimes" for www.nytimes.com, "zdnet" for japan.zdnet.com. */
function hostLabel(url: string): string | undefined {
  const labels = (hostName(url) ?? '').split('.')
  const cut = labels.length >= 3 && /^(co|com|org|net|ac|gov|ne|or)$/.test(labels[labels.length - 2] ?? '') ? 3 : 2
  return labels[labels.length - cut]
}

function unique<T>(values: (T | undefined)[]): T[] {
  return [...new Set(values.filter((v): v is T => v !== undefined))]
}

export function norm(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\u00a0]+/g, ' ')
    .replace(/[“”"'‘’«»]/g, '')
    .replace(/[.…!?]+$/, '')
    .trim()
}

function clean(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim()
  return text ? text : undefined
}

export type { Element }
