// Argument schemas of the notes API: renderer input is untrusted, so every
// range, colour, tag list and query is checked before the store sees it.

import { z } from 'zod'
import type { NotesApi } from '../../shared/api/notes'
import { HIGHLIGHT_COLORS } from '../../shared/notes'
import { annotationSchema, passageLinkSchema } from '../core/notes/schema'
import { MAX_NOTE_LENGTH, MAX_RELATION_LENGTH, MAX_TAG_LENGTH, MAX_TAGS } from '../core/notes'
import type { ArgSchemas } from './define'
import { idSchema } from './schemas'

const offset = z.number().int().nonnegative()
const color = z.enum(HIGHLIGHT_COLORS)
const note = z.string().max(MAX_NOTE_LENGTH)
const tags = z.array(z.string().max(MAX_TAG_LENGTH)).max(MAX_TAGS)
const relation = z.string().trim().min(1, 'a link needs a relation').max(MAX_RELATION_LENGTH)
const isoDate = z.string().max(40).refine((value) => !Number.isNaN(Date.parse(value)), 'not a date')
const query = z.string().max(200)
const ordered = (range: { start: number; end: number }) => range.start < range.end

const range = z.object({ articleId: idSchema, start: offset, end: offset }).strict().refine(ordered, 'start must come before end')
const linkEnd = z.union([z.object({ annotationId: idSchema }).strict(), range])

export const notesSchemas: ArgSchemas<NotesApi> = {
  createAnnotation: z.tuple([
    idSchema,
    z
      .object({ start: offset, end: offset, color: color.optional(), note: note.optional(), tags: tags.optional() })
      .strict()
      .refine(ordered, 'start must come before end'),
  ]),
  updateAnnotation: z.tuple([idSchema, z.object({ note: note.optional(), tags: tags.optional(), color: color.optional() }).strict()]),
  deleteAnnotation: z.tuple([idSchema]),
  restoreAnnotation: z.tuple([annotationSchema]),
  listAnnotations: z.tuple([idSchema]),
  listAllAnnotations: z.tuple([
    z
      .object({
        tag: query.optional(),
        color: color.optional(),
        articleId: idSchema.optional(),
        since: isoDate.optional(),
        until: isoDate.optional(),
        text: query.optional(),
      })
      .strict()
      .optional(),
  ]),
  createLink: z.tuple([z.object({ from: linkEnd, to: linkEnd, relation, note: note.optional() }).strict()]),
  updateLink: z.tuple([idSchema, z.object({ relation: relation.optional(), note: note.optional() }).strict()]),
  deleteLink: z.tuple([idSchema]),
  restoreLink: z.tuple([passageLinkSchema]),
  linksForArticle: z.tuple([idSchema]),
  listAllLinks: z.tuple([
    z
      .object({
        relation: query.optional(),
        articleId: idSchema.optional(),
        since: isoDate.optional(),
        until: isoDate.optional(),
        text: query.optional(),
      })
      .strict()
      .optional(),
  ]),
  listNoteTags: z.tuple([]),
  listRelations: z.tuple([]),
}
