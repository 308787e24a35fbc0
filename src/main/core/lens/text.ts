// Paragraphs, sentences and words of the plain text, with their offsets.

import { describeRange } from '../../../shared/anchoring/describe'
import type { LensTarget } from './types'

export interface Span {
  start: number
  end: number
}

export function target(text: string, start: number, end: number): LensTarget {
  const { quote, position } = describeRange(text, start, end)
  return { quote, position }
}

/** Paragraphs: the blocks of the plain text, split at blank lines. */
export function paragraphs(text: string): Span[] {
  const out: Span[] = []
  const re = /\n\s*\n/g
  let start = 0
  for (let m = re.exec(text); m !== null; m = re.exec(text)) {
    if (m.index > start) out.push({ start, end: m.index })
    start = m.index + m[0].length
  }
  if (start < text.length) out.push({ start, end: text.length })
  return out
}

const ABBREVIATIONS = /(?:\b(?:Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|St|Jr|Sr|Prof|Rev|Mt|Ft|No|vs|etc|Inc|Co|Corp|Ltd|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec|U\.S|U\.N|H\.E)|\b\p{Lu})\.$/u

/**
 * Sentences of one paragraph. A stop inside a quotation ends the sentence
 * only when the quote mark closes; abbreviations and initials do not end one.
 */
export function sentences(text: string, para: Span): Span[] {
  const out: Span[] = []
  let start = para.start
  const re = /[.!?]+["”’)]*(?=\s+["“‘(]?[\p{Lu}\p{N}])/gu
  re.lastIndex = para.start
  const slice = text.slice(0, para.end)
  for (let m = re.exec(slice); m !== null; m = re.exec(slice)) {
    const end = m.index + m[0].length
    const before = text.slice(Math.max(start, m.index - 6), m.index + 1)
    if (ABBREVIATIONS.test(before)) continue
    out.push({ start, end })
    start = end
    while (start < para.end && /\s/.test(text[start]!)) start++
  }
  if (start < para.end) out.push({ start, end: para.end })
  return out
}

export interface Word {
  text: string
  start: number
  end: number
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’.-]*[\p{L}\p{N}]|[\p{L}\p{N}]/gu

export function words(text: string, from = 0, to = text.length): Word[] {
  const out: Word[] = []
  const re = new RegExp(WORD.source, 'gu')
  re.lastIndex = from
  const slice = text.slice(0, to)
  for (let m = re.exec(slice); m !== null; m = re.exec(slice)) out.push({ text: m[0], start: m.index, end: m.index + m[0].length })
  return out
}

/** Trailing possessive and stops off a name: "Pakistan’s" → "Pakistan". */
export function bareName(name: string): string {
  return name
    .replace(/['’]s$/u, '')
    .replace(/['’]$/u, '')
    .replace(/[.,;:]+$/u, '')
    .trim()
}

export function normalKey(name: string): string {
  return bareName(name).normalize('NFKD').replace(/\p{M}/gu, '').replace(/’/g, "'").replace(/\s+/g, ' ').toLowerCase()
}

/** Index of the span containing offset, by binary search. */
export function spanAt(spans: Span[], offset: number): number {
  let low = 0
  let high = spans.length - 1
  while (low <= high) {
    const mid = (low + high) >> 1
    const span = spans[mid]!
    if (offset < span.start) high = mid - 1
    else if (offset >= span.end) low = mid + 1
    else return mid
  }
  return -1
}

/** Items of a list sorted by start that lie inside [start, end), found by binary search. */
export function inside<T extends Span>(sorted: T[], start: number, end: number): T[] {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (sorted[mid]!.start < start) low = mid + 1
    else high = mid
  }
  const out: T[] = []
  for (let i = low; i < sorted.length && sorted[i]!.start < end; i++) if (sorted[i]!.end <= end) out.push(sorted[i]!)
  return out
}

/** Whether any span of a list sorted by start overlaps [start, end). */
export function overlapsAny(sorted: Span[], start: number, end: number): boolean {
  let low = 0
  let high = sorted.length
  while (low < high) {
    const mid = (low + high) >> 1
    if (sorted[mid]!.end <= start) low = mid + 1
    else high = mid
  }
  // Spans sorted by start with no nesting are sorted by end too.
  return low < sorted.length && sorted[low]!.start < end
}
