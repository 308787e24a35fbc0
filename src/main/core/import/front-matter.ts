// Front matter / metadata fields (YAML values of any shape) → the document's metadata, validated.
import type { ImportedDocument } from '../../../shared/types'
import { safeLink, safeWebLink } from '../../../shared/links'

const str = (value: unknown): string | undefined => {
  if (typeof value === 'string') return value.trim().slice(0, 500) || undefined
  if (typeof value === 'number') return String(value)
  return undefined
}

function person(value: unknown): string | undefined {
  if (Array.isArray(value)) {
    const names = value.map(person).filter((n): n is string => n !== undefined)
    return names.length > 0 ? names.join(', ') : undefined
  }
  if (value !== null && typeof value === 'object' && 'name' in value) return str((value as { name: unknown }).name)
  return str(value)
}

/** YAML turns an unquoted date into a Date; keep the day as written (UTC), or a full timestamp when it has a time. */
export function isoDate(value: unknown): string | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined
    const iso = value.toISOString()
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso
  }
  const text = str(value)
  if (text === undefined) return undefined
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return text
  const parsed = new Date(text)
  return Number.isNaN(parsed.getTime()) ? undefined : parsed.toISOString()
}

function tagList(value: unknown): string[] | undefined {
  const raw = Array.isArray(value) ? value : typeof value === 'string' ? value.split(/[,;]/) : []
  const tags = raw.map(str).filter((t): t is string => t !== undefined && t.length <= 60)
  return tags.length > 0 ? [...new Set(tags)] : undefined
}

export function applyFrontMatter(doc: ImportedDocument, data: Record<string, unknown>): void {
  const title = str(data.title)
  if (title !== undefined) doc.title = title
  const byline = person(data.author ?? data.authors ?? data.byline)
  if (byline !== undefined) doc.byline = byline
  const date = isoDate(data.date ?? data.published ?? data.publishedAt ?? data.published_at)
  if (date !== undefined) doc.publishedAt = date
  const tags = tagList(data.tags ?? data.keywords)
  if (tags !== undefined) doc.tags = tags
  const url = [data.url, data.source_url, data.link, data.canonical, data.source].map((v) => safeWebLink(str(v))).find((u) => u !== undefined)
  if (url !== undefined) doc.url = url
  const source = str(data.source ?? data.site ?? data.publication)
  if (source !== undefined && safeLink(source) === undefined) doc.source = source
  const language = str(data.lang ?? data.language)
  if (language !== undefined && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/i.test(language)) doc.language = language
  const excerpt = str(data.description ?? data.summary ?? data.excerpt)
  if (excerpt !== undefined) doc.excerpt = excerpt
}
