// The Notebook's one list: highlights and links side by side, newest first,
// and the filters the analyst narrows it with. Pure, so it is tested as data.

import type { LinkEntry, NotebookAnnotation } from '../../../shared/api/notes'
import type { HighlightColor, PassageTarget } from '../../../shared/notes'

export type NotebookEntry =
  | { kind: 'annotation'; id: string; created: string; item: NotebookAnnotation }
  | { kind: 'link'; id: string; created: string; item: LinkEntry }

export interface NotebookFilter {
  /** Show highlights, links or both. */
  kind: 'all' | 'annotation' | 'link'
  /** Highlights carrying this tag (links carry none, so they are hidden). */
  tag?: string
  /** Highlights of this colour (links are hidden). */
  color?: HighlightColor
  /** Links with this relation (highlights are hidden). */
  relation?: string
  /** Highlights in this article, links with either end in it. */
  articleId?: string
  /** Local calendar days, YYYY-MM-DD, inclusive. */
  since?: string
  until?: string
  /** Case-insensitive words, each found in the quote, note, tags, relation, author or title. */
  text?: string
}

export const EMPTY_FILTER: NotebookFilter = { kind: 'all' }

export function toEntries(annotations: readonly NotebookAnnotation[], links: readonly LinkEntry[]): NotebookEntry[] {
  const entries: NotebookEntry[] = [
    ...annotations.map((item) => ({ kind: 'annotation' as const, id: item.id, created: item.created, item })),
    ...links.map((item) => ({ kind: 'link' as const, id: item.id, created: item.created, item })),
  ]
  return entries.sort((a, b) => b.created.localeCompare(a.created) || a.id.localeCompare(b.id))
}

/** The local calendar day of an ISO timestamp, YYYY-MM-DD; '' when it is not a date. */
export function localDay(iso: string): string {
  const at = new Date(iso)
  if (Number.isNaN(at.getTime())) return ''
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())}`
}

const DAY = /^\d{4}-\d{2}-\d{2}$/

function inDays(created: string, since: string | undefined, until: string | undefined): boolean {
  const day = localDay(created)
  // A half-typed date bound is ignored rather than hiding everything.
  if (since !== undefined && DAY.test(since) && !(day >= since)) return false
  if (until !== undefined && DAY.test(until) && !(day <= until)) return false
  return true
}

/** Every word of the query must occur in one of the fields, so "46 contradicts" narrows. */
function matchesText(fields: readonly string[], text: string | undefined): boolean {
  const words = (text ?? '').toLowerCase().split(/\s+/).filter(Boolean)
  if (words.length === 0) return true
  const haystack = fields.join('\n').toLowerCase()
  return words.every((word) => haystack.includes(word))
}

function textOf(entry: NotebookEntry): string[] {
  if (entry.kind === 'annotation') {
    const a = entry.item
    return [a.target.quote.exact, a.note, ...a.tags, a.author, a.articleTitle]
  }
  const l = entry.item
  return [l.from.quote.exact, l.to.quote.exact, l.note, l.relation, relationLabel(l.relation), l.author, l.fromTitle, l.toTitle]
}

export function matchesEntry(entry: NotebookEntry, filter: NotebookFilter): boolean {
  if (filter.kind !== 'all' && entry.kind !== filter.kind) return false
  if (!inDays(entry.created, filter.since, filter.until)) return false
  if (entry.kind === 'annotation') {
    const a = entry.item
    if (filter.relation !== undefined) return false
    if (filter.tag !== undefined && !a.tags.some((tag) => tag.toLowerCase() === filter.tag?.toLowerCase())) return false
    if (filter.color !== undefined && a.color !== filter.color) return false
    if (filter.articleId !== undefined && a.target.articleId !== filter.articleId) return false
  } else {
    const l = entry.item
    if (filter.tag !== undefined || filter.color !== undefined) return false
    if (filter.relation !== undefined && l.relation !== filter.relation) return false
    if (filter.articleId !== undefined && l.from.articleId !== filter.articleId && l.to.articleId !== filter.articleId) return false
  }
  return matchesText(textOf(entry), filter.text)
}

export function filterEntries(entries: readonly NotebookEntry[], filter: NotebookFilter): NotebookEntry[] {
  return entries.filter((entry) => matchesEntry(entry, filter))
}

/** "same-event" reads as "same event"; custom labels are shown as the user wrote them. */
export function relationLabel(relation: string): string {
  return relation === 'same-event' ? 'same event' : relation
}

/** Articles that notes point into, by title, for the article filter. */
export function articlesOf(entries: readonly NotebookEntry[]): { id: string; title: string }[] {
  const titles = new Map<string, string>()
  for (const entry of entries) {
    if (entry.kind === 'annotation') titles.set(entry.item.target.articleId, entry.item.articleTitle)
    else {
      titles.set(entry.item.from.articleId, entry.item.fromTitle)
      titles.set(entry.item.to.articleId, entry.item.toTitle)
    }
  }
  return [...titles].map(([id, title]) => ({ id, title: title || 'Missing article' })).sort((a, b) => a.title.localeCompare(b.title))
}

/** The passage an entry opens: a highlight's own, a link's starting end. */
export function primaryTarget(entry: NotebookEntry): PassageTarget {
  return entry.kind === 'annotation' ? entry.item.target : entry.item.from
}
