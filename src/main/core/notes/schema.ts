// Shapes of the notes store's files, checked on every read: a shard edited by
// hand or damaged on disk is reported and recovered, never trusted.

import { z } from 'zod'
import { HIGHLIGHT_COLORS, type Annotation, type PassageLink } from '../../../shared/notes'
import { idSchema } from '../id-schema'
import { bucketOf } from './buckets'

export const NOTES_FORMAT = 1


export const quoteSelectorSchema = z.object({
  type: z.literal('TextQuoteSelector'),
  exact: z.string(),
  prefix: z.string(),
  suffix: z.string(),
})

export const positionSelectorSchema = z
  .object({
    type: z.literal('TextPositionSelector'),
    start: z.number().int().nonnegative(),
    end: z.number().int().nonnegative(),
  })
  .refine((p) => p.start <= p.end, 'position start is after its end')

export const passageTargetSchema = z.object({
  articleId: idSchema,
  quote: quoteSelectorSchema,
  position: positionSelectorSchema,
})

const colorSchema = z.enum(HIGHLIGHT_COLORS)

export const annotationSchema = z.object({
  id: idSchema,
  target: passageTargetSchema,
  color: colorSchema,
  note: z.string(),
  tags: z.array(z.string()),
  author: z.string(),
  created: z.string(),
  modified: z.string(),
  history: z
    .array(z.object({ note: z.string(), tags: z.array(z.string()), color: colorSchema, author: z.string(), modified: z.string() }))
    .optional(),
}) satisfies z.ZodType<Annotation>

const linkEndSchema = passageTargetSchema.extend({ annotationId: idSchema.optional() })

export const passageLinkSchema = z.object({
  id: idSchema,
  from: linkEndSchema,
  to: linkEndSchema,
  relation: z.string().min(1),
  note: z.string(),
  author: z.string(),
  created: z.string(),
  modified: z.string(),
}) satisfies z.ZodType<PassageLink>

/** One shard file: the items of the articles whose ids hash to its bucket. */
export interface Shard<T> {
  format: typeof NOTES_FORMAT
  items: T[]
}

/** Validates a shard and that every item is filed in the bucket its article hashes to. */
export function shardValidator<T>(
  item: z.ZodType<T>,
  articleOf: (value: T) => string,
): (bucket: string) => (data: unknown) => Shard<T> {
  const schema = z.object({ format: z.literal(NOTES_FORMAT), items: z.array(item) })
  return (bucket) => (data) => {
    const shard = schema.parse(data) as Shard<T>
    const stray = shard.items.find((value) => bucketOf(articleOf(value)) !== bucket)
    if (stray !== undefined) throw new Error(`article ${articleOf(stray)} is not filed in bucket ${bucket}`)
    return shard
  }
}
