// Shapes of a shared notes file (the JSON export), checked item by item so one
// damaged item is skipped and named rather than sinking the whole file.

import { z } from 'zod'
import { MAX_AUTHOR_LENGTH, MAX_HISTORY, MAX_NOTE_LENGTH, MAX_NOTE_TAG_LENGTH, MAX_NOTE_TAGS, MAX_RELATION_LENGTH } from '../../../shared/field-limits'
import { HIGHLIGHT_COLORS, type PassageTarget } from '../../../shared/notes'
import { articleMetaSchema, blockSchema } from '../archive/schema'
import { ANNOTATION_IRI, ARTICLE_IRI, LINK_IRI } from '../export/json-ld'
import { idSchema } from '../id-schema'

/** A quoted passage and its context; notes have their own, smaller limit. */
const MAX_TEXT = 200_000

const timestamp = z.iso.datetime({ offset: true })
const idAfter = (prefix: string) =>
  z
    .string()
    .startsWith(prefix, `must start with ${prefix}`)
    .transform((value) => value.slice(prefix.length))
    .pipe(idSchema)

/** The envelope of format 1, read first: it decides whether the rest is ours to read at all. */
export const envelopeV1Schema = z.object({
  type: z.literal('AnnotationCollection'),
  first: z.object({ items: z.array(z.unknown()) }),
  dossier: z.object({
    formatVersion: z.number().int().positive(),
    appVersion: z.string().max(50),
    exportedAt: z.string().max(50),
    articles: z.array(z.unknown()),
    referencedArticles: z.array(z.object({ id: z.string().max(200), title: z.string().max(1000) })).max(100_000).optional(),
  }),
})

/** Format 2: every field a term of the @context, the articles at the top level under Dossier's names. */
export const envelopeV2Schema = z.object({
  type: z.literal('AnnotationCollection'),
  formatVersion: z.number().int().positive(),
  generator: z.object({ softwareVersion: z.string().max(50) }),
  generated: z.string().max(50),
  first: z.object({ items: z.array(z.unknown()) }),
  articles: z.array(z.unknown()),
  referencedArticles: z
    .array(z.object({ id: idAfter(ARTICLE_IRI), title: z.string().max(1000) }))
    .max(100_000)
    .optional(),
})

export const sharedArticleSchema = articleMetaSchema.extend({ blocks: z.array(blockSchema).optional() })

export const quoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1).max(MAX_TEXT),
  prefix: z.string().max(MAX_TEXT).default(''),
  suffix: z.string().max(MAX_TEXT).default(''),
})

export const positionSelectorSchema = z
  .object({ type: z.literal('TextPositionSelector'), start: z.number().int().nonnegative(), end: z.number().int().nonnegative() })
  .refine((p) => p.start <= p.end, 'TextPositionSelector ends before it starts')

/**
 * A target as Dossier writes it: both selectors, and the article as `article`
 * (format 2, where `source` is the web address when there is one) or as
 * `source` (format 1). `annotation` names the highlight a link end is on.
 */
export const targetSchema = z
  .object({
    source: z.string(),
    article: idAfter(ARTICLE_IRI).optional(),
    annotation: idAfter(ANNOTATION_IRI).optional(),
    selector: z.array(z.looseObject({ type: z.string() })).max(10),
  })
  .transform((target, ctx) => {
    const quote = quoteSelectorSchema.safeParse(target.selector.find((s) => s.type === 'TextQuoteSelector'))
    const position = positionSelectorSchema.safeParse(target.selector.find((s) => s.type === 'TextPositionSelector'))
    if (!quote.success || !position.success) {
      ctx.addIssue({ code: 'custom', message: 'target needs a valid TextQuoteSelector and TextPositionSelector' })
      return z.NEVER
    }
    const articleId = target.article ?? idAfter(ARTICLE_IRI).safeParse(target.source).data
    if (articleId === undefined) {
      ctx.addIssue({ code: 'custom', message: `target names no Dossier article (an article ${ARTICLE_IRI} id)` })
      return z.NEVER
    }
    const end: PassageTarget & { annotationId?: string } = { articleId, quote: quote.data, position: position.data }
    if (target.annotation !== undefined) end.annotationId = target.annotation
    return end
  })

const textualBody = z.object({
  type: z.literal('TextualBody'),
  value: z.string().max(MAX_NOTE_LENGTH),
  purpose: z.string().optional(),
})
const specificBody = z.looseObject({ type: z.literal('SpecificResource'), source: z.string(), selector: z.array(z.unknown()) })
const bodies = z
  .union([textualBody, specificBody, z.array(z.union([textualBody, specificBody])).max(MAX_NOTE_TAGS + 3)])
  .optional()
  .transform((body) => (body === undefined ? [] : Array.isArray(body) ? body : [body]))

const creatorSchema = z
  .union([z.string().max(MAX_AUTHOR_LENGTH), z.object({ name: z.string().max(MAX_AUTHOR_LENGTH) })])
  .optional()
  .transform((creator) => (creator === undefined ? '' : typeof creator === 'string' ? creator : creator.name))

const historyEntry = z.object({
  note: z.string().max(MAX_NOTE_LENGTH),
  tags: z.array(z.string().max(MAX_NOTE_TAG_LENGTH)).max(MAX_NOTE_TAGS),
  color: z.enum(HIGHLIGHT_COLORS),
  author: z.string().max(MAX_AUTHOR_LENGTH),
  modified: timestamp,
})

export const annotationItemSchema = z.object({
  id: idAfter(ANNOTATION_IRI),
  type: z.literal('Annotation'),
  created: timestamp,
  modified: timestamp,
  creator: creatorSchema,
  body: bodies,
  target: targetSchema,
  color: z.enum(HIGHLIGHT_COLORS).optional(),
  history: z.array(historyEntry).max(MAX_HISTORY).optional(),
  /** Format 1 kept colour and history here. */
  dossier: z
    .object({ color: z.enum(HIGHLIGHT_COLORS), history: z.array(historyEntry).max(MAX_HISTORY).optional() })
    .optional(),
})

export const linkItemSchema = z.object({
  id: idAfter(LINK_IRI),
  type: z.literal('Annotation'),
  motivation: z.literal('linking'),
  created: timestamp,
  modified: timestamp,
  creator: creatorSchema,
  body: bodies,
  target: targetSchema,
  relation: z.string().min(1).max(MAX_RELATION_LENGTH).optional(),
  /** Format 1 kept the relation and the ends' annotations here. */
  dossier: z
    .object({
      relation: z.string().min(1).max(MAX_RELATION_LENGTH),
      fromAnnotationId: idSchema.optional(),
      toAnnotationId: idSchema.optional(),
    })
    .optional(),
}).refine((item) => item.relation !== undefined || item.dossier !== undefined, { message: 'a link needs its relation', path: ['relation'] })

/** The first problems zod found, short enough for a message to the user. */
export function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ')
}
