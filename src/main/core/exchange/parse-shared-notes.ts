// Reads a colleague's JSON export. The file as a whole is refused (DossierFailure
// naming it) when it is too big, not JSON, not ours or from a newer Dossier;
// single damaged items are skipped and each is named with its reason.

import type { z } from 'zod'
import { MAX_MERGE_ARTICLES, MAX_MERGE_ITEMS } from '../../../shared/field-limits'
import type { Annotation, PassageLink, PassageTarget } from '../../../shared/notes'
import { DossierFailure } from '../../../shared/result'
import { contentHash, plainTextOf } from '../archive/text-stats'
import { articleFromWeb, SHARE_FORMAT_VERSION } from '../export/json-ld'
import type { ExportArticle } from '../export/selection'
import {
  annotationItemSchema,
  describeIssues,
  envelopeV1Schema,
  envelopeV2Schema,
  linkItemSchema,
  sharedArticleSchema,
  targetSchema,
} from './share-schema'

/** A notes file bigger than this is not notes; refusing early keeps memory bounded. */
export const MAX_SHARE_BYTES = 64 * 1024 * 1024

export interface SkippedItem {
  kind: 'article' | 'annotation' | 'link'
  /** The item's id when it could be read. */
  id?: string
  reason: string
}

export interface ParsedShare {
  fileName: string
  formatVersion: number
  appVersion: string
  exportedAt: string
  /** Described articles; those with blocks can be added to an archive that lacks them. */
  articles: ExportArticle[]
  /** Articles links point to that the file names but does not describe. */
  referencedArticles: { id: string; title: string }[]
  annotations: Annotation[]
  links: PassageLink[]
  skipped: SkippedItem[]
}

function readJson(bytes: Uint8Array, fileName: string): unknown {
  if (bytes.byteLength > MAX_SHARE_BYTES) {
    const mb = (n: number): string => `${(n / 1024 / 1024).toFixed(1)} MB`
    throw new DossierFailure('too-large', `${fileName} is ${mb(bytes.byteLength)}; shared notes files are limited to ${mb(MAX_SHARE_BYTES)}`, fileName)
  }
  if (bytes.byteLength === 0) throw new DossierFailure('empty-file', `${fileName} is empty`, fileName)
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes)
  } catch {
    throw new DossierFailure('parse-failed', `${fileName} is not UTF-8 text, so it is not a Dossier notes export`, fileName)
  }
  try {
    return JSON.parse(text)
  } catch (error) {
    const truncated = /end of (JSON )?input|Unterminated/i.test((error as Error).message)
    const why = truncated ? 'it ends too early (the file looks truncated)' : `it is not valid JSON (${(error as Error).message})`
    throw new DossierFailure('parse-failed', `${fileName} cannot be read: ${why}`, fileName)
  }
}

function idOf(item: unknown): string | undefined {
  if (typeof item !== 'object' || item === null || !('id' in item)) return undefined
  const id = (item as { id: unknown }).id
  if (typeof id !== 'string') return undefined
  // Same form as the ids of items that parse: the bare Dossier id.
  const bare = id.replace(/^urn:dossier:(article|annotation|link):/, '')
  return bare.slice(0, 200)
}

function isLinking(item: unknown): boolean {
  return typeof item === 'object' && item !== null && (item as { motivation?: unknown }).motivation === 'linking'
}

type Bodies = z.infer<typeof annotationItemSchema>['body']
const textsWith = (body: Bodies, purpose: string): string[] =>
  body.flatMap((part) => (part.type === 'TextualBody' && part.purpose === purpose ? [part.value] : []))

/** What both forms of a Dossier notes file hold, before its items are checked one by one. */
interface Envelope {
  formatVersion: number
  appVersion: string
  exportedAt: string
  articles: unknown[]
  referencedArticles: { id: string; title: string }[]
  items: unknown[]
}

/** The form of Dossier notes file: 1 (a `dossier` block), 2 (every field in the @context), or none of ours. */
function dossierForm(json: unknown): 1 | 2 | undefined {
  if (typeof json !== 'object' || json === null) return undefined
  if ('dossier' in json) return 1
  return 'formatVersion' in json ? 2 : undefined
}

function readEnvelope(json: unknown, fileName: string): Envelope {
  const form = dossierForm(json)
  const version = form === 1 ? (json as { dossier?: { formatVersion?: unknown } }).dossier?.formatVersion : (json as { formatVersion?: unknown } | null)?.formatVersion
  if (typeof version === 'number' && version > SHARE_FORMAT_VERSION) {
    throw new DossierFailure(
      'unsupported-format',
      `${fileName} was written by a newer Dossier (notes format ${version}); this Dossier reads format ${SHARE_FORMAT_VERSION}. Update Dossier to import it.`,
      fileName,
    )
  }
  const notOurs = (why: string): DossierFailure => new DossierFailure('unsupported-format', `${fileName} is not a Dossier notes export (${why})`, fileName)
  if (form === 1) {
    const envelope = envelopeV1Schema.safeParse(json)
    if (!envelope.success) throw notOurs(describeIssues(envelope.error))
    const { dossier, first } = envelope.data
    return { ...dossier, referencedArticles: dossier.referencedArticles ?? [], items: first.items }
  }
  const envelope = envelopeV2Schema.safeParse(json)
  if (!envelope.success) throw notOurs(describeIssues(envelope.error))
  const { data } = envelope
  return {
    formatVersion: data.formatVersion,
    appVersion: data.generator.softwareVersion,
    exportedAt: data.generated,
    articles: data.articles.map(articleFromWeb),
    referencedArticles: data.referencedArticles ?? [],
    items: data.first.items,
  }
}

export function parseSharedNotes(bytes: Uint8Array, fileName: string): ParsedShare {
  const json = readJson(bytes, fileName)
  const envelope = readEnvelope(json, fileName)
  const dossier = envelope
  const first = { items: envelope.items }
  const tooMany = (count: number, max: number, what: string): DossierFailure =>
    new DossierFailure('too-large', `${fileName} holds ${count} ${what}; one merge takes at most ${max}. Ask for an export of fewer articles.`, fileName)
  if (dossier.articles.length > MAX_MERGE_ARTICLES) throw tooMany(dossier.articles.length, MAX_MERGE_ARTICLES, 'articles')
  if (first.items.length > MAX_MERGE_ITEMS) throw tooMany(first.items.length, MAX_MERGE_ITEMS, 'annotations and links')
  const skipped: SkippedItem[] = []
  const skip = (kind: SkippedItem['kind'], id: string | undefined, reason: string): void => {
    skipped.push(id === undefined ? { kind, reason } : { kind, id, reason })
  }

  const articles: ExportArticle[] = []
  const articleIds = new Set<string>()
  for (const [position, raw] of dossier.articles.entries()) {
    const parsed = sharedArticleSchema.safeParse(raw)
    const id = idOf(raw)
    if (!parsed.success) skip('article', id, `article ${position + 1} is invalid: ${describeIssues(parsed.error)}`)
    else if (articleIds.has(parsed.data.id)) skip('article', id, 'the article appears twice in the file')
    else if (parsed.data.blocks !== undefined && contentHash(parsed.data.blocks) !== parsed.data.contentHash) {
      skip('article', id, 'its text does not match its content hash (the file was changed after export)')
    } else {
      articleIds.add(parsed.data.id)
      articles.push(parsed.data)
    }
  }

  // A selector past the end of an article the file carries cannot be real.
  const textLength = new Map(articles.flatMap((a) => (a.blocks ? [[a.id, plainTextOf(a.blocks).length] as const] : [])))
  const outOfRange = (target: Annotation['target']): boolean => target.position.end > (textLength.get(target.articleId) ?? Infinity)
  const annotations: Annotation[] = []
  const links: PassageLink[] = []
  const seen = new Set<string>()
  for (const [position, raw] of first.items.entries()) {
    const linking = isLinking(raw)
    const kind = linking ? 'link' : 'annotation'
    const parsed = linking ? linkItemSchema.safeParse(raw) : annotationItemSchema.safeParse(raw)
    if (!parsed.success) {
      skip(kind, idOf(raw), `item ${position + 1} is not a valid ${kind}: ${describeIssues(parsed.error)}`)
      continue
    }
    const key = `${kind}:${parsed.data.id}`
    if (seen.has(key)) {
      skip(kind, parsed.data.id, `the ${kind} appears twice in the file`)
      continue
    }
    seen.add(key)
    const ends = 'motivation' in parsed.data ? [parsed.data.target, linkEnd(parsed.data.body)] : [parsed.data.target]
    if (ends.some((end) => end !== undefined && outOfRange(end))) {
      skip(kind, parsed.data.id, `item ${position + 1} points past the end of its article's text`)
      continue
    }
    if ('motivation' in parsed.data && parsed.data.motivation === 'linking') {
      const item = parsed.data
      const to = linkEnd(item.body)
      if (to === undefined) {
        skip('link', item.id, `item ${position + 1} names no passage to link to`)
        continue
      }
      const fromAnnotationId = item.target.annotationId ?? item.dossier?.fromAnnotationId
      const toAnnotationId = to.annotationId ?? item.dossier?.toAnnotationId
      const bare = ({ annotationId: _id, ...end }: PassageTarget & { annotationId?: string }): PassageTarget => end
      links.push({
        id: item.id,
        from: fromAnnotationId === undefined ? bare(item.target) : { ...bare(item.target), annotationId: fromAnnotationId },
        to: toAnnotationId === undefined ? bare(to) : { ...bare(to), annotationId: toAnnotationId },
        relation: item.relation ?? item.dossier?.relation ?? '',
        note: textsWith(item.body, 'commenting').join('\n\n'),
        author: item.creator,
        created: item.created,
        modified: item.modified,
      })
    } else {
      const item = parsed.data as z.infer<typeof annotationItemSchema>
      const history = item.history ?? item.dossier?.history
      const { annotationId: _onItself, ...target } = item.target
      annotations.push({
        id: item.id,
        target,
        color: item.color ?? item.dossier?.color ?? 'yellow',
        note: textsWith(item.body, 'commenting').join('\n\n'),
        tags: textsWith(item.body, 'tagging'),
        author: item.creator,
        created: item.created,
        modified: item.modified,
        ...(history !== undefined && history.length > 0 ? { history } : {}),
      })
    }
  }
  return {
    fileName,
    formatVersion: dossier.formatVersion,
    appVersion: dossier.appVersion,
    exportedAt: dossier.exportedAt,
    articles,
    referencedArticles: dossier.referencedArticles,
    annotations,
    links,
    skipped,
  }
}

/** The far end of a link: the SpecificResource in its body. */
function linkEnd(body: Bodies): (PassageTarget & { annotationId?: string }) | undefined {
  const parsed = targetSchema.safeParse(body.find((part) => part.type === 'SpecificResource'))
  return parsed.success ? parsed.data : undefined
}
