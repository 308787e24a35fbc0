// Deterministic news-like articles from a fixed seed: ~1,000 words in ~18
// paragraphs, with people, places, organisations, numbers and dates, and a
// Zipf-like spread of ordinary words, so term frequencies look like real text.

import type { Article } from '../../src/shared/types'
import { seededRandom } from '../../src/test-support/seeded-random'

/** mulberry32: small, fast, and the same sequence on every machine. */
export const rng = seededRandom

export const PLACES = 'Peshawar Quetta Kabul Kandahar Islamabad Karachi Lahore Waziristan Kurram Bajaur Khyber Torkham Chaman Herat Jalalabad Gwadar Multan Swat Mardan Bannu Tehran Delhi Dhaka Kathmandu Tashkent Dushanbe Doha Riyadh Ankara Beijing Moscow Geneva Brussels Washington London Paris Berlin Nairobi Cairo Baghdad'.split(' ')
export const PEOPLE = 'Ahmed Khan;Sara Malik;Imran Qureshi;Nadia Rahimi;Omar Haqqani;Ayesha Siddiqa;Bilal Yousafzai;Farah Naz;Tariq Mehsud;Zainab Durrani;Hamid Karzai;Leila Ahmadi;Yusuf Baloch;Amina Shah;Khalid Wazir;Mariam Sadiq;Rashid Jadoon;Huma Iqbal;Enayat Khowarazmi;Sami Mansoor'.split(';')
export const ORGS = 'Interior Ministry;Finance Ministry;United Nations;World Bank;Red Crescent;Supreme Court;Election Commission;Central Bank;Foreign Office;National Assembly;Frontier Corps;Customs Authority'.split(';')
export const SOURCES = ['Dawn', 'Reuters', 'The Diplomat', 'Al Jazeera', 'BBC', 'Express Tribune', 'Associated Press', 'The News']
export const TAGS = ['security', 'economy', 'diplomacy', 'climate', 'health', 'elections', 'trade', 'education']
const TOPICS = 'ceasefire negotiations border crossing security forces refugees inflation budget tariffs elections protest militants drought floods vaccination schools pipeline corridor sanctions smuggling checkpoint convoy earthquake monsoon harvest exports remittances'.split(' ')
const COMMON = ('said would also officials government people year report week month country region province district local national ' +
  'public private police army military political economic social support plan policy decision meeting talks statement minister spokesman ' +
  'leader council committee agency force attack operation area city village town road bridge market price cost fund money trade goods ' +
  'water power fuel gas oil food aid help relief camp family children women men workers traders farmers students teachers doctors ' +
  'hospital court case law rule order change increase decline rise fall growth risk threat crisis pressure demand supply deal agreement ' +
  'effort progress process response action measure step move visit trip call warning claim denial review inquiry investigation evidence ' +
  'record figure number share rate level percent million billion thousand hundred first second third last next new old recent early late ' +
  'major minor key main senior junior former current future past long short high low large small strong weak clear serious heavy rapid').split(' ')
const VERBS = 'announced confirmed denied rejected approved warned urged called promised expected reported described welcomed criticised blamed accused arrested killed injured displaced reopened closed raised cut signed suspended'.split(' ')

export interface GeneratedArticle extends Article {
  text: string
}

function pick<T>(r: () => number, list: readonly T[]): T {
  return list[Math.floor(r() * list.length)]!
}

/** Zipf-ish: low indexes far more often. */
function common(r: () => number): string {
  return COMMON[Math.floor(COMMON.length * r() ** 2.2)]!
}

function number(r: () => number): string {
  const kind = r()
  if (kind < 0.3) return (Math.floor(r() * 9000) + 1000).toLocaleString('en-US')
  if (kind < 0.5) return `$${Math.floor(r() * 900) + 10} million`
  if (kind < 0.7) return String(2010 + Math.floor(r() * 16))
  return String(Math.floor(r() * 99) + 2)
}

function sentence(r: () => number): string {
  const parts: string[] = [pick(r, PEOPLE), 'of the', pick(r, ORGS), pick(r, VERBS)]
  const length = 10 + Math.floor(r() * 10)
  for (let i = 0; i < length; i++) {
    const roll = r()
    if (roll < 0.08) parts.push(pick(r, PLACES))
    else if (roll < 0.14) parts.push(pick(r, TOPICS))
    else if (roll < 0.18) parts.push(number(r))
    else if (roll < 0.22) parts.push(pick(r, ['the', 'of', 'in', 'and', 'to', 'on']))
    else parts.push(common(r))
  }
  return parts.join(' ') + '.'
}

export function generateArticle(index: number, seed = 20250101): GeneratedArticle {
  const r = rng(seed + index * 7919)
  const place = pick(r, PLACES)
  const topic = pick(r, TOPICS)
  const blocks = []
  let words = 0
  for (let p = 0; words < 1000; p++) {
    let text = ''
    for (let s = 0; s < 3; s++) text += (s > 0 ? ' ' : '') + sentence(r)
    words += text.split(' ').length
    blocks.push({ id: `a${index}-b${p}`, type: 'paragraph' as const, text })
  }
  const day = new Date(Date.UTC(2015, 0, 1) + index * 3_600_000 * 7)
  return {
    id: `a${index}`,
    title: `${topic[0]!.toUpperCase()}${topic.slice(1)} in ${place}: ${pick(r, PEOPLE)} ${pick(r, VERBS)} ${common(r)} ${common(r)}`,
    byline: pick(r, PEOPLE),
    source: pick(r, SOURCES),
    publishedAt: day.toISOString().slice(0, 10),
    addedAt: day.toISOString(),
    updatedAt: day.toISOString(),
    tags: [pick(r, TAGS)],
    format: 'text',
    wordCount: words,
    readingMinutes: Math.ceil(words / 230),
    contentHash: `h${index}`,
    blocks,
    text: blocks.map((b) => b.text).join('\n\n'),
  }
}

export function* generateArchive(count: number): Generator<GeneratedArticle> {
  for (let i = 0; i < count; i++) yield generateArticle(i)
}
