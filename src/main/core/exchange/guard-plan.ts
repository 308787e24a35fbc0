// Last check before a plan touches disk: every item must be one the notes
// store will read back, every new article id must pass the id rule, and every
// field must fit the limits the API holds typed input to. Whatever fails is
// moved to `skipped` with its reason, so a merge is partial and says so, never
// a file the archive cannot open afterwards.

import { idProblem } from '../../../shared/ids'
import {
  MAX_BYLINE_LENGTH,
  MAX_DATE_LENGTH,
  MAX_EXCERPT_LENGTH,
  MAX_FILE_NAME_LENGTH,
  MAX_MERGE_ARTICLE_CHARS,
  MAX_MERGE_BLOCKS,
  MAX_ARTICLE_TAG_LENGTH,
  MAX_ARTICLE_TAGS,
  MAX_SOURCE_LENGTH,
  MAX_TITLE_LENGTH,
  MAX_URL_LENGTH,
} from '../../../shared/field-limits'
import type { Article } from '../../../shared/types'
import { annotationSchema, passageLinkSchema } from '../notes/schema'
import type { MergePlan } from './plan-merge'

const FIELD_LIMITS = [
  ['title', MAX_TITLE_LENGTH],
  ['byline', MAX_BYLINE_LENGTH],
  ['source', MAX_SOURCE_LENGTH],
  ['url', MAX_URL_LENGTH],
  ['excerpt', MAX_EXCERPT_LENGTH],
  ['fileName', MAX_FILE_NAME_LENGTH],
  ['publishedAt', MAX_DATE_LENGTH],
  ['language', MAX_DATE_LENGTH],
] as const

/** Why an incoming article may not be stored, or undefined when it may. */
export function articleProblem(article: Article): string | undefined {
  const id = idProblem(article.id)
  if (id !== undefined) return `its id cannot be stored (${id})`
  for (const [field, max] of FIELD_LIMITS) {
    const value = article[field]
    if (typeof value === 'string' && value.length > max) return `its ${field} is ${value.length} characters, more than the ${max} Dossier keeps`
  }
  if (article.tags.length > MAX_ARTICLE_TAGS) return `it has ${article.tags.length} tags, more than the ${MAX_ARTICLE_TAGS} an article may have`
  if (article.tags.some((tag) => tag.length > MAX_ARTICLE_TAG_LENGTH)) return `a tag is longer than the ${MAX_ARTICLE_TAG_LENGTH} characters a tag may have`
  if (article.blocks.length > MAX_MERGE_BLOCKS) return `its text has ${article.blocks.length} blocks, more than the ${MAX_MERGE_BLOCKS} an article may have`
  const chars = article.blocks.reduce((sum, block) => sum + block.text.length + (block.cells ?? []).reduce((n, cell) => n + cell.length, 0), 0)
  if (chars > MAX_MERGE_ARTICLE_CHARS) return `its text is ${chars} characters, more than the ${MAX_MERGE_ARTICLE_CHARS} an article may have`
  return undefined
}

export function guardPlan(plan: MergePlan, heldArticleIds: ReadonlySet<string>): MergePlan {
  const skipped = [...plan.skipped]
  const unsafe = new Set<string>()
  const addArticles = plan.addArticles.filter((article) => {
    const problem = articleProblem(article)
    if (problem === undefined) return true
    unsafe.add(article.id)
    skipped.push({ kind: 'article', id: article.id.slice(0, 80), reason: `“${article.title.slice(0, 120)}” was not added: ${problem}` })
    return false
  })
  const known = new Set([...heldArticleIds, ...addArticles.map((a) => a.id)])
  const why = (ids: string[]): string | undefined => {
    const gone = ids.find((id) => !known.has(id))
    if (gone === undefined) return undefined
    return unsafe.has(gone) ? 'its article could not be stored' : 'its article is neither in the file nor in this archive'
  }
  const keep = <T extends { id: string }>(kind: 'annotation' | 'link', items: T[], articles: (item: T) => string[], valid: (item: T) => string | undefined): T[] =>
    items.filter((item) => {
      const reason = why(articles(item)) ?? valid(item)
      if (reason === undefined) return true
      skipped.push({ kind, id: item.id.slice(0, 80), reason })
      return false
    })
  const checkAnnotation = (item: unknown): string | undefined => {
    const parsed = annotationSchema.safeParse(item)
    return parsed.success ? undefined : `it is not an annotation this Dossier can store (${parsed.error.issues[0]?.message ?? 'invalid'})`
  }
  const checkLink = (item: unknown): string | undefined => {
    const parsed = passageLinkSchema.safeParse(item)
    return parsed.success ? undefined : `it is not a link this Dossier can store (${parsed.error.issues[0]?.message ?? 'invalid'})`
  }
  return {
    ...plan,
    addArticles,
    addAnnotations: keep('annotation', plan.addAnnotations, (a) => [a.target.articleId], checkAnnotation),
    replaceAnnotations: keep('annotation', plan.replaceAnnotations, (a) => [a.target.articleId], checkAnnotation),
    addLinks: keep('link', plan.addLinks, (l) => [l.from.articleId, l.to.articleId], checkLink),
    replaceLinks: keep('link', plan.replaceLinks, (l) => [l.from.articleId, l.to.articleId], checkLink),
    skipped,
  }
}
