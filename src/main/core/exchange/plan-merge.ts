// Plans bringing a colleague's notes into the archive, without touching it.
// The plan is the whole change (articles, annotations and links to add or
// replace) so the caller applies it in one atomic step. Rules, stated to users:
// - an article already held (same id, same canonical URL or same text) is not
//   added again, and incoming notes are moved onto the one already held;
// - items identical to what is held change nothing, so importing twice is a no-op;
// - an item edited on both sides: the newest `modified` wins (ties keep ours) and
//   the other version goes into the annotation's history; both are reported.

import { isDeepStrictEqual } from 'node:util'
import type { Annotation, PassageLink, PassageTarget } from '../../../shared/notes'
import type { Article, ArticleMeta } from '../../../shared/types'
import { canonicalUrl } from '../archive/text-stats'
import type { ParsedShare, SkippedItem } from './parse-shared-notes'

export interface MergeState {
  articles: ArticleMeta[]
  annotations: Annotation[]
  links: PassageLink[]
}

export interface ArticleMatch {
  incomingId: string
  existingId: string
  by: 'id' | 'url' | 'content'
}

export interface MergeConflict {
  kind: 'annotation' | 'link'
  id: string
  winner: 'incoming' | 'current'
  currentModified: string
  incomingModified: string
  /** For the report: what happened, in a sentence. */
  message: string
}

export interface MergePlan {
  fileName: string
  /** New articles, with their blocks, under the ids they came with. */
  addArticles: Article[]
  matchedArticles: ArticleMatch[]
  addAnnotations: Annotation[]
  /** Whole replacements for annotations already held (same id). */
  replaceAnnotations: Annotation[]
  addLinks: PassageLink[]
  replaceLinks: PassageLink[]
  unchanged: { articles: number; annotations: number; links: number }
  conflicts: MergeConflict[]
  /** Everything not imported, with the reason: the file's own skips first. */
  skipped: SkippedItem[]
}

type Version = NonNullable<Annotation['history']>[number]

const versionOf = (a: Annotation): Version => ({ note: a.note, tags: a.tags, color: a.color, author: a.author, modified: a.modified })

const byModified = (a: Version, b: Version): number => (a.modified < b.modified ? -1 : a.modified > b.modified ? 1 : 0)

/**
 * Newest wins, ties keep ours; the losing version and the other side's history
 * are appended to our history unless already there, so a repeat import adds nothing.
 */
function resolveAnnotation(current: Annotation, incoming: Annotation): { merged: Annotation; winner: 'incoming' | 'current' } {
  const winner = incoming.modified > current.modified ? 'incoming' : 'current'
  const [won, lost] = winner === 'incoming' ? [incoming, current] : [current, incoming]
  const history = [...(current.history ?? [])]
  let added = false
  for (const version of [...(incoming.history ?? []), versionOf(lost)].sort(byModified)) {
    if (isDeepStrictEqual(version, versionOf(won)) || history.some((kept) => isDeepStrictEqual(kept, version))) continue
    history.push(version)
    added = true
  }
  if (winner === 'current' && !added) return { merged: current, winner }
  const { history: _replaced, ...rest } = won
  return { merged: history.length > 0 ? { ...rest, history } : rest, winner }
}

const sameContent = (a: Annotation, b: Annotation): boolean =>
  isDeepStrictEqual({ ...versionOf(a), target: a.target }, { ...versionOf(b), target: b.target })

export function planMerge(current: MergeState, incoming: ParsedShare): MergePlan {
  const plan: MergePlan = {
    fileName: incoming.fileName,
    addArticles: [],
    matchedArticles: [],
    addAnnotations: [],
    replaceAnnotations: [],
    addLinks: [],
    replaceLinks: [],
    unchanged: { articles: 0, annotations: 0, links: 0 },
    conflicts: [],
    skipped: [...incoming.skipped],
  }
  const held = new Map(current.articles.map((a) => [a.id, a]))
  const byUrl = new Map<string, string>()
  const byHash = new Map<string, string>()
  const remember = (meta: ArticleMeta): void => {
    const url = canonicalUrl(meta.url)
    if (url !== undefined && !byUrl.has(url)) byUrl.set(url, meta.id)
    if (!byHash.has(meta.contentHash)) byHash.set(meta.contentHash, meta.id)
  }
  current.articles.forEach(remember)

  // Incoming article id → the id its notes go under in this archive.
  const articleIdMap = new Map<string, string>()
  for (const { blocks, ...meta } of incoming.articles) {
    const url = canonicalUrl(meta.url)
    const match: ArticleMatch | undefined = held.has(meta.id)
      ? { incomingId: meta.id, existingId: meta.id, by: 'id' }
      : url !== undefined && byUrl.has(url)
        ? { incomingId: meta.id, existingId: byUrl.get(url) ?? meta.id, by: 'url' }
        : byHash.has(meta.contentHash)
          ? { incomingId: meta.id, existingId: byHash.get(meta.contentHash) ?? meta.id, by: 'content' }
          : undefined
    if (match !== undefined) {
      articleIdMap.set(meta.id, match.existingId)
      if (match.by === 'id') plan.unchanged.articles += 1
      else plan.matchedArticles.push(match)
    } else if (blocks === undefined) {
      plan.skipped.push({ kind: 'article', id: meta.id, reason: `“${meta.title}” is not in this archive and the file does not carry its text` })
    } else {
      articleIdMap.set(meta.id, meta.id)
      held.set(meta.id, meta)
      remember(meta)
      plan.addArticles.push({ ...meta, blocks })
    }
  }

  const titleOf = (id: string): string =>
    incoming.articles.find((a) => a.id === id)?.title ?? incoming.referencedArticles.find((a) => a.id === id)?.title ?? id
  const resolve = <T extends PassageTarget>(target: T): T | undefined => {
    const id = articleIdMap.get(target.articleId) ?? (held.has(target.articleId) ? target.articleId : undefined)
    return id === undefined ? undefined : { ...target, articleId: id }
  }
  const missing = (articleId: string): string => `its article “${titleOf(articleId)}” is neither in the file nor in this archive`

  const heldAnnotations = new Map(current.annotations.map((a) => [a.id, a]))
  const finalAnnotations = new Set(heldAnnotations.keys())
  for (const raw of incoming.annotations) {
    const target = resolve(raw.target)
    if (target === undefined) {
      plan.skipped.push({ kind: 'annotation', id: raw.id, reason: missing(raw.target.articleId) })
      continue
    }
    const annotation = { ...raw, target }
    const mine = heldAnnotations.get(annotation.id)
    if (mine === undefined) {
      plan.addAnnotations.push(annotation)
      finalAnnotations.add(annotation.id)
      continue
    }
    const { merged, winner } = resolveAnnotation(mine, annotation)
    if (isDeepStrictEqual(merged, mine)) {
      plan.unchanged.annotations += 1
      continue
    }
    plan.replaceAnnotations.push(merged)
    if (!sameContent(mine, annotation)) {
      plan.conflicts.push({
        kind: 'annotation',
        id: annotation.id,
        winner,
        currentModified: mine.modified,
        incomingModified: annotation.modified,
        message: `Annotation on “${titleOf(target.articleId)}” differs: the ${winner === 'incoming' ? 'shared' : 'local'} version is newer and was kept; the other is kept in its history`,
      })
    }
  }

  const heldLinks = new Map(current.links.map((l) => [l.id, l]))
  // A link end keeps its annotation only if that annotation will exist after the merge.
  const attach = <T extends PassageTarget & { annotationId?: string }>(end: T): T => {
    if (end.annotationId === undefined || finalAnnotations.has(end.annotationId)) return end
    const { annotationId: _gone, ...bare } = end
    return bare as T
  }
  for (const raw of incoming.links) {
    const from = resolve(raw.from)
    const to = resolve(raw.to)
    if (from === undefined || to === undefined) {
      plan.skipped.push({ kind: 'link', id: raw.id, reason: missing((from === undefined ? raw.from : raw.to).articleId) })
      continue
    }
    const link: PassageLink = { ...raw, from: attach(from), to: attach(to) }
    const mine = heldLinks.get(link.id)
    if (mine === undefined) {
      plan.addLinks.push(link)
    } else if (isDeepStrictEqual(mine, link)) {
      plan.unchanged.links += 1
    } else if (link.modified > mine.modified) {
      plan.replaceLinks.push(link)
      plan.conflicts.push({
        kind: 'link',
        id: link.id,
        winner: 'incoming',
        currentModified: mine.modified,
        incomingModified: link.modified,
        // PassageLink has no history field, so the replaced version is named here instead.
        message: `Link “${link.relation}” differs: the shared version is newer and replaced the local one (was “${mine.relation}”: ${mine.note || 'no note'})`,
      })
    } else {
      plan.conflicts.push({
        kind: 'link',
        id: link.id,
        winner: 'current',
        currentModified: mine.modified,
        incomingModified: link.modified,
        message: `Link “${mine.relation}” differs: the local version is newer and was kept (shared: “${link.relation}”: ${link.note || 'no note'})`,
      })
    }
  }
  return plan
}

/** True when applying the plan would change nothing. */
export function isEmptyPlan(plan: MergePlan): boolean {
  return (
    plan.addArticles.length + plan.addAnnotations.length + plan.replaceAnnotations.length + plan.addLinks.length + plan.replaceLinks.length === 0
  )
}

/** The state after the plan, in memory: what the archive must hold once the plan is applied. */
export function applyMergePlan(state: MergeState, plan: MergePlan): MergeState {
  const replaceById = <T extends { id: string }>(items: T[], replacements: T[], additions: T[]): T[] => {
    const byId = new Map(replacements.map((item) => [item.id, item]))
    return [...items.map((item) => byId.get(item.id) ?? item), ...additions]
  }
  return {
    articles: [...state.articles, ...plan.addArticles.map(({ blocks: _blocks, ...meta }) => meta)],
    annotations: replaceById(state.annotations, plan.replaceAnnotations, plan.addAnnotations),
    links: replaceById(state.links, plan.replaceLinks, plan.addLinks),
  }
}
