import type { Article, ArticleMeta } from '../shared/types'

function pad(text: string, width: number): string {
  return text.length > width ? `${text.slice(0, width - 1)}…` : text.padEnd(width)
}

export function formatList(articles: ArticleMeta[]): string {
  if (articles.length === 0) return 'The library is empty. Import articles with: dossier import <files...>'
  const header = `${pad('ID', 13)}${pad('TITLE', 52)}${pad('SOURCE', 22)}${pad('ADDED', 11)}WORDS`
  const rows = articles.map(
    (a) => `${pad(a.id, 13)}${pad(a.title, 52)}${pad(a.source ?? '', 22)}${pad(a.addedAt.slice(0, 10), 11)}${a.wordCount}`,
  )
  return [header, ...rows].join('\n')
}

const MARKERS: Record<string, string> = { quote: '> ', caption: '[caption] ', preformatted: '    ', 'table-row': '| ' }

export function formatArticle(article: Article): string {
  const meta = [article.byline, article.source, article.publishedAt, article.url].filter(Boolean).join(' · ')
  const lines = [article.title, meta, `${article.wordCount} words · ${article.readingMinutes} min read`, '']
  for (const block of article.blocks) {
    if (block.type === 'heading') lines.push(`${'#'.repeat(block.level ?? 2)} ${block.text}`)
    else if (block.type === 'list-item') lines.push(`${'  '.repeat(block.depth ?? 0)}${block.ordered ? '1.' : '•'} ${block.text}`)
    else lines.push(`${MARKERS[block.type] ?? ''}${block.text}${block.page ? `  (p. ${block.page})` : ''}`)
    lines.push('')
  }
  return lines.join('\n')
}
