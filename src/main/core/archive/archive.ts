// The archive is a folder: a catalog of metadata, one body file per article,
// the assets of each article, and a small state file. A change rewrites only the
// files it touches, so saving in a big archive costs what the change costs.

import { randomBytes } from 'node:crypto'
import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { Low } from 'lowdb'
import { isSafeAssetName, isSafeId } from '../../../shared/ids'
import { MAX_TITLE_LENGTH, clip } from '../../../shared/field-limits'
import { DossierFailure } from '../../../shared/result'
import type { Article, ArticleMeta, Block, EditableField, ImportedDocument, Preferences, ReadingPosition } from '../../../shared/types'
import { removeTempFiles, writeFileDurably } from '../store/durable-file'
import { openJsonStore, parseStrictJson, writeOrUndo } from '../store/json-store'
import { resolveInside } from '../store/inside'
import { Turns } from '../store/turns'
import { ArchiveState } from './archive-state'
import { FileSwap } from './file-swap'
import { ARCHIVE_FORMAT, bodySchema, catalogSchema, type Catalog } from './schema'
import { missingBodies } from './open-checks'
import { canonicalUrl, contentHash, countWords, plainTextOf, readingMinutes } from './text-stats'

export type MetadataPatch = Partial<Pick<ArticleMeta, EditableField>>

type WriteFile = (path: string, data: string | Uint8Array) => Promise<void>

export interface AddOptions {
  fileName?: string
  /**
   * Keep the catalog entry in memory only, until saveDeferred (or any other
   * catalog write) saves it; the caller reports the article only after that.
   */
  deferCatalog?: boolean
}

export function newId(): string {
  return randomBytes(6).toString('hex')
}

/** Puts an article's metadata back as it was before a change that could not be saved. */
function putBack(meta: ArticleMeta, before: ArticleMeta): void {
  for (const key of Object.keys(meta)) delete (meta as unknown as Record<string, unknown>)[key]
  Object.assign(meta, before)
}

/** What addUnlessDuplicate did: stored the article, or found it already there. */
export type AddOutcome = { added: ArticleMeta; duplicateOf?: undefined } | { added?: undefined; duplicateOf: ArticleMeta }

export class Archive {
  private readonly byId = new Map<string, ArticleMeta>()
  /** Changes to catalog.json, in turn. */
  private readonly catalogTurns = new Turns()
  /** Articles added with deferCatalog whose catalog entry is not on disk yet. */
  private readonly unsaved = new Set<string>()
  /** Canonical URL of each entry, so a duplicate check does not parse every URL in the catalog. */
  private readonly canonical = new WeakMap<ArticleMeta, { url: string; value: string | undefined }>()
  /**
   * Entries by every content hash and canonical URL they have had, so a duplicate
   * check looks at a few candidates, not the whole catalog. Values an entry no
   * longer has, and entries gone, are filtered out at each lookup.
   */
  private readonly byHash = new Map<string, ArticleMeta[]>()
  private readonly byUrl = new Map<string, ArticleMeta[]>()

  private constructor(
    readonly dir: string,
    private readonly catalog: Low<Catalog>,
    private readonly state: ArchiveState,
    /** What was found wrong at open and how it was recovered. */
    readonly notices: string[],
  ) {
    for (const meta of catalog.data.articles) {
      this.byId.set(meta.id, meta)
      this.indexForDuplicates(meta)
    }
  }

  static async open(dir: string): Promise<Archive> {
    await mkdir(join(dir, 'articles'), { recursive: true })
    // A kill mid-write leaves a temp file nothing refers to; one process owns the archive.
    await removeTempFiles(dir)
    await removeTempFiles(join(dir, 'articles'))
    const catalog = await openJsonStore<Catalog>(
      join(dir, 'catalog.json'),
      { format: ARCHIVE_FORMAT, articles: [] },
      (data) => catalogSchema.parse(data),
    )
    const state = await ArchiveState.open(dir)
    const missing = await missingBodies(dir, catalog.db.data.articles)
    return new Archive(dir, catalog.db, state.state, [...catalog.notices, ...state.notices, ...missing])
  }

  /** Articles in the library (not in the trash), newest first; an entry not yet on disk is not listed. */
  list(): ArticleMeta[] {
    return this.catalog.data.articles.filter((meta) => !meta.deletedAt && this.isSaved(meta)).reverse()
  }

  listTrash(): ArticleMeta[] {
    return this.catalog.data.articles.filter((meta) => meta.deletedAt && this.isSaved(meta)).reverse()
  }

  private isSaved(meta: ArticleMeta): boolean {
    return this.unsaved.size === 0 || !this.unsaved.has(meta.id)
  }

  /** Whether the article was added with deferCatalog and its catalog entry is not on disk yet. */
  isUnsaved(id: string): boolean {
    return this.unsaved.has(id)
  }

  /** Metadata of an article, in the library or the trash. */
  meta(id: string): ArticleMeta {
    const meta = this.byId.get(id)
    if (!meta) throw new DossierFailure('not-found', `No article with id ${id}`)
    return meta
  }

  has(id: string): boolean {
    return this.byId.has(id)
  }

  async get(id: string): Promise<Article> {
    const meta = this.meta(id)
    return { ...meta, blocks: await this.readBlocks(id) }
  }

  async readBlocks(id: string): Promise<Block[]> {
    const path = this.bodyPath(id)
    let text: string
    try {
      text = await readFile(path, 'utf8')
    } catch {
      throw new DossierFailure('damaged', `The text of "${this.meta(id).title}" is missing from the archive`, `${id}.json`)
    }
    return parseStrictJson(text, path, (data) => bodySchema.parse(data)).blocks
  }

  /** The article already stored with the same canonical URL or the same text, if any. */
  findDuplicate(doc: ImportedDocument): ArticleMeta | undefined {
    const url = canonicalUrl(doc.url)
    const hash = doc.textStats?.contentHash ?? contentHash(doc.blocks)
    const candidates = new Set([...(this.byHash.get(hash) ?? []), ...(url !== undefined ? (this.byUrl.get(url) ?? []) : [])])
    const matches = [...candidates].filter(
      (meta) => this.byId.get(meta.id) === meta && (meta.contentHash === hash || (url !== undefined && this.canonicalOf(meta) === url)),
    )
    if (matches.length <= 1) return matches[0]
    // The first in the catalog, as a scan of it would find.
    const articles = this.catalog.data.articles
    return matches.reduce((first, meta) => (articles.indexOf(meta) < articles.indexOf(first) ? meta : first))
  }

  /** Adds an entry's present hash and URL to the duplicate index; call after either may have changed. */
  private indexForDuplicates(meta: ArticleMeta): void {
    const add = (index: Map<string, ArticleMeta[]>, key: string | undefined) => {
      if (key === undefined) return
      const list = index.get(key)
      if (list === undefined) index.set(key, [meta])
      else if (!list.includes(meta)) list.push(meta)
    }
    add(this.byHash, meta.contentHash)
    add(this.byUrl, this.canonicalOf(meta))
  }

  private canonicalOf(meta: ArticleMeta): string | undefined {
    if (!meta.url) return undefined
    const known = this.canonical.get(meta)
    if (known?.url === meta.url) return known.value
    const value = canonicalUrl(meta.url)
    this.canonical.set(meta, { url: meta.url, value })
    return value
  }

  /**
   * Stores a new article: assets and body first, the catalog last, so a crash
   * in between leaves at most an unreferenced body file, never a half article.
   * With `deferCatalog` the caller batches catalog writes and calls saveDeferred.
   */
  async add(doc: ImportedDocument, options: AddOptions = {}): Promise<ArticleMeta> {
    return (await this.store(doc, options, false)).added!
  }

  /**
   * Stores a new article unless one with the same text or URL is already there.
   * The check is made again in the same turn as the catalog change, so two imports
   * of one text at the same time store it once.
   */
  async addUnlessDuplicate(doc: ImportedDocument, options: AddOptions = {}): Promise<AddOutcome> {
    const existing = this.findDuplicate(doc)
    if (existing) return { duplicateOf: existing }
    return this.store(doc, options, true)
  }

  private async store(doc: ImportedDocument, options: AddOptions, unlessDuplicate: boolean): Promise<AddOutcome> {
    const id = newId()
    const blocks = doc.blocks.map((block, index) => ({ ...block, id: `b${index}` }))
    await this.writeAssets(id, doc.assets ?? [])
    await this.writeBody(id, blocks)
    return this.catalogTurns.run(async () => {
      const existing = unlessDuplicate ? this.findDuplicate(doc) : undefined
      if (existing) {
        // Another import stored the same text while this one wrote its files.
        await this.removeFiles(id).catch(() => undefined)
        return { duplicateOf: existing }
      }
      const meta = this.newMeta(id, doc, blocks, options.fileName)
      this.catalog.data.articles.push(meta)
      this.byId.set(id, meta)
      this.indexForDuplicates(meta)
      if (options.deferCatalog) {
        this.unsaved.add(id)
        return { added: meta }
      }
      await this.saveCatalog(() => {
        this.catalog.data.articles = this.catalog.data.articles.filter((other) => other !== meta)
        this.byId.delete(id)
      }).catch(async (error: unknown) => {
        // The catalog never named it: its files would only be clutter.
        await this.removeFiles(id).catch(() => undefined)
        throw error
      })
      return { added: meta }
    })
  }

  private newMeta(id: string, doc: ImportedDocument, blocks: Block[], fileName: string | undefined): ArticleMeta {
    const now = new Date().toISOString()
    const stats = doc.textStats ?? { words: countWords(plainTextOf(blocks)), contentHash: contentHash(blocks) }
    const words = stats.words
    return {
      id,
      title: clip(doc.title.trim() || fileName || 'Untitled', MAX_TITLE_LENGTH),
      ...(doc.byline ? { byline: doc.byline } : {}),
      ...(doc.source ? { source: doc.source } : {}),
      ...(doc.url ? { url: doc.url } : {}),
      ...(doc.publishedAt ? { publishedAt: doc.publishedAt } : {}),
      ...(doc.language ? { language: doc.language } : {}),
      ...(doc.excerpt ? { excerpt: doc.excerpt } : {}),
      ...(fileName ? { fileName } : {}),
      addedAt: now,
      updatedAt: now,
      tags: [...new Set(doc.tags ?? [])],
      format: doc.format,
      wordCount: words,
      readingMinutes: readingMinutes(words),
      contentHash: stats.contentHash,
    }
  }

  /** Replaces an article's text with a new import of it; fields the user corrected are kept. */
  replaceContent(id: string, doc: ImportedDocument): Promise<ArticleMeta> {
    // Text and metadata change in the same turn, so two replacements at once leave a body and a catalog entry that agree.
    return this.catalogTurns.run(async () => {
      const meta = this.meta(id)
      const before = { ...meta }
      const blocks = doc.blocks.map((block, index) => ({ ...block, id: `b${index}` }))
      // All or nothing: until the catalog names the new text, the old files are kept to be put back.
      const swap = new FileSwap(join(this.dir, 'articles'))
      try {
        await this.writeAssets(id, doc.assets ?? [], swap.put)
        await this.writeBody(id, blocks, swap.put)
        const edited = new Set(meta.edited ?? [])
        const fresh: MetadataPatch = { title: clip(doc.title, MAX_TITLE_LENGTH), byline: doc.byline, source: doc.source, publishedAt: doc.publishedAt, url: doc.url, tags: doc.tags ?? meta.tags }
        for (const [field, value] of Object.entries(fresh) as [EditableField, never][]) {
          if (!edited.has(field) && value !== undefined) meta[field] = value
        }
        const stats = doc.textStats ?? { words: countWords(plainTextOf(blocks)), contentHash: contentHash(blocks) }
        const words = stats.words
        Object.assign(meta, { wordCount: words, readingMinutes: readingMinutes(words), contentHash: stats.contentHash, updatedAt: new Date().toISOString(), format: doc.format })
        this.indexForDuplicates(meta)
        await this.saveCatalog(() => putBack(meta, before))
      } catch (error) {
        await swap.undo()
        throw error
      }
      await swap.commit()
      return meta
    })
  }

  /** Writes the catalog as it is in memory, deferred entries included. */
  flushCatalog(): Promise<void> {
    return this.catalogTurns.run(() => this.writeCatalog())
  }

  /**
   * Saves the entries added with deferCatalog, if any are still unsaved (another
   * change's write saves them too). When it resolves, every entry added before
   * the call is on disk.
   */
  saveDeferred(): Promise<void> {
    return this.catalogTurns.run(async () => {
      if (this.unsaved.size > 0) await this.writeCatalog()
    })
  }

  /**
   * Drops deferred entries that are still not on disk (after a failed
   * saveDeferred), with their files; returns the ids dropped. An entry another
   * write saved meanwhile is kept.
   */
  discardUnsaved(ids: readonly string[]): Promise<string[]> {
    return this.catalogTurns.run(async () => {
      const dropped = new Set(ids.filter((id) => this.unsaved.has(id)))
      if (dropped.size === 0) return []
      this.catalog.data.articles = this.catalog.data.articles.filter((meta) => !dropped.has(meta.id))
      for (const id of dropped) {
        this.byId.delete(id)
        this.unsaved.delete(id)
        await this.removeFiles(id).catch(() => undefined)
      }
      return [...dropped]
    })
  }

  private async writeCatalog(): Promise<void> {
    await this.catalog.write()
    // The write holds every entry in memory, deferred ones too.
    this.unsaved.clear()
  }

  private async saveCatalog(undo: () => void): Promise<void> {
    await writeOrUndo(this.catalog, undo)
    this.unsaved.clear()
  }

  update(id: string, patch: MetadataPatch): Promise<ArticleMeta> {
    return this.catalogTurns.run(() => this.updateInTurn(id, patch))
  }

  private async updateInTurn(id: string, patch: MetadataPatch): Promise<ArticleMeta> {
    const meta = this.meta(id)
    // Refuse before touching anything, so a refused patch changes no field.
    if (typeof patch.title === 'string' && patch.title.trim() === '') throw new DossierFailure('invalid-argument', 'A title cannot be empty')
    const before = { ...meta }
    const edited = new Set(meta.edited ?? [])
    const record = meta as unknown as Record<string, unknown>
    for (const [field, value] of Object.entries(patch) as [EditableField, string | string[] | undefined][]) {
      if (value === undefined) continue
      if (Array.isArray(value)) {
        record[field] = [...new Set(value.map((tag) => tag.trim()).filter(Boolean))]
      } else {
        const cleaned = value.trim()
        if (cleaned === '') delete record[field]
        else record[field] = cleaned
      }
      edited.add(field)
    }
    meta.edited = [...edited]
    meta.updatedAt = new Date().toISOString()
    this.indexForDuplicates(meta)
    await this.saveCatalog(() => putBack(meta, before))
    return meta
  }

  trash(id: string): Promise<ArticleMeta> {
    return this.catalogTurns.run(async () => {
      const meta = this.meta(id)
      const before = { ...meta }
      meta.deletedAt = new Date().toISOString()
      await this.saveCatalog(() => putBack(meta, before))
      return meta
    })
  }

  restore(id: string): Promise<ArticleMeta> {
    return this.catalogTurns.run(async () => {
      const meta = this.meta(id)
      const before = { ...meta }
      delete meta.deletedAt
      await this.saveCatalog(() => putBack(meta, before))
      return meta
    })
  }

  /** Removes an article for good: catalog first, then its files. */
  async purge(id: string): Promise<void> {
    await this.catalogTurns.run(async () => {
      const meta = this.meta(id)
      const articles = this.catalog.data.articles
      this.catalog.data.articles = articles.filter((other) => other.id !== id)
      this.byId.delete(id)
      await this.saveCatalog(() => {
        this.catalog.data.articles = articles
        this.byId.set(id, meta)
      })
    })
    await this.removeFiles(id)
    await this.state.forgetPosition(id)
  }

  /** Absolute path of a stored asset, or undefined when the name is not one of ours. */
  assetPath(articleId: string, name: string): string | undefined {
    if (!this.byId.has(articleId) || !isSafeAssetName(name)) return undefined
    return resolveInside(this.dir, `assets/${articleId}/${name}`)
  }

  readingPosition(id: string): ReadingPosition | null {
    this.meta(id)
    return this.state.position(id)
  }

  async setReadingPosition(id: string, position: Omit<ReadingPosition, 'updatedAt'>): Promise<ReadingPosition> {
    this.meta(id)
    return this.state.setPosition(id, position)
  }

  preferences(): Preferences {
    return this.state.preferences()
  }

  setPreferences(patch: Partial<Preferences>): Promise<Preferences> {
    return this.state.setPreferences(patch)
  }

  get welcomed(): boolean {
    return this.state.welcomed
  }

  markWelcomed(): Promise<void> {
    return this.state.markWelcomed()
  }

  private async removeFiles(id: string): Promise<void> {
    await rm(this.bodyPath(id), { force: true })
    await rm(this.assetsDir(id), { recursive: true, force: true })
  }

  /** Ids reach here from the catalog, which a restore or a hand edit may have written: checked at every use. */
  private checkedId(id: string): string {
    if (!isSafeId(id)) throw new DossierFailure('damaged', `The archive names an article “${id.slice(0, 80)}”, which is not an id Dossier stores`)
    return id
  }

  private bodyPath(id: string): string {
    return resolveInside(this.dir, `articles/${this.checkedId(id)}.json`)
  }

  private assetsDir(id: string): string {
    return resolveInside(this.dir, `assets/${this.checkedId(id)}`)
  }

  private async writeBody(id: string, blocks: Block[], write: WriteFile = writeFileDurably): Promise<void> {
    await write(this.bodyPath(id), JSON.stringify({ format: ARCHIVE_FORMAT, id, blocks }))
  }

  private async writeAssets(id: string, assets: NonNullable<ImportedDocument['assets']>, write: WriteFile = writeFileDurably): Promise<void> {
    for (const asset of assets) {
      if (!isSafeAssetName(asset.name)) throw new DossierFailure('invalid-argument', `Unsafe asset name ${asset.name.slice(0, 80)}`)
      await write(join(this.assetsDir(id), asset.name), asset.data)
    }
  }
}
