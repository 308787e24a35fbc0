// Shapes of the archive's files, checked on every read: a file edited by hand
// or damaged on disk is reported, not trusted.

import { z } from 'zod'
import { isSafeAssetName } from '../../../shared/ids'
import { DEFAULT_PREFERENCES, EDITABLE_FIELDS } from '../../../shared/types'
import { idSchema } from '../id-schema'

export const ARCHIVE_FORMAT = 1

const markSchema = z.object({
  kind: z.enum(['em', 'strong', 'code', 'link']),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  href: z.string().optional(),
})

export const blockSchema = z.object({
  id: z.string(),
  type: z.enum(['heading', 'paragraph', 'list-item', 'quote', 'caption', 'preformatted', 'figure', 'table-row']),
  text: z.string(),
  level: z.number().int().min(1).max(6).optional(),
  ordered: z.boolean().optional(),
  depth: z.number().int().nonnegative().optional(),
  page: z.number().int().positive().optional(),
  asset: z.string().refine(isSafeAssetName, 'not an image name Dossier stores').optional(),
  cells: z.array(z.string()).optional(),
  marks: z.array(markSchema).optional(),
})

export const articleMetaSchema = z.object({
  id: idSchema,
  title: z.string(),
  byline: z.string().optional(),
  source: z.string().optional(),
  url: z.string().optional(),
  publishedAt: z.string().optional(),
  addedAt: z.string(),
  updatedAt: z.string(),
  language: z.string().optional(),
  excerpt: z.string().optional(),
  tags: z.array(z.string()),
  format: z.enum(['text', 'markdown', 'html', 'pdf', 'url']),
  fileName: z.string().optional(),
  wordCount: z.number().int().nonnegative(),
  readingMinutes: z.number().int().nonnegative(),
  contentHash: z.string(),
  edited: z.array(z.enum(EDITABLE_FIELDS)).optional(),
  deletedAt: z.string().optional(),
})

export const catalogSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  articles: z.array(articleMetaSchema),
})
export type Catalog = z.infer<typeof catalogSchema>

export const bodySchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  id: idSchema,
  blocks: z.array(blockSchema),
})
export type Body = z.infer<typeof bodySchema>

const readingPositionSchema = z.object({
  blockId: z.string(),
  fraction: z.number().min(0).max(1),
  updatedAt: z.string(),
})

export const preferencesSchema = z.object({
  theme: z.enum(['light', 'sepia', 'dark']),
  fontSize: z.number().int().min(12).max(32),
  lineWidth: z.number().int().min(40).max(100),
  userName: z.string().max(80),
})

export const stateSchema = z.object({
  format: z.literal(ARCHIVE_FORMAT),
  preferences: preferencesSchema.default(DEFAULT_PREFERENCES),
  positions: z.record(idSchema, readingPositionSchema).default({}),
  /** Whether the welcome article was added once; deleting it must not bring it back. */
  welcomed: z.boolean().default(false),
})
export type State = z.infer<typeof stateSchema>
