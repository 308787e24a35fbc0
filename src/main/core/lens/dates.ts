// Dated events. chrono-node reads the date expressions; Dossier drops its
// misreads ("sat", "SAT", "sun-drenched" as weekdays, "for two years",
// "15 - 1", "9/11"), resolves a bare weekday to the one before publication
// (news tells of the past), reads bare years and year ranges chrono skips,
// and gives each date a precision.

import * as chrono from 'chrono-node'
import { inside, paragraphs, sentences, spanAt, target, type Span } from './text'
import type { ResolvedDate, TimelineEvent } from './types'
import type { Mention } from './entities'

export const MAX_EVENTS = 2000

type Named = Mention & { entityId: string }

const iso = (d: Date): string => d.toISOString().slice(0, 10)
const utc = (y: number, m: number, d: number): Date => new Date(Date.UTC(y, m, d))

function misread(text: string, full: string, index: number): boolean {
  const t = text.trim()
  if (/^(sat|sun|mon|wed|thu|fri|tue|SAT|SUN|Sat|Sun|Mon|Wed|Thu|Fri|Tue)\.?$/u.test(t)) return true
  if (/^(?:on\s+)?(sat|sun|mon|tue|wed|thu|fri)\b/iu.test(t) && !/^(?:on\s+)?(Sunday|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday)\b/u.test(t)) return true
  if (/-/u.test(full.slice(index + text.length, index + text.length + 1))) return true
  if (/^(?:for|in|within|over|after)\s+(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|many)\s+(?:more\s+)?(?:years?|months?|weeks?|days?|hours?|minutes?)/iu.test(t)) return true
  if (/\d\s*[-–]\s*\d/u.test(t) && !/\b\d{4}\b/u.test(t)) return true
  if (/^\d{1,2}\/\d{1,2}$/u.test(t)) return true
  if (/^\d+$/u.test(t)) return true
  if (/^(?:at\s+)?\d{1,2}(?::\d\d)?\s*(?:am|pm|a\.m\.|p\.m\.)?$/iu.test(t)) return true
  return false
}

interface Found {
  start: number
  end: number
  date: ResolvedDate
}

function fromChrono(full: string, ref: Date | undefined): Found[] {
  const out: Found[] = []
  const results = chrono.parse(full, ref ?? new Date(Date.UTC(2000, 0, 1)), { forwardDate: false })
  for (const r of results) {
    if (misread(r.text, full, r.index)) continue
    const s = r.start
    const certainYear = s.isCertain('year')
    const certainMonth = s.isCertain('month')
    const certainDay = s.isCertain('day')
    const weekdayOnly = s.isCertain('weekday') && !certainDay && !certainMonth
    const relative = !certainYear && !certainMonth && !certainDay && !weekdayOnly
    if (ref === undefined && (!certainYear || weekdayOnly || relative || /\b(last|next|this|ago|yesterday|today|tomorrow|tonight|week|weeks|month|months)\b/iu.test(r.text))) continue
    if (!certainYear && !certainMonth && !certainDay && !weekdayOnly && !/\b(ago|last|yesterday|today|tomorrow|next|week|month|year)\b/iu.test(r.text)) continue
    let date: ResolvedDate
    if (weekdayOnly && ref !== undefined) {
      const wd = s.get('weekday')!
      const back = (ref.getUTCDay() - wd + 7) % 7
      const d = utc(ref.getUTCFullYear(), ref.getUTCMonth(), ref.getUTCDate() - back)
      date = { start: iso(d), end: iso(d), precision: 'day' }
    } else {
      const d = s.date()
      const y = d.getFullYear()
      const mo = d.getMonth()
      const endDate = r.end?.date()
      if (certainDay || (certainMonth && /\b(yesterday|today|ago)\b/iu.test(r.text))) {
        const a = utc(y, mo, d.getDate())
        date = { start: iso(a), end: endDate ? iso(utc(endDate.getFullYear(), endDate.getMonth(), endDate.getDate())) : iso(a), precision: relative ? 'approximate' : 'day' }
        if (/\b(week|weeks)\b/iu.test(r.text)) date = { start: iso(utc(y, mo, d.getDate() - 3)), end: iso(utc(y, mo, d.getDate() + 3)), precision: 'approximate' }
      } else if (certainMonth) date = { start: iso(utc(y, mo, 1)), end: iso(utc(y, mo + 1, 0)), precision: 'month' }
      else if (certainYear) date = { start: `${y}-01-01`, end: `${y}-12-31`, precision: 'year' }
      else if (/\bweek\b/iu.test(r.text)) date = { start: iso(utc(y, mo, d.getDate() - 3)), end: iso(utc(y, mo, d.getDate() + 3)), precision: 'approximate' }
      else if (/\bmonth\b/iu.test(r.text)) date = { start: iso(utc(y, mo, 1)), end: iso(utc(y, mo + 1, 0)), precision: 'month' }
      else if (/\byear\b/iu.test(r.text)) date = { start: `${y}-01-01`, end: `${y}-12-31`, precision: 'year' }
      else {
        const a = utc(y, mo, d.getDate())
        date = { start: iso(a), end: iso(a), precision: 'approximate' }
      }
    }
    out.push({ start: r.index, end: r.index + r.text.length, date })
  }
  return out
}

/** Bare years, decades and year ranges: "in 2009", "the 1990s", "1996–2001"; "this year", "the previous year". */
function yearsAndRelativeYears(full: string, ref: Date | undefined, taken: Found[]): Found[] {
  const out: Found[] = []
  const free = (s: number, e: number): boolean => !taken.some((t) => t.start < e && s < t.end) && !out.some((t) => t.start < e && s < t.end)
  for (const m of full.matchAll(/(?<![\p{L}\p{N}$£€.,/-])(1[6-9]\d\d|20\d\d)(?:\s?[–—-]\s?(1[6-9]\d\d|20\d\d|\d\d))?(s)?(?![\p{N}%]|\s?(?:people|persons|men|women|troops|soldiers|votes|cases|units|tons|miles|km|dollars|members)\b|,\d)/gu)) {
    const s = m.index
    const e = s + m[0].length
    if (!free(s, e)) continue
    const y = Number(m[1])
    if (m[3] !== undefined) out.push({ start: s, end: e, date: { start: `${y}-01-01`, end: `${y + 9}-12-31`, precision: 'approximate' } })
    else if (m[2] !== undefined) {
      const y2 = m[2].length === 2 ? Math.floor(y / 100) * 100 + Number(m[2]) : Number(m[2])
      if (y2 < y) continue
      out.push({ start: s, end: e, date: { start: `${y}-01-01`, end: `${y2}-12-31`, precision: 'year' } })
    } else out.push({ start: s, end: e, date: { start: `${y}-01-01`, end: `${y}-12-31`, precision: 'year' } })
  }
  if (ref !== undefined) {
    for (const m of full.matchAll(/\b(this|last|next|the previous|the following|the past|the current)\s+year\b/giu)) {
      const s = m.index
      const e = s + m[0].length
      if (!free(s, e)) continue
      const word = m[1]!.toLowerCase()
      const y = ref.getUTCFullYear() + (word === 'last' || word === 'the previous' || word === 'the past' ? -1 : word === 'next' || word === 'the following' ? 1 : 0)
      out.push({ start: s, end: e, date: { start: `${y}-01-01`, end: `${y}-12-31`, precision: 'year' } })
    }
  }
  return out
}

export function extractEvents(text: string, publishedAt: string | undefined, named: Named[]): { events: TimelineEvent[]; spans: Span[] } {
  const parsed = publishedAt !== undefined ? new Date(publishedAt) : undefined
  const ref = parsed !== undefined && !Number.isNaN(parsed.getTime()) ? utc(parsed.getUTCFullYear(), parsed.getUTCMonth(), parsed.getUTCDate()) : undefined
  const found = fromChrono(text, ref)
  found.push(...yearsAndRelativeYears(text, ref, found))
  found.sort((a, b) => a.start - b.start)
  const sents = paragraphs(text).flatMap((p) => sentences(text, p))
  const events: TimelineEvent[] = []
  for (const f of found.slice(0, MAX_EVENTS)) {
    const si = spanAt(sents, f.start)
    const sent = si >= 0 ? sents[si]! : { start: f.start, end: f.end }
    const end = Math.min(sent.end, sent.start + 400)
    events.push({
      id: `d:${f.start}`,
      target: target(text, f.start, f.end),
      text: text.slice(f.start, f.end),
      date: f.date,
      event: text.slice(sent.start, end),
      eventTarget: target(text, sent.start, end),
      entityIds: [...new Set(inside(named, sent.start, sent.end).map((n) => n.entityId))],
    })
  }
  return { events, spans: found.map((f) => ({ start: f.start, end: f.end })) }
}

