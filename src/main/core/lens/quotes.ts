// Who said what. No library attributes quotations, so this is Dossier's own:
// quote spans (straight, curly, quote blocks), a reporting verb beside them,
// the nearest person in that clause (over an organisation), pronouns and
// "he added" to the previous speaker, an unattributed quote paragraph to the
// last speaker, and "X said that …" as reported speech.

import { bareName, inside, paragraphs, sentences, spanAt, target, type Span } from './text'
import type { Mention } from './entities'
import type { Quotation, Speaker } from './types'

export const MAX_QUOTES = 2000
/** A quotation longer than this is a quote mark that never closed. */
const MAX_QUOTE_LENGTH = 3000

const VERB =
  /\b(said|says|say|told|tells|wrote|writes|added|adds|stated|states|noted|explained|asked|replied|declared|announced|insisted|argued|claimed|warned|highlighted|continued|testified|commented|remarked|observed|urged|predicted|conceded|acknowledged|admitted|confirmed|denied|denies|tweeted|posted|emphasised|emphasized|stressed|suggested|charged|contended|recalled|termed|called|described|according to)\b/u
const REPORTED_VERB =
  /\b(said|says|told|stated|added|announced|insisted|argued|claimed|warned|confirmed|denied|denies|reported|explained|noted|declared|testified|predicted|acknowledged|admitted|contended|charged|estimated)\b/u
const PRONOUN = /\b(he|she|they|He|She|They)\b/u

type Named = Mention & { entityId: string }

interface QuoteSpan {
  start: number
  end: number
  /** Continues a quotation whose paragraph ended without closing it. */
  continued: boolean
}

/** Quoted spans of one paragraph; an opening mark with no close is dropped, unless the next paragraph reopens (a quote running over paragraphs). */
function quoteSpans(text: string, para: Span, nextOpens: boolean): QuoteSpan[] {
  const out: QuoteSpan[] = []
  let open = -1
  for (let i = para.start; i < para.end; i++) {
    const c = text[i]
    if (open < 0) {
      if (c === '“' || (c === '"' && (i === para.start || /[\s([—–-]/u.test(text[i - 1]!)))) open = i
    } else if (c === '”' || (c === '"' && text[open] === '"')) {
      if (i - open > 1 && i - open < MAX_QUOTE_LENGTH) out.push({ start: open + 1, end: i, continued: false })
      open = -1
    }
  }
  if (open >= 0 && nextOpens && para.end - open < MAX_QUOTE_LENGTH) out.push({ start: open + 1, end: para.end, continued: true })
  return out
}

const ROLE_AFTER = /^,\s+((?:(?:a|an|the)\s+)?[\p{Ll}][^,.;“”"]{2,90}?),/u

function speakerFrom(text: string, clause: Span, verbAt: number, named: Named[], previous: Speaker | undefined): Speaker | undefined {
  const inClause = inside(named, clause.start, clause.end)
  const people = inClause.filter((m) => m.type === 'person')
  const pool = people.length > 0 ? people : inClause
  const pronoun = PRONOUN.exec(text.slice(clause.start, clause.end))
  const pronounAt = pronoun ? clause.start + pronoun.index : -1
  let best: Named | undefined
  for (const m of pool) if (best === undefined || Math.abs(m.start - verbAt) < Math.abs(best.start - verbAt)) best = m
  if (pronounAt >= 0 && previous !== undefined && (best === undefined || (people.length === 0 && Math.abs(pronounAt - verbAt) < Math.abs(best.start - verbAt)))) return previous
  if (best === undefined) return undefined
  return { name: best.name, entityId: best.entityId, ...roleOf(text, best, clause) }
}

function roleOf(text: string, m: Named, clause: Span): { role?: string } {
  const after = ROLE_AFTER.exec(text.slice(m.end, Math.min(clause.end + 1, m.end + 120)))
  if (after) return { role: after[1]!.trim() }
  // "Pakistani diplomat Usman Iqbal Jadoon": the words before the name, ending in a common noun.
  const before = /((?:[\p{Lu}][\p{L}]*\s+)*(?:[\p{Ll}][\p{L}]*\s+)?[\p{Ll}]{3,}\s+)$/u.exec(text.slice(Math.max(clause.start, m.start - 60), m.start))
  if (before && /^[\p{Lu}]/u.test(before[1]!) && !/\b(said|says|told|wrote|added|the|a|an|While|When|After|But|And)\b/u.test(before[1]!)) return { role: before[1]!.trim() }
  return {}
}

function sentenceOf(sents: Span[], offset: number): Span | undefined {
  const i = spanAt(sents, offset)
  return i < 0 ? undefined : sents[i]
}

export function extractQuotes(text: string, named: Named[], blocks?: { type: string; text: string }[]): Quotation[] {
  const paras = paragraphs(text)
  const quoteBlocks = blockTypes(paras, blocks)
  const out: Quotation[] = []
  let previous: Speaker | undefined
  let pendingContinued: Quotation[] = []
  for (let p = 0; p < paras.length && out.length < MAX_QUOTES; p++) {
    const para = paras[p]!
    const sents = sentences(text, para)
    const next = paras[p + 1]
    const nextOpens = next !== undefined && /^["“]/u.test(text.slice(next.start, next.start + 1))
    if (quoteBlocks[p] === true) {
      // A quote block: the speaker is the one the paragraph before introduced.
      const q: Quotation = { id: `q:${para.start}`, target: target(text, para.start, para.end), text: text.slice(para.start, para.end), kind: 'direct', ...(previous ? { speaker: previous } : {}) }
      out.push(q)
      continue
    }
    const spans = quoteSpans(text, para, nextOpens)
    let lastInPara: Speaker | undefined
    for (const span of spans) {
      const sent = sentenceOf(sents, span.start - 1) ?? sentenceOf(sents, span.start) ?? para
      const endSent = sentenceOf(sents, Math.min(span.end + 1, para.end - 1)) ?? sent
      const afterClause: Span = { start: span.end + 1, end: Math.min(endSent.end, nextQuoteStart(text, span.end + 1, endSent.end)) }
      const beforeClause: Span = { start: Math.max(sent.start, prevQuoteEnd(spans, span)), end: Math.max(sent.start, span.start - 1) }
      let speaker: Speaker | undefined
      const afterText = text.slice(afterClause.start, afterClause.end)
      const afterVerb = VERB.exec(afterText)
      if (afterVerb && afterVerb.index < 140) speaker = speakerFrom(text, afterClause, afterClause.start + afterVerb.index, named, previous)
      if (speaker === undefined) {
        const beforeText = text.slice(beforeClause.start, beforeClause.end)
        const verbs = [...beforeText.matchAll(new RegExp(VERB.source, 'gu'))]
        const lastVerb = verbs[verbs.length - 1]
        if (lastVerb !== undefined || /:\s*$/u.test(beforeText)) {
          const at = lastVerb !== undefined ? beforeClause.start + lastVerb.index : beforeClause.start
          // The subject comes before the verb.
          speaker = speakerFrom(text, { start: beforeClause.start, end: lastVerb !== undefined ? at : beforeClause.end }, at, named, previous)
        }
      }
      const wholeParagraph = span.start - 1 <= para.start && (afterText.trim() === '' || /^[.,]?\s*$/u.test(afterText))
      if (speaker === undefined && wholeParagraph && previous !== undefined) speaker = previous
      const q: Quotation = { id: `q:${span.start}`, target: target(text, span.start, span.end), text: text.slice(span.start, span.end), kind: 'direct', ...(speaker ? { speaker } : {}) }
      if (span.continued && speaker === undefined) pendingContinued.push(q)
      if (speaker !== undefined) {
        for (const c of pendingContinued) c.speaker = speaker
        pendingContinued = []
        previous = speaker
        lastInPara = speaker
      }
      if (speaker !== undefined || span.end - span.start > 60) out.push(q)
    }
    // Sentences without quote marks may report speech.
    for (const sent of sents) {
      if (spans.some((q) => q.start - 1 < sent.end && sent.start < q.end + 1)) continue
      const r = reported(text, sent, named, spans.length > 0 ? (lastInPara ?? previous) : previous)
      if (r !== undefined && out.length < MAX_QUOTES) {
        out.push(r)
        if (spans.length === 0) previous = r.speaker
      }
    }
    if (spans.length === 0) {
      // An introduction ending in a colon hands its subject to a quote block after it.
      if (/:\s*$/u.test(text.slice(para.start, para.end))) {
        const s = speakerFrom(text, para, para.start, named, previous)
        if (s) previous = s
      }
    } else if (lastInPara) previous = lastInPara
  }
  return out
}

/** "Pakistan said thousands of fighters …": subject, reporting verb, then what was said. */
function reported(text: string, sent: Span, named: Named[], previous: Speaker | undefined): Quotation | undefined {
  const s = text.slice(sent.start, sent.end)
  const verb = REPORTED_VERB.exec(s)
  if (verb === null || verb.index > 160) return undefined
  const rest = s.slice(verb.index + verb[0].length)
  // Reported speech says something: "said that …", "said thousands …", not "said." or "the said bill".
  if (!/^\s+(?:that\s+|on\s+\p{Lu}\p{L}+\s+(?:that\s+)?)?[\p{L}\p{N}$]/u.test(rest) || /^\s+(?:to|by|in|at|with|for|of)\b/u.test(rest)) return undefined
  const subject: Span = { start: sent.start, end: sent.start + verb.index }
  const subjText = text.slice(subject.start, subject.end)
  if (/[,;]\s*$/u.test(subjText) || subjText.trim() === '') return undefined
  let speaker = speakerFrom(text, subject, subject.end, named, previous)
  if (speaker === undefined) {
    // "The Taliban spokesperson's office said": a noun phrase naming a speaker.
    const np = /(?:^|\s)((?:the\s+|The\s+)?(?:[\p{L}’']+\s+){0,3}(?:office|spokesperson|spokesman|officials?|police|ministry|government|authorities|sources?|statement)(?:\s+[\p{L}’']+){0,2})\s*$/u.exec(subjText)
    if (np === null) return undefined
    speaker = { name: np[1]!.replace(/^the\s+/iu, '').trim() }
  } else if (speaker !== previous) {
    const phrase = /(?:^|\s)((?:the\s+|The\s+)?[\p{L}’']+['’]s\s+(?:office|spokesperson|spokesman|officials?|ministry))\s*$/u.exec(subjText)
    if (phrase) speaker = { ...speaker, name: bareName(phrase[1]!.replace(/^the\s+/iu, '')) }
  }
  let start = sent.start + verb.index + verb[0].length
  while (/\s/u.test(text[start] ?? '')) start++
  if (text.startsWith('that ', start)) start += 5
  let end = sent.end
  while (end > start && /[\s.]/u.test(text[end - 1]!)) end--
  if (end - start < 8) return undefined
  return { id: `q:${start}`, target: target(text, start, end), text: text.slice(start, end), kind: 'reported', speaker }
}

function nextQuoteStart(text: string, from: number, limit: number): number {
  const i = text.slice(from, limit).search(/[“"]/u)
  return i < 0 ? limit : from + i
}

function prevQuoteEnd(spans: QuoteSpan[], span: QuoteSpan): number {
  let end = 0
  for (const s of spans) if (s.end < span.start) end = s.end + 1
  return end
}

function blockTypes(paras: Span[], blocks?: { type: string; text: string }[]): boolean[] {
  if (blocks === undefined || blocks.length !== paras.length) return []
  return blocks.map((b) => b.type === 'quote')
}
