// HTML export: one standalone, printable report. Inline CSS only, a CSP that
// forbids every load, everything escaped, notes rendered from Markdown with raw
// HTML and images off, and links between passages as in-page #anchors.

import MarkdownIt from 'markdown-it'
import type { Annotation, PassageLink } from '../../../shared/notes'
import { bareLinksOf, linksOfAnnotation, viewFrom } from './link-text'
import { safeWebLink } from '../../../shared/links'
import { blockId } from './markdown-text'
import { REPORT_CSS } from './report-css'
import {
  endAnnotation,
  excerpt,
  forEachArticle,
  indexSelection,
  type ExportArticle,
  type ExportFile,
  type ExportOptions,
  type IndexedSelection,
  type NotesSelection,
} from './selection'

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

const notes = new MarkdownIt({ html: false, linkify: false, typographer: false })
// Images would load from the network; links in notes are shown as text plus their address.
notes.disable(['image'])
notes.renderer.rules.link_open = () => '<span class="note-link">'
notes.renderer.rules.link_close = (tokens, idx) => {
  const open = tokens.slice(0, idx).reverse().find((token) => token.type === 'link_open')
  const href = open?.attrGet('href') ?? ''
  return `</span> <span class="address">(${escapeHtml(String(href))})</span>`
}

export const annotationAnchor = (id: string): string => blockId(id)
export const articleAnchor = (id: string): string => blockId(id).replace(/^ann-/, 'article-')

function externalLink(url: string | undefined): string {
  if (url === undefined || url === '') return ''
  // Only web addresses (the shared link policy) become links, marked external; anything else stays inert text.
  const web = safeWebLink(url)
  return web !== undefined
    ? `<p class="url">Original: <a class="external" href="${escapeHtml(web)}" rel="external noopener noreferrer">${escapeHtml(url)}</a> ↗</p>`
    : `<p class="url">Original: ${escapeHtml(url)}</p>`
}

function linkItem(link: PassageLink, fromSide: boolean, index: IndexedSelection, fromQuote?: string): string {
  const view = viewFrom(link, fromSide)
  const label = escapeHtml(`${index.titleOf(view.other.articleId)}: “${excerpt(view.other.quote.exact)}”`)
  const target = endAnnotation(view.other, index)
  const mention =
    target !== undefined
      ? `<a href="#${annotationAnchor(target.id)}">${label}</a>`
      : index.isSelected(view.other.articleId)
        ? `<a href="#${articleAnchor(view.other.articleId)}">${label}</a>`
        : `${label} <span class="missing">(not in this report)</span>`
  const note = link.note === '' ? '' : ` — <span class="link-note">${escapeHtml(link.note)}</span>`
  const from = fromQuote === undefined ? '' : ` <span class="from">(from “${escapeHtml(excerpt(fromQuote))}”)</span>`
  return `<li><span class="relation">${escapeHtml(view.relation)}</span> ${view.outgoing ? '→' : '←'} ${mention}${note}${from}</li>`
}

function annotationHtml(annotation: Annotation, articleId: string, index: IndexedSelection): string {
  const tags = annotation.tags.map((tag) => `<span class="tag">${escapeHtml(tag)}</span>`).join(' ')
  const facts = [annotation.author, annotation.modified.slice(0, 10)].filter((f) => f !== '').map(escapeHtml)
  const links = linksOfAnnotation(annotation.id, articleId, index)
  return [
    `<div class="annotation color-${escapeHtml(annotation.color)}" id="${annotationAnchor(annotation.id)}">`,
    `<blockquote>${escapeHtml(annotation.target.quote.exact)}</blockquote>`,
    annotation.note.trim() === '' ? '' : `<div class="note">${notes.render(annotation.note)}</div>`,
    `<p class="facts">${tags} <span>${facts.join(' · ')}</span></p>`,
    links.length === 0 ? '' : `<ul class="links">${links.map(({ link, fromSide }) => linkItem(link, fromSide, index)).join('')}</ul>`,
    '</div>',
  ].join('')
}

function articleHtml(article: ExportArticle, index: IndexedSelection): string {
  const meta = [article.byline, article.source, article.publishedAt].filter((part): part is string => Boolean(part))
  const annotations = index.annotationsOf(article.id)
  const bare = bareLinksOf(article.id, index)
  return [
    `<section class="article" id="${articleAnchor(article.id)}">`,
    `<h2>${escapeHtml(article.title)}</h2>`,
    meta.length > 0 ? `<p class="meta">${escapeHtml(meta.join(' · '))}</p>` : '',
    externalLink(article.url),
    annotations.length === 0 ? '<p class="empty">No highlights.</p>' : '',
    ...annotations.map((annotation) => annotationHtml(annotation, article.id, index)),
    bare.length === 0
      ? ''
      : `<h3>Other links</h3><ul class="links">${bare
          .map(({ link, fromSide }) => linkItem(link, fromSide, index, (fromSide ? link.from : link.to).quote.exact))
          .join('')}</ul>`,
    '</section>',
  ].join('\n')
}

export async function exportHtml(selection: NotesSelection, options: ExportOptions): Promise<ExportFile> {
  const index = indexSelection(selection)
  const sections: string[] = []
  await forEachArticle(index, options, (article) => sections.push(articleHtml(article, index)))
  const contents = index.articles
    .map((article) => `<li><a href="#${articleAnchor(article.id)}">${escapeHtml(article.title)}</a></li>`)
    .join('')
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Dossier notes</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header><h1>Dossier notes</h1><p class="meta">${escapeHtml(`Exported ${options.exportedAt} by Dossier ${options.appVersion}`)}</p></header>
<nav><ol>${contents}</ol></nav>
<main>
${sections.join('\n')}
</main>
</body>
</html>
`
  return { name: 'Dossier notes.html', data: html }
}
