import { TTP_FIXTURE } from '../../../../test-support/fixtures'
// A small realistic corpus for relevance tests: the Pakistan/TTP fixture (split
// into passages on blank lines, as the importer will) and articles written
// around it, related and unrelated, with names, numbers and diacritics.

import { readFileSync } from 'node:fs'
import type { Annotation } from '../../../../shared/notes'
import type { Article } from '../../../../shared/types'
import { BLOCK_SEPARATOR } from '../../../../shared/types'
import type { IndexInput } from '../segment'

export const FIXTURE_PATH = TTP_FIXTURE

interface Draft {
  id: string
  title: string
  byline?: string
  source?: string
  publishedAt?: string
  addedAt: string
  tags: string[]
  paragraphs: string[]
}

export function makeArticle(draft: Draft, updatedAt = draft.addedAt): Article {
  const blocks = draft.paragraphs.map((text, i) => ({ id: `${draft.id}-b${i + 1}`, type: 'paragraph' as const, text }))
  const words = blocks.reduce((n, b) => n + b.text.split(/\s+/).length, 0)
  return {
    id: draft.id,
    title: draft.title,
    byline: draft.byline,
    source: draft.source,
    publishedAt: draft.publishedAt,
    addedAt: draft.addedAt,
    updatedAt,
    tags: draft.tags,
    format: 'text',
    wordCount: words,
    readingMinutes: Math.ceil(words / 230),
    contentHash: `hash-${draft.id}`,
    blocks,
  }
}

export function fixtureArticle(): Article {
  const paragraphs = readFileSync(FIXTURE_PATH, 'utf8').split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '')
  return makeArticle({
    id: 'ttp',
    title: 'Pakistan’s TTP Challenge: Strikes, Talks, and Solutions',
    byline: 'Staff Writer',
    source: 'Paradigm Shift',
    publishedAt: '2024-12-30',
    addedAt: '2025-01-02T09:00:00.000Z',
    tags: ['pakistan', 'security'],
    paragraphs,
  })
}

const DRAFTS: Draft[] = [
  {
    id: 'algebra',
    title: 'Al-Khowārazmī and the birth of algebra',
    byline: 'Nadia Rahimi',
    source: 'History Today',
    publishedAt: '2023-05-02',
    addedAt: '2024-02-01T10:00:00.000Z',
    tags: ['history', 'mathematics'],
    paragraphs: [
      'Muḥammad ibn Mūsā al-Khowārazmī worked in Baghdad’s House of Wisdom in the ninth century.',
      'His book on completion and balancing gave algebra its name, and his treatment of Hindu numerals carried the decimal system west.',
      'Latin translators turned his name into algorithmi, the root of the word algorithm.',
    ],
  },
  {
    id: 'budget',
    title: 'Provincial budget sets aside $54 million for border schools',
    byline: 'Ayesha Siddiqa',
    source: 'Dawn',
    publishedAt: '2024-06-12',
    addedAt: '2024-06-13T08:00:00.000Z',
    tags: ['economy', 'education'],
    paragraphs: [
      'The Khyber Pakhtunkhwa government presented its 2024 budget on Tuesday, setting aside $54 million for schools in the merged tribal districts.',
      'Officials said 1,500 teachers would be hired, and 16 schools damaged in cross-border shelling would be rebuilt before the winter.',
      'Opposition members said the allocation was too small to repair decades of neglect along the frontier.',
    ],
  },
  {
    id: 'floods',
    title: 'Monsoon floods displace thousands in Sindh',
    byline: 'Imran Gabol',
    source: 'Reuters',
    publishedAt: '2022-08-30',
    addedAt: '2023-01-05T12:00:00.000Z',
    tags: ['climate'],
    paragraphs: [
      'Record monsoon rains submerged a third of Sindh province, displacing thousands of families from their villages.',
      'Relief camps along the Indus highway ran short of clean water and medicine within days.',
      'Climate scientists said the rainfall was made far more likely by warming.',
    ],
  },
  {
    id: 'cricket',
    title: 'Pakistan beat Australia in a rain-affected Test',
    byline: 'Osman Samiuddin',
    source: 'ESPNcricinfo',
    publishedAt: '2024-11-10',
    addedAt: '2024-11-11T07:00:00.000Z',
    tags: ['sport'],
    paragraphs: [
      'Pakistan bowled Australia out for 163 in Perth to win by eight wickets, their first Test victory there.',
      'Rain delayed the start of play, but the fast bowlers found swing under heavy cloud.',
    ],
  },
  {
    id: 'torkham',
    title: 'Torkham crossing reopens as Afghan traders count losses',
    byline: 'Enayat Khan',
    source: 'Dawn',
    publishedAt: '2025-01-15',
    addedAt: '2025-01-16T09:30:00.000Z',
    tags: ['pakistan', 'economy'],
    paragraphs: [
      'The Torkham border crossing between Pakistan and Afghanistan reopened after a closure of 25 days.',
      'Traders said hundreds of lorries of fruit rotted while the Taliban authorities and Islamabad argued over a new checkpoint.',
      'Cross-border trade fell sharply in the first half of the year, customs figures show.',
    ],
  },
  {
    id: 'kabul-diplomacy',
    title: 'Quiet diplomacy between Kabul and Islamabad',
    byline: 'Sami Yousafzai',
    source: 'The Diplomat',
    publishedAt: '2024-09-20',
    addedAt: '2024-09-21T09:30:00.000Z',
    tags: ['diplomacy'],
    paragraphs: [
      'Envoys from Kabul and Islamabad met in Doha to discuss security guarantees and refugee returns.',
      'The talks produced no joint statement, but both sides described them as constructive.',
    ],
  },
]

export function corpusArticles(): Article[] {
  return [fixtureArticle(), ...DRAFTS.map((d) => makeArticle(d))]
}

/** An annotation on `article` over `exact`, which must occur in its plain text. */
export function makeAnnotation(article: Article, id: string, exact: string, note: string, tags: string[]): Annotation {
  const text = article.blocks.map((b) => b.text).join(BLOCK_SEPARATOR)
  const start = text.indexOf(exact)
  if (start < 0) throw new Error(`"${exact}" is not in ${article.id}`)
  const when = '2025-02-01T10:00:00.000Z'
  return {
    id,
    target: {
      articleId: article.id,
      quote: { type: 'TextQuoteSelector', exact, prefix: '', suffix: '' },
      position: { type: 'TextPositionSelector', start, end: start + exact.length },
    },
    color: 'yellow',
    note,
    tags,
    author: 'tester',
    created: when,
    modified: when,
  }
}

export function corpusInputs(): IndexInput[] {
  return corpusArticles().map((article) => {
    const annotations =
      article.id === 'ttp'
        ? [makeAnnotation(article, 'note-zarb', 'Barmal district', 'Compare with the 2014 Zarb-e-Azb operation in North Waziristan', ['followup'])]
        : article.id === 'floods'
          ? [makeAnnotation(article, 'note-unhcr', 'displacing thousands', 'Check displacement figures against UNHCR', ['verify'])]
          : []
    return { article, annotations, stamp: article.updatedAt + '|' + annotations.length }
  })
}
