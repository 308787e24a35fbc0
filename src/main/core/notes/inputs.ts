// What callers hand the notes store, checked before anything is stored: the
// service validates too, but core must not trust a caller to have done so.

import { HIGHLIGHT_COLORS, type HighlightColor, type PassageTarget } from '../../../shared/notes'
import { DossierFailure } from '../../../shared/result'
import { describeRange } from '../../../shared/anchoring'
import { isSafeId } from '../../../shared/ids'
import { MAX_NOTE_LENGTH, MAX_NOTE_TAG_LENGTH as MAX_TAG_LENGTH, MAX_NOTE_TAGS as MAX_TAGS, MAX_RELATION_LENGTH } from '../../../shared/field-limits'

export { MAX_NOTE_LENGTH, MAX_RELATION_LENGTH, MAX_TAG_LENGTH, MAX_TAGS }

/** A range of an article's plain text; the text is passed so selectors can be computed. */
export interface RangeInput {
  articleId: string
  plainText: string
  start: number
  end: number
}

export interface NewAnnotation extends RangeInput {
  color?: HighlightColor
  note?: string
  tags?: string[]
  author?: string
}

export interface AnnotationPatch {
  note?: string
  tags?: string[]
  color?: HighlightColor
}

/** A link end: an existing highlight, or a bare range (optionally tied to a highlight). */
export type LinkEndInput = { annotationId: string } | (RangeInput & { annotationId?: string })

export interface NewLink {
  from: LinkEndInput
  to: LinkEndInput
  relation: string
  note?: string
  author?: string
}

export interface LinkPatch {
  relation?: string
  note?: string
}

const invalid = (message: string): DossierFailure => new DossierFailure('invalid-argument', message)

export function checkArticleId(id: unknown): string {
  if (typeof id !== 'string' || !isSafeId(id)) throw invalid('not an article id')
  return id
}

export function targetFromRange(input: RangeInput): PassageTarget {
  const articleId = checkArticleId(input.articleId)
  const { plainText, start, end } = input
  if (typeof plainText !== 'string') throw invalid('the article text is missing')
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > plainText.length || start >= end) {
    throw invalid(`[${String(start)}, ${String(end)}) is not a passage of an article of ${plainText.length} characters`)
  }
  if (plainText.slice(start, end).trim() === '') throw invalid('the passage holds only white space')
  return { articleId, ...describeRange(plainText, start, end) }
}

export function checkColor(color: unknown): HighlightColor {
  if (!(HIGHLIGHT_COLORS as readonly unknown[]).includes(color)) throw invalid(`"${String(color)}" is not a highlight colour`)
  return color as HighlightColor
}

export function checkNote(note: unknown): string {
  if (typeof note !== 'string') throw invalid('a note must be text')
  if (note.length > MAX_NOTE_LENGTH) throw invalid(`a note may hold at most ${MAX_NOTE_LENGTH} characters`)
  return note
}

/** Trimmed, without empties or duplicates (case-insensitive), order kept. */
export function checkTags(tags: unknown): string[] {
  if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string')) throw invalid('tags must be a list of text')
  const seen = new Set<string>()
  const clean: string[] = []
  for (const raw of tags as string[]) {
    const tag = raw.trim()
    if (tag === '' || seen.has(tag.toLowerCase())) continue
    if (tag.length > MAX_TAG_LENGTH) throw invalid(`a tag may hold at most ${MAX_TAG_LENGTH} characters`)
    seen.add(tag.toLowerCase())
    clean.push(tag)
  }
  if (clean.length > MAX_TAGS) throw invalid(`at most ${MAX_TAGS} tags per note`)
  return clean
}

export function checkRelation(relation: unknown): string {
  if (typeof relation !== 'string' || relation.trim() === '') throw invalid('a link needs a relation')
  if (relation.trim().length > MAX_RELATION_LENGTH) throw invalid(`a relation may hold at most ${MAX_RELATION_LENGTH} characters`)
  return relation.trim()
}

export function checkAuthor(author: unknown): string {
  if (author === undefined) return ''
  if (typeof author !== 'string' || author.length > 80) throw invalid('an author is a name of at most 80 characters')
  return author
}
