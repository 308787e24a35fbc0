// People, organisations and places. compromise tags the entities; Dossier
// cleans what it merges (lists, possessives), fills in names it misses
// (capitalised names beside reporting verbs and roles), and merges aliases:
// an acronym given in brackets, an acronym of a known name, a surname.

import nlp from 'compromise'
import { bareName, inside, normalKey, target, words, type Word } from './text'
import type { Entity, EntityType } from './types'

export const MAX_ENTITIES = 500
export const MAX_MENTIONS_PER_ENTITY = 200

const ORG_WORDS =
  /\b(Ministry|Institute|Government|Council|Party|Company|Corporation|Corp|Inc|University|College|Agency|Department|Committee|Commission|Bank|Association|Union|Army|Police|Court|Office|Board|Bureau|Foundation|Organisation|Organization|Group|Nations|Assembly|Senate|Congress|Legislature|Church|School|Society|League|Federation|Club|Times|Post|News|Press|Taliban|Emirate)\b/u
const TITLE = /^(Mr|Mrs|Ms|Dr|Sen|Rep|Gov|Gen|Col|Lt|Sgt|Capt|Prof|Rev|President|Minister|Senator|Governor|Mayor|Judge|Justice|Secretary|Chairman|Director|General|Colonel|Officer|Ambassador|Representative|Interior|Foreign|Prime|Defence|Defense|H\.E)\.?$/u
const STOP_CAPS = new Set(['The', 'A', 'An', 'In', 'On', 'At', 'But', 'And', 'Or', 'If', 'He', 'She', 'It', 'They', 'We', 'I', 'This', 'That', 'These', 'Those', 'His', 'Her', 'Their', 'Its', 'Our', 'When', 'While', 'After', 'Before', 'However', 'Also', 'As', 'For', 'From', 'By', 'With', 'Despite', 'Nevertheless', 'Notably', 'Consequently', 'Similarly', 'Ultimately', 'Following', 'During', 'Over', 'Among', 'Both', 'Even', 'Left', 'Key', 'One', 'Old', 'Some', 'Yet', 'So', 'Then', 'There', 'Here', 'Mr', 'Mrs', 'Ms', 'Dr', 'Senior', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'])
const REPORTING = /^(said|says|say|told|tells|wrote|writes|added|adds|stated|noted|explained|asked|replied|declared|announced|insisted|argued|claimed|warned|highlighted|continued|testified|commented|urged|confirmed|denied|reported|emphasised|emphasized|stressed)$/u
const ROLE_NOUN = /^(spokesperson|spokesman|spokeswoman|minister|diplomat|journalist|official|president|director|chairman|secretary|analyst|professor|leader|commander|general|senator|governor|mayor|chief|head|representative|ambassador|expert|researcher|editor|lawyer|attorney|judge|officer|member|founder|executive|manager|adviser|advisor|correspondent)s?$/iu

export interface Mention {
  start: number
  end: number
  name: string
  type: EntityType
}

const isCap = (w: string): boolean => /^\p{Lu}/u.test(w)

/** Splits a compromise match at list commas, "and" and possessives, and drops what is not a name. */
function cleanMatches(text: string, start: number, end: number, type: EntityType): Mention[] {
  const out: Mention[] = []
  const raw = text.slice(start, end)
  const re = /[^,;()]+/gu
  for (let m = re.exec(raw); m !== null; m = re.exec(raw)) {
    for (const piece of splitPossessive(m[0], start + m.index)) {
      let s = piece.start
      let t = piece.text
      const lead = /^\s*(?:and\s+|or\s+|the\s+|The\s+)?/u.exec(t)![0]
      s += lead.length
      t = t.slice(lead.length)
      // Lower-case words at the end are common nouns ("province", "district").
      t = t.replace(/(?:\s+[\p{Ll}][\p{L}]*)+\s*$/u, '').replace(/\s+$/u, '')
      // Titles are roles, not names: "Mayor Ana Ruiz" is Ana Ruiz.
      for (let title = /^(\S+)\s+(?=\p{Lu})/u.exec(t); type === 'person' && title !== null && TITLE.test(title[1]!); title = /^(\S+)\s+(?=\p{Lu})/u.exec(t)) {
        s += title[0].length
        t = t.slice(title[0].length)
      }
      const name = bareName(t)
      if (name.length < 2 || !isCap(name) || STOP_CAPS.has(name)) continue
      out.push({ start: s, end: s + name.length, name, type })
    }
  }
  return out
}

function splitPossessive(piece: string, offset: number): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = []
  const re = /['’]s\s+/gu
  let from = 0
  for (let m = re.exec(piece); m !== null; m = re.exec(piece)) {
    out.push({ text: piece.slice(from, m.index), start: offset + from })
    from = m.index + m[0].length
  }
  out.push({ text: piece.slice(from), start: offset + from })
  return out
}

/** Runs of capitalised words ("Enayatullah Khowarazami", "Pakistan Institute for Conflict and Security Studies"). */
export function capitalisedRuns(text: string, all: Word[]): { start: number; end: number; words: Word[] }[] {
  const runs: { start: number; end: number; words: Word[] }[] = []
  let i = 0
  while (i < all.length) {
    if (!isCap(all[i]!.text) || /^\p{N}/u.test(all[i]!.text)) {
      i++
      continue
    }
    const run: Word[] = [all[i]!]
    let j = i + 1
    while (j < all.length && run.length < 8) {
      const gap = text.slice(all[j - 1]!.end, all[j]!.start)
      if (!/^\s+$/u.test(gap) && !(gap === '' )) break
      const w = all[j]!.text
      if (isCap(w)) run.push(all[j]!)
      else if ((w === 'for' || w === 'of' || w === 'and') && j + 1 < all.length && isCap(all[j + 1]!.text) && /^\s+$/u.test(text.slice(all[j]!.end, all[j + 1]!.start))) run.push(all[j]!)
      else break
      j++
    }
    runs.push({ start: run[0]!.start, end: run[run.length - 1]!.end, words: run })
    i = j
  }
  return runs
}

/** Names compromise misses: a capitalised name beside a reporting verb or a role is a person; one with an organisation word is an organisation. */
function fillIn(text: string, all: Word[], known: Mention[]): Mention[] {
  const sorted = [...known].sort((a, b) => a.start - b.start)
  const maxLength = sorted.reduce((n, m) => Math.max(n, m.end - m.start), 0)
  const covered = (s: number, e: number): boolean => inside(sorted, s - maxLength, e + maxLength).some((m) => m.start < e && s < m.end)
  const out: Mention[] = []
  const byStart = new Map(all.map((w, i) => [w.start, i]))
  for (const run of capitalisedRuns(text, all)) {
    let ws = run.words
    while (ws.length > 0 && (STOP_CAPS.has(ws[0]!.text) || TITLE.test(ws[0]!.text))) ws = ws.slice(1)
    if (ws.length === 0) continue
    const start = ws[0]!.start
    const end = ws[ws.length - 1]!.end
    const name = bareName(text.slice(start, end))
    if (name.length < 2 || covered(start, end)) continue
    if (ORG_WORDS.test(name) && ws.length > 1) {
      out.push({ start, end: start + name.length, name, type: 'organization' })
      continue
    }
    if (ws.length < 2 || ws.length > 4 || ws.some((w) => !isCap(w.text))) continue
    const index = byStart.get(run.words[run.words.length - 1]!.start)!
    const next = all[index + 1]
    const next2 = all[index + 2]
    const prev = all[byStart.get(run.words[0]!.start)! - 1]
    const after = text.slice(end, end + 3)
    const nearVerb = (next && REPORTING.test(next.text)) || (prev && REPORTING.test(prev.text)) || (next2 && REPORTING.test(next2.text) && /^\s+\p{Ll}+ly$/u.test(text.slice(end, next2.start)))
    const role = (/^,\s/u.test(after) && next && ROLE_NOUN.test(next.text)) || (prev && ROLE_NOUN.test(prev.text))
    if (nearVerb || role) out.push({ start, end: start + name.length, name, type: 'person' })
  }
  return out
}

interface Group {
  name: string
  votes: Record<EntityType, number>
  aliases: Set<string>
  mentions: Mention[]
}

/** Initials of a name's capitalised words: "Afghan Interim Government" → "AIG". */
const initials = (name: string): string =>
  name
    .split(/\s+/u)
    .filter((w) => isCap(w))
    .map((w) => w[0])
    .join('')

export interface EntityResult {
  entities: Entity[]
  /** Every mention found, sorted by offset, with its entity's id. */
  mentions: (Mention & { entityId: string })[]
}

export function extractEntities(text: string): EntityResult {
  const doc = nlp(text)
  const raw: Mention[] = []
  const take = (type: EntityType, view: { json: (o: object) => { offset: { start: number; length: number } }[] }): void => {
    for (const m of view.json({ offset: true, terms: false })) raw.push(...cleanMatches(text, m.offset.start, m.offset.start + m.offset.length, type))
  }
  take('person', doc.people() as never)
  take('organization', doc.organizations() as never)
  take('place', doc.places() as never)
  const all = words(text)
  raw.push(...fillIn(text, all, raw))

  // Acronyms given in brackets: "Afghan Interim Government (AIG)".
  const acronyms = new Map<string, string>()
  for (const m of text.matchAll(/([\p{Lu}][\p{L}’']*(?:\s+(?:for|of|and|[\p{Lu}][\p{L}’']*))+)\s+\(([\p{Lu}]{2,8})\)/gu)) {
    let full = m[1]!
    while (full.split(/\s+/u).length > 1 && STOP_CAPS.has(full.split(/\s+/u)[0]!)) full = full.split(/\s+/u).slice(1).join(' ')
    acronyms.set(m[2]!, bareName(full))
    const at = m.index + m[0].length - m[2]!.length - 1
    raw.push({ start: at, end: at + m[2]!.length, name: m[2]!, type: 'organization' })
    if (acronyms.size < MAX_ENTITIES) {
      const fs = m.index + m[0].indexOf(full)
      raw.push({ start: fs, end: fs + full.length, name: bareName(full), type: ORG_WORDS.test(full) ? 'organization' : 'organization' })
    }
  }

  const groups = new Map<string, Group>()
  const groupOf = new Map<string, Group>()
  const add = (m: Mention): void => {
    const key = normalKey(m.name)
    let g = groupOf.get(key)
    if (g === undefined) {
      if (groups.size >= MAX_ENTITIES) return
      g = { name: m.name, votes: { person: 0, organization: 0, place: 0 }, aliases: new Set(), mentions: [] }
      groups.set(key, g)
      groupOf.set(key, g)
    }
    g.votes[m.type]++
  }
  // Longest names first, so surnames and acronyms find the full name.
  for (const m of [...raw].sort((a, b) => b.name.length - a.name.length)) {
    const key = normalKey(m.name)
    if (groupOf.has(key)) {
      groupOf.get(key)!.votes[m.type]++
      continue
    }
    const full = acronyms.get(m.name)
    const target = full !== undefined ? groupOf.get(normalKey(full)) : aliasTarget(m, groups)
    if (target !== undefined) {
      target.aliases.add(m.name)
      groupOf.set(key, target)
      continue
    }
    add(m)
  }

  // Every occurrence of every name, not only those the tagger saw.
  const names = new Map<string, Group>()
  let longest = 1
  for (const [key, g] of groupOf) {
    names.set(key, g)
    longest = Math.max(longest, key.split(' ').length)
  }
  longest = Math.min(longest, 8)
  const mentions: (Mention & { entityId: string })[] = []
  const idOf = new Map<Group, string>()
  const usedIds = new Set<string>()
  for (const g of groups.values()) {
    let id = 'e:' + normalKey(g.name).replace(/[^\p{L}\p{N}]+/gu, '-').slice(0, 60)
    while (usedIds.has(id)) id += '+'
    usedIds.add(id)
    idOf.set(g, id)
  }
  for (let i = 0; i < all.length; i++) {
    if (!isCap(all[i]!.text)) continue
    for (let n = Math.min(longest, all.length - i); n >= 1; n--) {
      const last = all[i + n - 1]!
      const span = text.slice(all[i]!.start, last.end)
      if (n > 1 && /[^\p{L}\p{N}\s'’.-]/u.test(span)) continue
      const g = names.get(normalKey(span))
      if (g === undefined) continue
      const name = bareName(span)
      const type = typeOf(g)
      mentions.push({ start: all[i]!.start, end: all[i]!.start + name.length, name, type, entityId: idOf.get(g)! })
      g.mentions.push(mentions[mentions.length - 1]!)
      i += n - 1
      break
    }
  }

  const entities: Entity[] = []
  for (const g of groups.values()) {
    if (g.mentions.length === 0) continue
    entities.push({
      id: idOf.get(g)!,
      name: g.name,
      type: typeOf(g),
      aliases: [...g.aliases].filter((a) => normalKey(a) !== normalKey(g.name)),
      count: g.mentions.length,
      mentions: g.mentions.slice(0, MAX_MENTIONS_PER_ENTITY).map((m) => target(text, m.start, m.end)),
    })
  }
  entities.sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
  return { entities, mentions }
}

function typeOf(g: Group): EntityType {
  if (ORG_WORDS.test(g.name) && g.name.includes(' ')) return 'organization'
  const { person, organization, place } = g.votes
  if (person >= organization && person >= place) return 'person'
  return organization >= place ? 'organization' : 'place'
}

/** A surname to the one person it ends; an acronym to the one name it abbreviates. */
function aliasTarget(m: Mention, groups: Map<string, Group>): Group | undefined {
  if (m.name.includes(' ')) return undefined
  let found: Group | undefined
  for (const g of groups.values()) {
    const parts = g.name.split(/\s+/u)
    const surname = parts.length > 1 && parts[parts.length - 1] === m.name && g.votes.person > 0
    const acronym = /^\p{Lu}{2,}$/u.test(m.name) && parts.length > 1 && initials(g.name) === m.name
    if (surname || acronym) {
      if (found !== undefined && found !== g) return undefined
      found = g
    }
  }
  return found
}
