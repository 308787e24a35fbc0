// Analyst lens suite: precision, recall and F1 per category on the labelled
// set (bench/data/analysis-labels.json: Brown Corpus press excerpts and
// written hard cases), then articles per second and memory on 200 Brown press
// texts. Scales do not apply: the set is what it is.

import { readFileSync } from 'node:fs'
import { analyseArticle } from '../../src/main/core/lens/analyse'
import { normalKey } from '../../src/main/core/lens/text'
import type { ArticleAnalysis } from '../../src/main/core/lens/types'
import { brownTexts } from '../lib/brown'
import type { Row } from '../lib/stats'
import type { Suite } from './suite'

interface Labelled {
  id: string
  brown?: string
  paragraphs?: number
  text?: string
  publishedAt: string
  entities: [string, string][]
  quotes: [string, string][]
  figures: [string, string | null][]
  dates: [string, string, string?][]
}

interface Score {
  tp: number
  predicted: number
  gold: number
}

const score = (): Score => ({ tp: 0, predicted: 0, gold: 0 })
const loose = (a: string, b: string): boolean => {
  const x = normalKey(a)
  const y = normalKey(b)
  return x.includes(y) || y.includes(x)
}

function measure(gold: Labelled, got: ArticleAnalysis, scores: Record<string, Score>): void {
  const ents = got.entities
  scores.entities!.gold += gold.entities.length
  scores.entities!.predicted += ents.length
  for (const [name, type] of gold.entities) if (ents.some((e) => e.type === type && [e.name, ...e.aliases].some((n) => normalKey(n) === normalKey(name)))) scores.entities!.tp++

  const quotes = got.quotes.filter((q) => q.speaker !== undefined)
  scores.quotes!.gold += gold.quotes.length
  scores.quotes!.predicted += quotes.length
  for (const [start, speaker] of gold.quotes) if (quotes.some((q) => q.text.includes(start) && loose(q.speaker!.name, speaker))) scores.quotes!.tp++

  scores.figures!.gold += gold.figures.length
  scores.figures!.predicted += got.figures.length
  for (const [text, source] of gold.figures)
    if (got.figures.some((f) => (f.text.includes(text) || text.includes(f.text)) && (source === null ? f.source === undefined : f.source !== undefined && loose(f.source.name, source)))) scores.figures!.tp++

  scores.dates!.gold += gold.dates.length
  scores.dates!.predicted += got.events.length
  for (const [text, precision, start] of gold.dates)
    if (got.events.some((e) => (e.text.includes(text) || text.includes(e.text)) && e.date.precision === precision && (start === undefined || e.date.start === start))) scores.dates!.tp++
}

const TARGETS: Record<string, string> = { entities: '≥ 0.75', quotes: '≥ 0.85', figures: '≥ 0.70', dates: '≥ 0.90' }

export const analysisSuite: Suite = {
  name: 'analysis',
  async run({ log }) {
    const labels = JSON.parse(readFileSync(new URL('../data/analysis-labels.json', import.meta.url), 'utf8')) as { articles: Labelled[] }
    const brown = new Map(brownTexts().map((t) => [t.id, t]))
    const scores: Record<string, Score> = { entities: score(), quotes: score(), figures: score(), dates: score() }
    for (const a of labels.articles) {
      const text = a.text ?? brown.get(a.brown!)!.paragraphs.slice(0, a.paragraphs).join('\n\n')
      measure(a, analyseArticle({ text, publishedAt: a.publishedAt }), scores)
    }
    const rows: Row[] = []
    const scale = `${labels.articles.length} labelled`
    for (const [category, s] of Object.entries(scores)) {
      const p = s.predicted === 0 ? 0 : s.tp / s.predicted
      const r = s.gold === 0 ? 0 : s.tp / s.gold
      const f1 = p + r === 0 ? 0 : (2 * p * r) / (p + r)
      rows.push({ suite: 'analysis', scale, metric: `${category} precision`, value: p, unit: '' })
      rows.push({ suite: 'analysis', scale, metric: `${category} recall`, value: r, unit: '' })
      rows.push({ suite: 'analysis', scale, metric: `${category} F1`, value: f1, unit: '', target: TARGETS[category]!, note: `${s.tp} of ${s.gold} gold, ${s.predicted} found` })
    }

    const press = brownTexts().filter((t) => t.category === 'news' || t.category === 'editorial' || t.category === 'reviews').slice(0, 200)
    log(`analysis: ${press.length} Brown press texts for speed`)
    analyseArticle({ text: press[0]!.paragraphs.join('\n\n') })
    const before = process.memoryUsage().rss
    let peak = before
    const started = performance.now()
    for (const t of press) {
      analyseArticle({ text: t.paragraphs.join('\n\n'), publishedAt: '1961-05-05' })
      peak = Math.max(peak, process.memoryUsage().rss)
    }
    const seconds = (performance.now() - started) / 1000
    rows.push({ suite: 'analysis', scale: `${press.length} Brown press`, metric: 'articles per second (one core)', value: press.length / seconds, unit: '/s', target: '≥ 20' })
    rows.push({ suite: 'analysis', scale: `${press.length} Brown press`, metric: 'extra memory (peak RSS growth)', value: (peak - before) / 1e6, unit: 'MB', target: '≤ 400' })
    return rows
  },
}
