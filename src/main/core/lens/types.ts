// What the analyst lens finds in one article. Every item points into the
// article's plain text with W3C selectors, so it anchors like a highlight.

import type { TextPositionSelector, TextQuoteSelector } from '../../../shared/notes'

/** Bumped whenever extraction changes; stored results of an older version are re-made in the background. */
export const ANALYSER_VERSION = 1

export type EntityType = 'person' | 'organization' | 'place'

export interface LensTarget {
  quote: TextQuoteSelector
  position: TextPositionSelector
}

export interface Entity {
  /** Stable within an article: derived from the canonical name. */
  id: string
  name: string
  type: EntityType
  /** Other names the article uses for it ("AIG", "Jadoon"). */
  aliases: string[]
  /** How often it is named (counted in full even when `mentions` is capped). */
  count: number
  mentions: LensTarget[]
}

export interface Speaker {
  name: string
  entityId?: string
  /** "spokesperson for Afghanistan's Defence Ministry", "Pakistani diplomat". */
  role?: string
}

export interface Quotation {
  id: string
  target: LensTarget
  text: string
  /** Direct: the words in quote marks or a quote block; reported: "X said that …". */
  kind: 'direct' | 'reported'
  speaker?: Speaker
}

export type Qualifier = 'at least' | 'over' | 'nearly' | 'about' | 'up to' | 'under'

export interface FigureSource {
  name: string
  entityId?: string
  /** How the source was found: speaker of the quote holding it, "according to X", or the subject that reports it. */
  via: 'quote' | 'according-to' | 'reported'
}

export interface Figure {
  id: string
  target: LensTarget
  text: string
  value: number
  qualifier?: Qualifier
  /** "$", "%", "million" folded into value; unit is what is left: "$", "%", "km". */
  unit?: string
  /** What is counted: "people", "militants", "violent incidents". */
  counts: string
  /** Broad measure the figure is about ("killed", "injured", "attacks"), for grouping. */
  measure?: string
  /** The event it belongs to ("strikes", "incidents"), for grouping. */
  event?: string
  source?: FigureSource
  /** Part of a breakdown ("including 15 suicide bombers", "570 … and 351 …"), not a total. */
  part?: boolean
}

export interface FigureGroup {
  id: string
  measure: string
  event: string
  figureIds: string[]
  /** Different sources give values outside the tolerance (see figures.ts). */
  contested: boolean
}

export type DatePrecision = 'day' | 'month' | 'year' | 'approximate'

export interface ResolvedDate {
  /** ISO dates (YYYY-MM-DD), inclusive. */
  start: string
  end: string
  precision: DatePrecision
}

export interface TimelineEvent {
  id: string
  /** The date expression. */
  target: LensTarget
  text: string
  date: ResolvedDate
  /** The sentence the date belongs to. */
  event: string
  eventTarget: LensTarget
  entityIds: string[]
}

export interface ArticleAnalysis {
  version: number
  entities: Entity[]
  quotes: Quotation[]
  figures: Figure[]
  groups: FigureGroup[]
  events: TimelineEvent[]
  /** The text was longer than the analyser reads; only its start was analysed. */
  truncated?: boolean
}

export interface AnalysisInput {
  text: string
  /** ISO date; relative dates ("last week") are resolved against it and left out without it. */
  publishedAt?: string
  /** Blocks with their types, when known: quote blocks are quotations without quote marks. */
  blocks?: { type: string; text: string }[]
}
