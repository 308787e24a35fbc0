// Last check before a plan touches disk: every item must be one the notes
// store will read back, and every new article id must be a safe file name.
// Whatever fails is moved to `skipped` with its reason, so a merge is partial
// and says so, never a file the archive cannot open afterwards.

import { annotationSchema, passageLinkSchema, SAFE_KEY } from '../notes/schema'
import type { MergePlan } from './plan-merge'

export function guardPlan(plan: MergePlan, heldArticleIds: ReadonlySet<string>): MergePlan {
  const skipped = [...plan.skipped]
  const unsafe = new Set<string>()
  const addArticles = plan.addArticles.filter((article) => {
    if (SAFE_KEY.test(article.id)) return true
    unsafe.add(article.id)
    skipped.push({ kind: 'article', id: article.id.slice(0, 80), reason: `“${article.title}” has an id Dossier cannot store` })
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
      skipped.push({ kind, id: item.id, reason })
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
