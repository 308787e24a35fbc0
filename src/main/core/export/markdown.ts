// Markdown export, usable as-is in Obsidian: YAML front matter, each highlight a
// blockquote carrying a block id (^ann-…), and links between passages written as
// ordinary relative Markdown links `[text](Other%20Title.md#^ann-…)`. Obsidian
// resolves the file and the block; plain renderers (GitHub, VS Code) resolve the
// file, whereas a [[wikilink]] would be dead text outside Obsidian.

import matter from 'gray-matter'
import type { Annotation } from '../../../shared/notes'
import { FileNamer } from './file-names'
import { bareLinksOf, linksOfAnnotation, viewFrom } from './link-text'
import { safeWebLink } from '../../../shared/links'
import { noteMarkdown } from './markdown-note'
import { blockId, blockquote, escapeMarkdown, fileHref, linkText, obsidianTag } from './markdown-text'
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
import type { PassageLink } from '../../../shared/notes'

/** Where each article's notes live: its own file, or the one combined file. */
type FileOf = (articleId: string) => string | undefined

function frontMatter(article: ExportArticle, options: ExportOptions): Record<string, unknown> {
  const data: Record<string, unknown> = { title: article.title }
  if (article.byline) data.author = article.byline
  if (article.source) data.source = article.source
  if (article.url) data.url = article.url
  if (article.publishedAt) data.published = article.publishedAt
  data.tags = [...new Set(article.tags.map(obsidianTag))]
  data['dossier-id'] = article.id
  data.exported = options.exportedAt
  return data
}

function linkLine(link: PassageLink, fromSide: boolean, index: IndexedSelection, fileOf: FileOf): string {
  const view = viewFrom(link, fromSide)
  const title = index.titleOf(view.other.articleId)
  const label = linkText(`${title}: “${excerpt(view.other.quote.exact)}”`)
  const file = fileOf(view.other.articleId)
  const target = endAnnotation(view.other, index)
  const mention =
    file === undefined
      ? `${label} (not in this export)`
      : `[${label}](${fileHref(file, target === undefined ? undefined : blockId(target.id))})`
  const note = link.note === '' ? '' : ` — ${linkText(link.note)}`
  return `- ${escapeMarkdown(view.relation)} ${view.outgoing ? '→' : '←'} ${mention}${note}`
}

function annotationSection(annotation: Annotation, articleId: string, index: IndexedSelection, fileOf: FileOf): string {
  const parts = [blockquote(annotation.target.quote.exact), `^${blockId(annotation.id)}`]
  // Notes may come from a colleague: their Markdown is rewritten so none of it becomes HTML, a heading or a block id.
  const note = noteMarkdown(annotation.note)
  if (note !== '') parts.push(note)
  const facts = [
    ...(annotation.tags.length > 0 ? [annotation.tags.map((tag) => `#${obsidianTag(tag)}`).join(' ')] : []),
    annotation.color,
    ...(annotation.author !== '' ? [escapeMarkdown(annotation.author)] : []),
    annotation.modified.slice(0, 10),
  ]
  parts.push(`*${facts.join(' · ')}*`)
  const links = linksOfAnnotation(annotation.id, articleId, index)
  if (links.length > 0) parts.push(links.map(({ link, fromSide }) => linkLine(link, fromSide, index, fileOf)).join('\n'))
  return parts.join('\n\n')
}

function articleBody(article: ExportArticle, index: IndexedSelection, fileOf: FileOf, level: 1 | 2): string {
  const hashes = '#'.repeat(level)
  const sections = [`${hashes} ${linkText(article.title)}`]
  const byline = [article.byline, article.source, article.publishedAt].filter((part): part is string => Boolean(part))
  if (byline.length > 0) sections.push(escapeMarkdown(byline.join(' · ')))
  if (article.url) {
    const web = safeWebLink(article.url)
    sections.push(web === undefined ? `Original: ${linkText(article.url)}` : `Original: <${web.replace(/[<>\s]/g, encodeURIComponent)}>`)
  }
  const annotations = index.annotationsOf(article.id)
  sections.push(`${hashes}# Highlights`)
  if (annotations.length === 0) sections.push('*No highlights.*')
  for (const annotation of annotations) sections.push(annotationSection(annotation, article.id, index, fileOf))
  const bare = bareLinksOf(article.id, index)
  if (bare.length > 0) {
    sections.push(`${hashes}# Other links`)
    sections.push(
      bare
        .map(({ link, fromSide }) => {
          const here = fromSide ? link.from : link.to
          return `${linkLine(link, fromSide, index, fileOf)} (from “${linkText(excerpt(here.quote.exact))}”)`
        })
        .join('\n'),
    )
  }
  return sections.join('\n\n')
}

/** One file per article, named from its title. */
export async function exportMarkdownFiles(selection: NotesSelection, options: ExportOptions): Promise<ExportFile[]> {
  const index = indexSelection(selection)
  const namer = new FileNamer()
  const names = new Map(index.articles.map((article) => [article.id, namer.name(article.title, 'md')]))
  const fileOf: FileOf = (id) => names.get(id)
  const files: ExportFile[] = []
  await forEachArticle(index, options, (article) => {
    const body = `${articleBody(article, index, fileOf, 1)}\n`
    files.push({ name: names.get(article.id) ?? 'Untitled.md', data: matter.stringify(body, frontMatter(article, options)) })
  })
  return files
}

export const COMBINED_MARKDOWN_NAME = 'Dossier notes.md'

/** All articles in one file; links point into the same file by name, which both Obsidian and plain renderers follow. */
export async function exportMarkdownCombined(selection: NotesSelection, options: ExportOptions): Promise<ExportFile> {
  const index = indexSelection(selection)
  const fileOf: FileOf = (id) => (index.isSelected(id) ? COMBINED_MARKDOWN_NAME : undefined)
  const sections: string[] = []
  await forEachArticle(index, options, (article) => sections.push(articleBody(article, index, fileOf, 1)))
  const data = { title: 'Dossier notes', exported: options.exportedAt, 'dossier-version': options.appVersion }
  return { name: COMBINED_MARKDOWN_NAME, data: matter.stringify(`${sections.join('\n\n---\n\n')}\n`, data) }
}
