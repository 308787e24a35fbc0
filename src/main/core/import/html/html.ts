// Saved web page → article: jsdom parses (scripts never run, nothing is loaded), Readability extracts
// the article as a reader mode does, and the walker turns it into blocks.
import { Readability } from '@mozilla/readability'
import { JSDOM, VirtualConsole } from 'jsdom'
import type { ImportedDocument } from '../../../../shared/types'
import { AssetCollector } from '../assets'
import { importFailure } from '../failure'
import { isoDate } from '../front-matter'
import { cleanBylineText, readMetadata } from './metadata'
import { safeLink, safeWebLink } from '../../../../shared/links'
import { titleFromFileName } from '../text/plain-text'
import type { Document, Element } from './dom-types'
import { capNesting } from './cap-nesting'
import { copyFlattened, MAX_DEPTH, maxDepth } from './flatten'
import { blocksFromDom } from './walk'

/** Base for a page read from disk: relative links resolve here and are then dropped, images map back to local paths. */
const LOCAL_BASE = 'https://saved-page.invalid/'

export interface HtmlContext {
  resolveLocal?: (relativePath: string) => Uint8Array | undefined
  url?: string
}

export function importHtml(html: string, fileName: string, context: HtmlContext): ImportedDocument {
  const base = safeWebLink(context.url) ?? LOCAL_BASE
  // A silent console: a page's broken CSS is not the user's problem.
  let dom = new JSDOM(capNesting(html).html, { url: base, contentType: 'text/html', virtualConsole: new VirtualConsole() })
  let document: Document = dom.window.document
  if (maxDepth(document.documentElement) > MAX_DEPTH) {
    const fresh = new JSDOM('<!doctype html><html><head></head><body></body></html>', { url: base })
    copyFlattened(document, fresh.window.document)
    // Not window.close(): jsdom tears a document down recursively, which the deep one would overflow.
    dom = fresh
    document = fresh.window.document
  }
  // A saved page's <base> points at the original site; local images must resolve against the saved file.
  if (base === LOCAL_BASE) for (const el of Array.from(document.querySelectorAll('base'))) el.remove()
  // Thousands of empty paragraphs make Readability quadratic (each removal refreshes its live collections).
  for (const el of Array.from(document.querySelectorAll('p:empty, li:empty, div:empty, span:empty'))) el.remove()
  const meta = pageMetadata(document)
  const page = readMetadata(document, LOCAL_BASE)
  const article = new Readability<Element>(document, { serializer: (el) => el as Element, keepClasses: false }).parse()
  const noArticle = `has no article text that Dossier could find; it looks like a navigation, index or error page.`
  if (!article?.content) throw importFailure('no-text', fileName, noArticle)

  if (linkDensity(article.content) > 0.7) throw importFailure('no-text', fileName, noArticle)
  const assets = new AssetCollector(context.resolveLocal)
  const blocks = blocksFromDom(article.content, {
    assets,
    link: (href) => {
      const safe = safeLink(href, base)
      return safe?.startsWith(LOCAL_BASE) ? undefined : safe
    },
    localSrc: (src) => (src.startsWith(LOCAL_BASE) ? src.slice(LOCAL_BASE.length) : base === LOCAL_BASE ? src : undefined),
  })
  dom.window.close()

  const title = page.title || clean(article.title) || meta.title || titleFromFileName(fileName)
  const first = blocks[0]
  if (first?.type === 'heading' && first.text.toLowerCase() === title.toLowerCase()) blocks.shift()
  const doc: ImportedDocument = { title, format: 'html', blocks }
  const byline = page.byline ?? cleanBylineText(clean(article.byline))
  if (byline) doc.byline = byline
  // Readability takes the byline from meta tags yet may leave the "By ..." line in the body.
  const lead = blocks.findIndex((b) => b.type === 'paragraph')
  const leadText = blocks[lead]?.text ?? ''
  const firstName = byline?.split(', ')[0]
  const isBylineLine = firstName !== undefined && lead >= 0 && lead < 3 && /^by/i.test(leadText) && leadText.includes(firstName) && leadText.length < 160
  if (isBylineLine) blocks.splice(lead, 1)
  const source = page.siteName || clean(article.siteName) || meta.siteName
  if (source) doc.source = source
  const published = page.publishedAt ?? isoDate(article.publishedTime) ?? meta.publishedAt
  if (published) doc.publishedAt = published
  const language = clean(article.lang) || meta.language
  if (language && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/i.test(language)) doc.language = language
  const excerpt = clean(article.excerpt)
  if (excerpt && !(isBylineLine && excerpt === leadText)) doc.excerpt = excerpt.slice(0, 1000)
  if (page.url ?? meta.url) doc.url = page.url ?? meta.url
  if (assets.assets.length > 0) doc.assets = assets.assets
  return doc
}

interface PageMeta {
  title?: string
  siteName?: string
  publishedAt?: string
  language?: string
  url?: string
}

/** Read before Readability, which rearranges the document. */
function pageMetadata(document: Document): PageMeta {
  const content = (selector: string): string | undefined => clean(document.querySelector(selector)?.getAttribute('content'))
  const meta: PageMeta = {}
  const title = clean(document.title)
  if (title) meta.title = title
  const siteName = content('meta[property="og:site_name"]')
  if (siteName) meta.siteName = siteName
  const date =
    content('meta[property="article:published_time"]') ??
    content('meta[name="date"]') ??
    content('meta[name="pubdate"]') ??
    clean(document.querySelector('time[datetime]')?.getAttribute('datetime'))
  const iso = isoDate(date)
  if (iso) meta.publishedAt = iso
  const lang = clean(document.documentElement.getAttribute('lang'))
  if (lang) meta.language = lang
  const canonical = clean(document.querySelector('link[rel="canonical"]')?.getAttribute('href')) ?? content('meta[property="og:url"]')
  const url = safeWebLink(canonical)
  if (url !== undefined && !url.startsWith(LOCAL_BASE)) meta.url = url
  return meta
}

/** A page whose "article" is mostly link text is a list of links (a home or index page), not an article. */
function linkDensity(content: Element): number {
  const total = (content.textContent ?? '').replace(/\s+/g, '').length
  let linked = 0
  for (const a of Array.from(content.querySelectorAll('a'))) linked += (a.textContent ?? '').replace(/\s+/g, '').length
  return total === 0 ? 1 : linked / total
}

function clean(value: string | null | undefined): string | undefined {
  const text = value?.replace(/\s+/g, ' ').trim()
  return text ? text : undefined
}
