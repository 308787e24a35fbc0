// A small notebook that looks like an analyst's, with the awkward cases in it:
// titles that collide or hold path characters, quotes with markup, formulas.

import type { Annotation, PassageLink, PassageTarget } from '../../../shared/notes'
import { BLOCK_SEPARATOR, type Block } from '../../../shared/types'
import { contentHash } from '../archive/text-stats'
import type { ExportArticle, NotesSelection } from './selection'

function article(id: string, title: string, texts: string[], extra: Partial<ExportArticle> = {}): ExportArticle {
  const blocks: Block[] = texts.map((text, i) => ({ id: `${id}-b${i}`, type: 'paragraph', text }))
  return {
    id,
    title,
    addedAt: '2024-03-01T10:00:00.000Z',
    updatedAt: '2024-03-01T10:00:00.000Z',
    tags: ['energy policy'],
    format: 'html',
    wordCount: 40,
    readingMinutes: 1,
    contentHash: contentHash(blocks),
    blocks,
    ...extra,
  }
}

export function targetIn(art: ExportArticle, exact: string): PassageTarget {
  const text = (art.blocks ?? []).map((b) => b.text).join(BLOCK_SEPARATOR)
  const start = text.indexOf(exact)
  if (start < 0) throw new Error(`fixture quote not found: ${exact}`)
  const end = start + exact.length
  return {
    articleId: art.id,
    quote: { type: 'TextQuoteSelector', exact, prefix: text.slice(Math.max(0, start - 32), start), suffix: text.slice(end, end + 32) },
    position: { type: 'TextPositionSelector', start, end },
  }
}

export function note(id: string, target: PassageTarget, fields: Partial<Annotation> = {}): Annotation {
  return {
    id,
    target,
    color: 'yellow',
    note: '',
    tags: [],
    author: 'Ana',
    created: '2024-03-02T09:00:00.000Z',
    modified: '2024-03-02T09:00:00.000Z',
    ...fields,
  }
}

export function sampleSelection(): NotesSelection {
  const grid = article(
    'art-grid',
    'Grid / Storage: a "report"',
    ['The grid operator added 2 GW of storage in 2023.', '=SUM(A1:A9) was the headline figure <script>alert(1)</script>.'],
    { byline: 'Jo Reyes', source: 'Power Weekly', url: 'https://example.org/grid?utm_source=x', publishedAt: '2024-01-15' },
  )
  const prices = article('art-prices', 'Prices', ['Wholesale prices fell by *a third* in spring.', 'Analysts # expect a rebound.'], {
    source: 'Markets Daily',
    url: 'https://example.com/prices',
  })
  const pricesTwin = article('art-prices-2', 'prices', ['A different article that happens to share the title.'])
  const a1 = note('a1', targetIn(grid, 'added 2 GW of storage'), {
    note: 'Check against **ENTSO-E** data. See [the source](https://example.net/x).',
    tags: ['storage', 'to verify'],
  })
  const a2 = note('a2', targetIn(grid, '=SUM(A1:A9) was the headline figure <script>alert(1)</script>'), {
    note: '+1 this is a formula <img src=x onerror=alert(1)>',
    color: 'pink',
    tags: ['@risk'],
  })
  const a3 = note('a3', targetIn(prices, 'Wholesale prices fell by *a third*'), { author: 'Ben', color: 'green' })
  const a4 = note('a4', targetIn(pricesTwin, 'A different article'), { note: '- starts like a list' })
  const links: PassageLink[] = [
    link('l1', { ...a1.target, annotationId: 'a1' }, { ...a3.target, annotationId: 'a3' }, 'supports', 'Storage pushed prices down'),
    link('l2', { ...a3.target, annotationId: 'a3' }, targetIn(prices, 'expect a rebound'), 'contradicts', ''),
    link('l3', targetIn(pricesTwin, 'happens to share'), outsideTarget(), 'cites', ''),
  ]
  return {
    articles: [prices, grid, pricesTwin],
    annotations: [a1, a2, a3, a4],
    links,
    articleTitles: new Map([['art-outside', 'An article left out']]),
  }
}

function outsideTarget(): PassageTarget {
  return {
    articleId: 'art-outside',
    quote: { type: 'TextQuoteSelector', exact: 'elsewhere', prefix: '', suffix: '' },
    position: { type: 'TextPositionSelector', start: 0, end: 9 },
  }
}

function link(id: string, from: PassageLink['from'], to: PassageLink['to'], relation: string, text: string): PassageLink {
  return { id, from, to, relation, note: text, author: 'Ana', created: '2024-03-03T09:00:00.000Z', modified: '2024-03-03T09:00:00.000Z' }
}

export const OPTIONS = { exportedAt: '2024-04-01T12:00:00.000Z', appVersion: '0.1.0' }
