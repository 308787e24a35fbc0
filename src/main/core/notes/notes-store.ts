// The archive's annotations and passage links, filed in small bucket files by
// article (see buckets.ts), so a save costs the same in an archive of 10
// articles or 50,000; an index built at open answers backlinks and notebook
// queries from memory.

import { randomUUID } from 'node:crypto'
import { mkdir } from 'node:fs/promises'
import { join } from 'node:path'
import type { Annotation, PassageLink, PassageTarget } from '../../../shared/notes'
import { DossierFailure } from '../../../shared/result'
import { removeTempFiles } from '../store/durable-file'
import { NotesBackups, type BackupOptions } from './backups'
import { byNewest, byReadingOrder, matchesAnnotation, matchesLink, type AnnotationFilter, type LinkFilter } from './filters'
import * as check from './inputs'
import { reanchorTarget } from './reanchor'
import { annotationSchema, passageLinkSchema, shardValidator } from './schema'
import { ShardSet } from './shard-set'

export interface NotesStoreOptions {
  /** Whether an article is still in the archive (trashed counts as existing); links to missing ones are broken. */
  articleExists?: (articleId: string) => boolean
  backups?: BackupOptions
  now?: () => Date
}

export type LinkView = PassageLink & { broken: boolean }

export interface ReanchorReport {
  articleId: string
  /** Targets found where they were stored. */
  unchanged: number
  /** Targets found elsewhere (or in edited text) whose selectors were updated. */
  moved: { id: string; kind: 'annotation' | 'link'; end?: 'from' | 'to'; method: 'position' | 'quote' | 'fuzzy' }[]
  /** Kept with their old selectors and quote, never dropped. */
  orphanedAnnotations: Annotation[]
  orphanedLinkEnds: { link: PassageLink; end: 'from' | 'to' }[]
}

const annotationArticle = (a: Annotation): string => a.target.articleId
/** A link is filed under the article it starts in; backlinks come from the index. */
const linkArticle = (l: PassageLink): string => l.from.articleId
const annotationShard = shardValidator(annotationSchema, annotationArticle)
const linkShard = shardValidator(passageLinkSchema, linkArticle)

export class NotesStore {
  private readonly annotationArticle = new Map<string, string>()
  private readonly linkArticle = new Map<string, string>()
  /** Backlinks: article id → ids of links whose `to` end is in it. */
  private readonly incoming = new Map<string, Set<string>>()
  private readonly articleExists: (articleId: string) => boolean
  private readonly now: () => Date

  private constructor(
    private readonly annotations: ShardSet<Annotation>,
    private readonly links: ShardSet<PassageLink>,
    readonly backups: NotesBackups,
    options: NotesStoreOptions,
  ) {
    this.articleExists = options.articleExists ?? (() => true)
    this.now = options.now ?? (() => new Date())
    for (const annotation of annotations.all()) this.annotationArticle.set(annotation.id, annotation.target.articleId)
    for (const link of links.all()) this.indexLink(link)
  }

  /** Opens the notes of the archive in `dir`, recovering damaged files, and takes a backup. */
  static async open(dir: string, options: NotesStoreOptions = {}): Promise<{ store: NotesStore; notices: string[] }> {
    const now = options.now ?? (() => new Date())
    const notesDir = join(dir, 'notes')
    await mkdir(join(notesDir, 'annotations'), { recursive: true })
    await mkdir(join(notesDir, 'links'), { recursive: true })
    // A kill mid-write leaves a temp file nothing refers to; the archive's lock makes this process their only writer.
    await removeTempFiles(join(notesDir, 'annotations'))
    await removeTempFiles(join(notesDir, 'links'))
    const backups = new NotesBackups(notesDir, join(dir, 'backups'), now, options.backups)
    const a = await ShardSet.load(notesDir, 'annotations', annotationShard, annotationArticle, backups, now)
    const l = await ShardSet.load(notesDir, 'links', linkShard, linkArticle, backups, now)
    const store = new NotesStore(a.set, l.set, backups, options)
    const notices = [...a.notices, ...l.notices]
    await backups.snapshot().catch((error: Error) => notices.push(`the notes backup failed: ${error.message}`))
    return { store, notices }
  }

  /** Waits for a background backup to finish; call before the archive folder goes away. */
  async close(): Promise<void> {
    await this.backups.idle()
  }

  // Annotations

  async createAnnotation(input: check.NewAnnotation): Promise<Annotation> {
    const target = check.targetFromRange(input)
    const stamp = this.now().toISOString()
    const annotation: Annotation = {
      id: randomUUID(),
      target,
      color: input.color === undefined ? 'yellow' : check.checkColor(input.color),
      note: input.note === undefined ? '' : check.checkNote(input.note),
      tags: input.tags === undefined ? [] : check.checkTags(input.tags),
      author: check.checkAuthor(input.author),
      created: stamp,
      modified: stamp,
    }
    await this.putAnnotation(annotation)
    return annotation
  }

  getAnnotation(id: string): Annotation | undefined {
    const articleId = this.annotationArticle.get(id)
    return articleId === undefined ? undefined : this.annotations.items(articleId).find((a) => a.id === id)
  }

  async updateAnnotation(id: string, patch: check.AnnotationPatch): Promise<Annotation> {
    const current = this.requireAnnotation(id)
    const updated: Annotation = {
      ...current,
      note: patch.note === undefined ? current.note : check.checkNote(patch.note),
      tags: patch.tags === undefined ? current.tags : check.checkTags(patch.tags),
      color: patch.color === undefined ? current.color : check.checkColor(patch.color),
      modified: this.now().toISOString(),
    }
    await this.annotations.commit(current.target.articleId, (items) => items.map((a) => (a.id === id ? updated : a)))
    return updated
  }

  /** Deletes a highlight and returns it, so the UI can undo with restoreAnnotation. Links to it are kept. */
  async deleteAnnotation(id: string): Promise<Annotation> {
    const current = this.requireAnnotation(id)
    await this.annotations.commit(current.target.articleId, (items) => items.filter((a) => a.id !== id))
    this.annotationArticle.delete(id)
    return current
  }

  /** Puts back a deleted highlight exactly as it was (undo). */
  async restoreAnnotation(annotation: Annotation): Promise<Annotation> {
    const parsed = annotationSchema.safeParse(annotation)
    if (!parsed.success) throw new DossierFailure('invalid-argument', `not an annotation: ${parsed.error.message}`)
    if (this.annotationArticle.has(parsed.data.id)) throw new DossierFailure('conflict', 'that annotation exists already')
    await this.putAnnotation(parsed.data)
    return parsed.data
  }

  /** An article's highlights in reading order. */
  listAnnotations(articleId: string): Annotation[] {
    return [...this.annotations.items(articleId)].sort(byReadingOrder)
  }

  /** Every highlight matching the filter, newest first. */
  listAllAnnotations(filter: AnnotationFilter = {}): Annotation[] {
    const scope = filter.articleId === undefined ? this.annotations.all() : this.annotations.items(filter.articleId)
    const found: Annotation[] = []
    for (const annotation of scope) if (matchesAnnotation(annotation, filter)) found.push(annotation)
    return found.sort(byNewest)
  }

  // Links

  async createLink(input: check.NewLink): Promise<LinkView> {
    const stamp = this.now().toISOString()
    const link: PassageLink = {
      id: randomUUID(),
      from: this.linkEnd(input.from),
      to: this.linkEnd(input.to),
      relation: check.checkRelation(input.relation),
      note: input.note === undefined ? '' : check.checkNote(input.note),
      author: check.checkAuthor(input.author),
      created: stamp,
      modified: stamp,
    }
    const same = (a: PassageTarget, b: PassageTarget) =>
      a.articleId === b.articleId && a.position.start === b.position.start && a.position.end === b.position.end
    if (same(link.from, link.to)) throw new DossierFailure('invalid-argument', 'a passage cannot be linked to itself')
    await this.putLink(link)
    return this.view(link)
  }

  getLink(id: string): LinkView | undefined {
    const link = this.findLink(id)
    return link === undefined ? undefined : this.view(link)
  }

  async updateLink(id: string, patch: check.LinkPatch): Promise<LinkView> {
    const current = this.requireLink(id)
    const updated: PassageLink = {
      ...current,
      relation: patch.relation === undefined ? current.relation : check.checkRelation(patch.relation),
      note: patch.note === undefined ? current.note : check.checkNote(patch.note),
      modified: this.now().toISOString(),
    }
    await this.links.commit(current.from.articleId, (items) => items.map((l) => (l.id === id ? updated : l)))
    return this.view(updated)
  }

  async deleteLink(id: string): Promise<PassageLink> {
    const current = this.requireLink(id)
    await this.links.commit(current.from.articleId, (items) => items.filter((l) => l.id !== id))
    this.linkArticle.delete(id)
    this.incoming.get(current.to.articleId)?.delete(id)
    return current
  }

  async restoreLink(link: PassageLink): Promise<LinkView> {
    const parsed = passageLinkSchema.safeParse(link)
    if (!parsed.success) throw new DossierFailure('invalid-argument', `not a link: ${parsed.error.message}`)
    if (this.linkArticle.has(parsed.data.id)) throw new DossierFailure('conflict', 'that link exists already')
    await this.putLink(parsed.data)
    return this.view(parsed.data)
  }

  /** Links starting in the article and backlinks ending in it; a link within one article is in both. */
  linksForArticle(articleId: string): { outgoing: LinkView[]; incoming: LinkView[] } {
    const outgoing = [...this.links.items(articleId)].map((l) => this.view(l))
    const incoming = [...(this.incoming.get(articleId) ?? [])]
      .map((id) => this.findLink(id))
      .filter((l): l is PassageLink => l !== undefined)
      .map((l) => this.view(l))
    const order = (a: LinkView, b: LinkView, end: 'from' | 'to') => a[end].position.start - b[end].position.start
    return { outgoing: outgoing.sort((a, b) => order(a, b, 'from')), incoming: incoming.sort((a, b) => order(a, b, 'to')) }
  }

  listAllLinks(filter: LinkFilter = {}): LinkView[] {
    const found: PassageLink[] = []
    for (const link of this.links.all()) if (matchesLink(link, filter)) found.push(link)
    return found.sort(byNewest).map((l) => this.view(l))
  }

  // Article changes

  /** Re-anchors an article's highlights and link ends on its new text; orphans are kept and reported. */
  async reanchorArticle(articleId: string, newPlainText: string): Promise<ReanchorReport> {
    check.checkArticleId(articleId)
    if (typeof newPlainText !== 'string') throw new DossierFailure('invalid-argument', 'the article text is missing')
    const report: ReanchorReport = { articleId, unchanged: 0, moved: [], orphanedAnnotations: [], orphanedLinkEnds: [] }
    type Moved = ReanchorReport['moved'][number]
    const move = <T extends PassageTarget>(what: Omit<Moved, 'method'>, target: T, onOrphan: () => void): T => {
      const result = reanchorTarget(newPlainText, target)
      if (result.state.status === 'orphaned') onOrphan()
      else if (result.changed) report.moved.push({ ...what, method: result.state.method })
      else report.unchanged++
      return result.target
    }
    const stored = this.annotations.items(articleId)
    const annotations = stored.map((a) => {
      const target = move({ id: a.id, kind: 'annotation' }, a.target, () => report.orphanedAnnotations.push(a))
      return target === a.target ? a : { ...a, target }
    })
    if (annotations.some((a, i) => a !== stored[i])) await this.annotations.commit(articleId, () => annotations)
    // Links are filed under the article they start in: this one, and those of its backlinks.
    const starts = new Set([articleId, ...[...(this.incoming.get(articleId) ?? [])].map((id) => this.linkArticle.get(id) ?? '')])
    for (const fromArticle of [...starts].filter((key) => key !== '')) {
      const before = this.links.items(fromArticle)
      const after = before.map((link) => {
        const ends = { from: link.from, to: link.to }
        for (const end of ['from', 'to'] as const) {
          if (link[end].articleId !== articleId) continue
          ends[end] = move({ id: link.id, kind: 'link', end }, link[end], () => report.orphanedLinkEnds.push({ link, end }))
        }
        return ends.from === link.from && ends.to === link.to ? link : { ...link, ...ends }
      })
      if (after.some((l, i) => l !== before[i])) await this.links.commit(fromArticle, () => after)
    }
    return report
  }

  /**
   * Removes an article's highlights for good (after the user confirmed emptying
   * the trash) and returns them. Links from or to the article are kept: once the
   * article is gone they show as broken, with their quotes, never lost.
   */
  async purgeArticle(articleId: string): Promise<Annotation[]> {
    check.checkArticleId(articleId)
    const removed = this.annotations.items(articleId)
    await this.annotations.commit(articleId, () => [])
    for (const annotation of removed) this.annotationArticle.delete(annotation.id)
    return removed
  }

  private async putAnnotation(annotation: Annotation): Promise<void> {
    const articleId = annotation.target.articleId
    await this.annotations.commit(articleId, (items) => [...items, annotation])
    this.annotationArticle.set(annotation.id, articleId)
    this.backups.afterWrite()
  }

  private async putLink(link: PassageLink): Promise<void> {
    await this.links.commit(link.from.articleId, (items) => [...items, link])
    this.indexLink(link)
    this.backups.afterWrite()
  }

  private indexLink(link: PassageLink): void {
    this.linkArticle.set(link.id, link.from.articleId)
    let set = this.incoming.get(link.to.articleId)
    if (set === undefined) this.incoming.set(link.to.articleId, (set = new Set()))
    set.add(link.id)
  }

  private linkEnd(input: check.LinkEndInput): PassageLink['from'] {
    if (typeof input !== 'object' || input === null) throw new DossierFailure('invalid-argument', 'a link end is missing')
    if (!('plainText' in input)) {
      const annotation = this.requireAnnotation(input.annotationId)
      return { ...annotation.target, annotationId: annotation.id }
    }
    const target = check.targetFromRange(input)
    if (input.annotationId === undefined) return target
    if (this.getAnnotation(input.annotationId)?.target.articleId !== target.articleId) {
      throw new DossierFailure('invalid-argument', 'the highlight is not in that article')
    }
    return { ...target, annotationId: input.annotationId }
  }

  private view(link: PassageLink): LinkView {
    return { ...link, broken: !this.articleExists(link.from.articleId) || !this.articleExists(link.to.articleId) }
  }

  private findLink(id: string): PassageLink | undefined {
    const key = this.linkArticle.get(id)
    return key === undefined ? undefined : this.links.items(key).find((l) => l.id === id)
  }

  private requireLink(id: string): PassageLink {
    const link = this.findLink(id)
    if (link === undefined) throw new DossierFailure('not-found', 'no such link')
    return link
  }

  private requireAnnotation(id: string): Annotation {
    const annotation = this.getAnnotation(id)
    if (annotation === undefined) throw new DossierFailure('not-found', 'no such annotation')
    return annotation
  }
}
