// Numeric claims: value, qualifier, unit, what is counted, who claims it.
//
// Grouping and the tolerance rule: figures are grouped by measure (what
// happened to what is counted: killed, injured, arrested… or the counted noun
// itself) and the event they belong to (the event noun in the sentence:
// strikes, attacks, incidents). Parts of a breakdown ("including 15 …",
// "570 … and 351 …") are not totals and stay out. A group is contested when
// two figures from different sources (the article's own voice counts as one)
// differ by more than 10% of the larger value, 25% when either is approximate
// ("nearly", "about"). "At least" and "over" are compared at the stated value:
// reporting uses them as the count a side claims, so 46 against 30 is a dispute.

import { inside, overlapsAny, spanAt, sentences, paragraphs, target, type Span } from './text'
import type { Mention } from './entities'
import type { Figure, FigureGroup, Qualifier, Quotation } from './types'

export const MAX_FIGURES = 2000

type Named = Mention & { entityId: string }

const SPELLED: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, fifty: 50, hundred: 100, hundreds: 100, thousand: 1000, thousands: 1000, dozens: 12, millions: 1e6 }
const SCALE: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12, crore: 1e7, lakh: 1e5 }
const QUALIFIERS: [RegExp, Qualifier][] = [
  [/\b(?:at least|no fewer than|as many as)\s*$/iu, 'at least'],
  [/\b(?:over|more than|above|upwards of)\s*$/iu, 'over'],
  [/\b(?:nearly|almost|close to)\s*$/iu, 'nearly'],
  [/\b(?:about|around|approximately|roughly|some|an estimated|estimated)\s*$/iu, 'about'],
  [/\b(?:up to)\s*$/iu, 'up to'],
  [/\b(?:fewer than|less than|under|below)\s*$/iu, 'under'],
]
const MEASURES: [RegExp, string][] = [
  [/\b(kill\w*|dead|deaths?|died|neutrali[sz]\w*|martyr\w*|lives|fatalit\w*|casualt\w*|bodies)\b/iu, 'killed'],
  [/\b(injur\w*|wounded|hurt)\b/iu, 'injured'],
  [/\b(arrest\w*|detain\w*|captured)\b/iu, 'arrested'],
  [/\b(displaced|fled|refugees?|evacuated)\b/iu, 'displaced'],
]
const EVENT = /\b(strikes?|airstrikes?|attacks?|incidents?|bombings?|raids?|clashes|operations?|earthquakes?|floods?|explosions?|blasts?|shootings?|fighting|war|protests?|elections?|vote)\b/iu
const STOP_NOUN = /^(of|in|on|at|to|for|by|from|with|and|or|were|was|are|is|have|has|had|who|which|that|including|killed|since|during|this|last|per|each|the|a|an|against|over|after|before|into|as|than|between|among)$/iu
const YEAR = /^(1[5-9]\d\d|20\d\d)$/u

const NUMBER = /(?<![\p{L}\p{N}/.,:])([$£€¥]|Rs\.?\s?|USD\s?)?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?(?:\s?(thousand|million|billion|trillion|crore|lakh)\b)?(\s?(?:%|per ?cent|percent))?(?![\p{N}/:]|[.,]\d)|\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|fifty|hundreds|thousands|dozens|millions)\b(?=\s+(?:of\s+)?[\p{L}])/giu

export function extractFigures(text: string, named: Named[], quotes: Quotation[], dateSpans: Span[]): Figure[] {
  const paras = paragraphs(text)
  const sents: Span[] = paras.flatMap((p) => sentences(text, p))
  const direct = quotes.filter((q) => q.kind === 'direct').sort((a, b) => a.target.position.start - b.target.position.start)
  const reported = quotes.filter((q) => q.kind === 'reported').sort((a, b) => a.target.position.start - b.target.position.start)
  const out: Figure[] = []
  const dates = [...dateSpans].sort((a, b) => a.start - b.start)
  const re = new RegExp(NUMBER.source, 'giu')
  for (let m = re.exec(text); m !== null && out.length < MAX_FIGURES; m = re.exec(text)) {
    const start = m.index
    const end = m.index + m[0].length
    if (overlapsAny(dates, start, end)) continue
    let value: number
    let unit: string | undefined
    if (m[6] !== undefined) value = SPELLED[m[6].toLowerCase()]!
    else {
      value = Number(m[2]!.replace(/,/g, '') + (m[3] ?? ''))
      if (m[4] !== undefined) value *= SCALE[m[4].toLowerCase()]!
      if (m[1] !== undefined) unit = m[1].trim().replace(/\.$/u, '')
      if (m[5] !== undefined) unit = '%'
      // A bare year is a date, not a figure.
      if (unit === undefined && m[4] === undefined && YEAR.test(m[2]!) && m[3] === undefined && !/^\s+(?:people|persons|men|women|[\p{L}]+s)\b/u.test(text.slice(end, end + 20))) continue
    }
    if (!Number.isFinite(value)) continue
    const si = spanAt(sents, start)
    const sent = si >= 0 ? sents[si]! : { start, end }
    const before = text.slice(Math.max(sent.start, start - 30), start)
    const qualifier = QUALIFIERS.find(([q]) => q.test(before))?.[1]
    const countsWords: string[] = []
    const tail = text.slice(end, Math.min(sent.end, end + 80))
    for (const w of tail.matchAll(/[\p{L}][\p{L}\-']*|[^\s\p{L}]/gu)) {
      if (!/^[\p{L}]/u.test(w[0]) || STOP_NOUN.test(w[0]) || countsWords.length >= 4) break
      countsWords.push(w[0])
    }
    if (countsWords.length === 0 && unit === undefined) continue
    const counts = countsWords.join(' ')
    const sentence = text.slice(sent.start, sent.end)
    const measure = MEASURES.find(([r]) => r.test(sentence))?.[1] ?? (counts.split(' ').pop() ?? '').toLowerCase().replace(/s$/u, '')
    // The event noun nearest the figure: a sentence may name two events.
    let event: string | undefined
    let distance = Infinity
    for (const e of sentence.matchAll(new RegExp(EVENT.source, 'giu'))) {
      const d = Math.abs(sent.start + e.index - start)
      if (d < distance) {
        distance = d
        event = e[1]!.toLowerCase().replace(/^air/u, '').replace(/(?<=[^s])s$|es$/u, '')
      }
    }
    const inQuote = holding(direct, start, end)
    const inReported = holding(reported, start, end)
    let source: Figure['source']
    if (inQuote?.speaker) source = { name: inQuote.speaker.name, ...(inQuote.speaker.entityId ? { entityId: inQuote.speaker.entityId } : {}), via: 'quote' }
    else if (inReported?.speaker) source = { name: inReported.speaker.name, ...(inReported.speaker.entityId ? { entityId: inReported.speaker.entityId } : {}), via: 'reported' }
    else {
      const acc = /according to\s+((?:the\s+)?[^,.;]{2,80})/iu.exec(sentence)
      const subject = /(?:^|[,;]\s)((?:The\s+|the\s+)?[\p{Lu}][^,;]{1,90}?)\s+(?:reported|recorded|estimated|counted|said|says|put|puts|claimed|documented)\b/u.exec(sentence)
      const pick = (phrase: string, at: number): Figure['source'] => {
        const ents = inside(named, at, at + phrase.length)
        const best = ents.find((n) => n.type !== 'place') ?? ents[0]
        return { name: phrase.replace(/^the\s+/iu, '').trim(), ...(best ? { entityId: best.entityId } : {}), via: 'according-to' }
      }
      if (acc && sent.start + acc.index + acc[0].length <= start + 200) source = pick(acc[1]!, sent.start + acc.index + acc[0].length - acc[1]!.length)
      else if (subject && sent.start + subject.index < start) {
        const s = pick(subject[1]!, sent.start + subject.index + subject[0].indexOf(subject[1]!))
        source = s ? { ...s, via: 'reported' } : s
      }
    }
    const part = /\bincluding\s+(?:at least\s+|over\s+|nearly\s+)?$/iu.test(before) || /\band\s+$/u.test(before) || (/^\s+[\p{L} ]{0,40}?\s+and\s+(?:at least\s+)?\d/u.test(tail) && countsWords.length > 0)
    out.push({
      id: `f:${start}`,
      target: target(text, start, end),
      text: text.slice(start, end),
      value,
      ...(qualifier ? { qualifier } : {}),
      ...(unit ? { unit } : {}),
      counts,
      ...(measure ? { measure } : {}),
      ...(event ? { event } : {}),
      ...(source ? { source } : {}),
      ...(part ? { part } : {}),
    })
  }
  return out
}

/** The quotation holding [start, end), in quotations sorted by start. */
function holding(sorted: Quotation[], start: number, end: number): Quotation | undefined {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (sorted[mid]!.target.position.start <= start) low = mid + 1
    else high = mid
  }
  const q = sorted[low - 1]
  return q !== undefined && q.target.position.end >= end ? q : undefined
}

const APPROXIMATE = new Set<Qualifier>(['nearly', 'about'])

/** Whether two figures disagree under the tolerance rule above. */
export function disagree(a: Figure, b: Figure): boolean {
  const tolerance = (a.qualifier && APPROXIMATE.has(a.qualifier)) || (b.qualifier && APPROXIMATE.has(b.qualifier)) ? 0.25 : 0.1
  return Math.abs(a.value - b.value) > tolerance * Math.max(Math.abs(a.value), Math.abs(b.value))
}

const sourceKey = (f: Figure): string => f.source?.entityId ?? f.source?.name.toLowerCase() ?? '(article)'

/** Groups of figures about the same measure of the same event; within an article the topic and time are shared. */
export function groupFigures(figures: Figure[]): FigureGroup[] {
  const byKey = new Map<string, Figure[]>()
  for (const f of figures) {
    if (f.part || f.measure === undefined || f.event === undefined || f.unit === '%') continue
    const key = `${f.measure}|${f.event}`
    const list = byKey.get(key) ?? []
    list.push(f)
    byKey.set(key, list)
  }
  const groups: FigureGroup[] = []
  for (const [key, list] of byKey) {
    if (list.length < 2) continue
    const [measure, event] = key.split('|') as [string, string]
    let contested = false
    for (let i = 0; i < list.length && !contested; i++)
      for (let j = i + 1; j < list.length; j++)
        if (sourceKey(list[i]!) !== sourceKey(list[j]!) && disagree(list[i]!, list[j]!)) {
          contested = true
          break
        }
    groups.push({ id: `g:${key}`, measure, event, figureIds: list.map((f) => f.id), contested })
  }
  return groups
}
