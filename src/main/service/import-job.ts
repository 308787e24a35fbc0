// Imports a batch of files as one cancellable job: each article's files are
// stored on their own, and the catalog is saved in batches (CatalogBatch), so a
// cancel or crash mid-job keeps every article reported as imported and leaves
// no half article behind.

import type { ImportFile, ImportOutcome } from '../../shared/api/library'
import { DossierFailure, type DossierError } from '../../shared/result'
import type { ArticleMeta, ImportedDocument } from '../../shared/types'
import type { Archive } from '../core/archive/archive'
import { normaliseLocal } from '../core/import/local-path'
import { sharedImportPool, type ImportPool } from '../core/import/pool'
import { diskRefusal } from '../core/store/io-failure'
import type { EventBus } from './events'

const RESOURCE_FOLDER = /(^|\/)[^/]+_files\//

/** Files inside a saved page's "Name_files/" folder are that page's images, not articles. */
function isPageResource(name: string, names: Set<string>): boolean {
  const match = name.match(/^(.*?)([^/]+)_files\//)
  if (!match) return false
  const page = `${match[1]}${match[2]}`
  return ['.html', '.htm', '.xhtml'].some((ext) => names.has(page + ext))
}

/** Files a document may show as images: a saved page's folder, or image files beside it. Only these travel to the parser. */
function mayBeImage(name: string): boolean {
  return RESOURCE_FOLDER.test(name) || /\.(png|jpe?g|gif|webp|avif)$/i.test(name)
}

function baseDir(name: string): string {
  const slash = name.lastIndexOf('/')
  return slash === -1 ? '' : name.slice(0, slash + 1)
}

export interface ImportHooks {
  /** After new articles are stored (search indexes them). */
  afterAdd?: (ids: string[]) => Promise<void> | void
  /** After an article's text was replaced (notes re-anchor, search re-indexes). */
  afterReplace?: (id: string) => Promise<void> | void
}

/**
 * When a job saves the catalog. Saving writes the whole catalog.json (megabytes
 * at 10,000 articles), so a job saves after a wait of ten times its last save's
 * duration, within [minWaitMs, maxWaitMs], or after maxArticles: writing the
 * catalog takes about a tenth of an import's time whatever the archive's size,
 * and a crash loses at most the last wait's articles, none of them reported.
 * Batches rather than an append-only journal: catalog.json stays the one file
 * that open, backup, restore and merge read; the price is that each save still
 * writes the whole catalog, which this wait keeps to a share of the import.
 */
export interface CatalogBatching {
  maxArticles: number
  minWaitMs: number
  maxWaitMs: number
}

/** Files parsed ahead of the one being stored: enough to keep the worker busy, few enough to hold little in memory. */
const PARSE_AHEAD = 2

export const DEFAULT_BATCHING: CatalogBatching = { maxArticles: 1000, minWaitMs: 200, maxWaitMs: 2000 }

type Held = { file: string; meta: ArticleMeta; duplicate?: undefined } | { file: string; duplicate: ImportOutcome['duplicates'][number]; meta?: undefined }

/**
 * The articles of one job whose catalog entries are only in memory. Nothing is
 * reported (outcome, progress, search, archive-changed) until a catalog write
 * that holds it has reached disk; when the write fails, the entries still
 * unsaved are dropped with their files and reported as failed.
 */
class CatalogBatch {
  private held: Held[] = []
  private timer: NodeJS.Timeout | undefined
  private saving: Promise<void> = Promise.resolve()

  constructor(
    private readonly archive: Archive,
    private readonly batching: CatalogBatching,
    private readonly timing: { lastSaveMs: number },
    /** `last`: the job's final save, whose report is the job's end. */
    private readonly saved: (held: Held[], last: boolean) => Promise<void>,
    private readonly lost: (held: Held[], error: unknown) => void,
  ) {}

  /** Holds an entry until the next save; starts the wait for it, or saves when the batch is full. */
  async hold(entry: Held): Promise<void> {
    this.held.push(entry)
    if (this.held.length >= this.batching.maxArticles) return this.save()
    if (this.timer === undefined) {
      const wait = Math.min(this.batching.maxWaitMs, Math.max(this.batching.minWaitMs, 10 * this.timing.lastSaveMs))
      this.timer = setTimeout(() => void this.save().catch((error: unknown) => console.error(error)), wait)
    }
  }

  /** Saves and reports what is held; a failed save is reported per file, not thrown. */
  save(last = false): Promise<void> {
    clearTimeout(this.timer)
    this.timer = undefined
    const next = this.saving.then(() => this.saveHeld(last))
    // A report that threw (a listener's error) must not stop the saves after it.
    this.saving = next.catch(() => undefined)
    return next
  }

  private async saveHeld(last: boolean): Promise<void> {
    const batch = this.held.splice(0)
    if (batch.length === 0) return
    const start = performance.now()
    try {
      await this.archive.saveDeferred()
      this.timing.lastSaveMs = performance.now() - start
    } catch (error) {
      const ids = batch.flatMap((entry) => (entry.meta ? [entry.meta.id] : []))
      const dropped = new Set(await this.archive.discardUnsaved(ids))
      // A duplicate of an article no write has saved cannot be reported as stored either.
      const isLost = (entry: Held) => (entry.meta ? dropped.has(entry.meta.id) : dropped.has(entry.duplicate.existingId) || this.archive.isUnsaved(entry.duplicate.existingId))
      this.lost(batch.filter(isLost), error)
      await this.saved(batch.filter((entry) => !isLost(entry)), last)
      return
    }
    await this.saved(batch, last)
  }
}

export class ImportJobs {
  private readonly running = new Map<string, AbortController>()
  private readonly cancelled = new Set<string>()
  /** Shared by this service's jobs, so each job's first wait follows the archive's size. */
  private readonly timing = { lastSaveMs: 0 }

  constructor(
    private readonly archive: Archive,
    private readonly events: EventBus,
    private readonly hooks: ImportHooks = {},
    /** Where files are parsed: a worker thread, never the thread that answers the app. */
    private readonly pool: ImportPool = sharedImportPool(),
    private readonly batching: CatalogBatching = DEFAULT_BATCHING,
  ) {}

  /** True when the job was running; the file in hand stops being read and the job ends. */
  cancel(jobId: string): boolean {
    const running = this.running.get(jobId)
    if (running === undefined) return false
    this.cancelled.add(jobId)
    running.abort()
    return true
  }

  /** `source.url`: the address the files were fetched from (Fetch from the web); it becomes the article's url. */
  async run(files: ImportFile[], jobId: string, onDuplicate: 'skip' | 'update' = 'skip', source: { url?: string } = {}): Promise<ImportOutcome> {
    const abort = new AbortController()
    this.running.set(jobId, abort)
    const byName = new Map(files.map((file) => [file.name.replace(/\\/g, '/'), file]))
    const names = new Set(byName.keys())
    const articles = [...byName.entries()].filter(([name]) => !(RESOURCE_FOLDER.test(name) && isPageResource(name, names)))
    const outcome: ImportOutcome = { imported: [], updated: [], duplicates: [], failed: [], cancelled: false }
    const progress = (state: 'running' | 'done' | 'cancelled', current?: string) =>
      this.events.emit('job-progress', {
        jobId,
        kind: 'import',
        state,
        done: outcome.imported.length + outcome.updated.length + outcome.duplicates.length + outcome.failed.length,
        total: articles.length,
        ...(current ? { current } : {}),
        errors: outcome.failed,
      })
    const batch = new CatalogBatch(
      this.archive,
      this.batching,
      this.timing,
      async (held, last) => {
        const added = held.flatMap((entry) => (entry.meta ? [entry.meta] : []))
        for (const entry of held) if (entry.duplicate) outcome.duplicates.push(entry.duplicate)
        if (added.length > 0) {
          outcome.imported.push(...added)
          // Stored whatever search does with them: a failure to index is search's to report.
          await Promise.resolve(this.hooks.afterAdd?.(added.map((meta) => meta.id))).catch((error: unknown) => console.error(error))
        }
        if (!last) progress('running')
      },
      (held, error) => {
        for (const entry of held) outcome.failed.push(describeFailure(error, entry.file))
      },
    )
    const parse = ([name, file]: [string, ImportFile]): Promise<ImportedDocument> => {
      const dir = baseDir(name)
      const siblings = new Map<string, Uint8Array>()
      for (const [other, sibling] of byName) if (other !== name && other.startsWith(dir) && mayBeImage(other)) siblings.set(normaliseLocal(other), sibling.data)
      const parsed = this.pool.parse({ file, dir, siblings, ...(source.url !== undefined ? { url: source.url } : {}) }, abort.signal)
      // Awaited in its turn below; until then a refusal must not count as unhandled.
      parsed.catch(() => undefined)
      return parsed
    }
    // The worker parses the next files while this thread stores the one in hand, so neither waits on the other.
    const parses: Promise<ImportedDocument>[] = []
    const parseAhead = (from: number) => {
      for (let i = parses.length; i < Math.min(articles.length, from + PARSE_AHEAD + 1); i++) parses.push(parse(articles[i]!))
    }
    try {
      for (const [index, [name]] of articles.entries()) {
        if (this.cancelled.has(jobId)) {
          outcome.cancelled = true
          break
        }
        progress('running', name)
        try {
          parseAhead(index)
          const doc = await parses[index]!
          // Parsed ahead before a cancel: the file in hand when the job was cancelled is not stored.
          if (abort.signal.aborted) {
            outcome.cancelled = true
            break
          }
          // Checked and stored in one turn of the archive: another job importing the same text at the same time finds this one.
          const stored = await this.archive.addUnlessDuplicate(doc, { fileName: name.split('/').pop() ?? name, deferCatalog: true })
          if (stored.added) {
            await batch.hold({ file: name, meta: stored.added })
            continue
          }
          const existing = stored.duplicateOf
          if (onDuplicate === 'update' || existing.deletedAt) {
            // Importing a trashed article again means the user wants it back.
            if (existing.deletedAt) await this.archive.restore(existing.id)
            const meta = onDuplicate === 'update' ? await this.archive.replaceContent(existing.id, doc) : existing
            await this.hooks.afterReplace?.(existing.id)
            outcome.updated.push(meta)
            continue
          }
          const duplicate = { file: name, existingId: existing.id, title: existing.title }
          // A duplicate of an article whose entry is not on disk yet (the same text twice in one job) waits for it.
          if (this.archive.isUnsaved(existing.id)) await batch.hold({ file: name, duplicate })
          else outcome.duplicates.push(duplicate)
        } catch (error) {
          if (abort.signal.aborted) {
            outcome.cancelled = true
            break
          }
          outcome.failed.push(describeFailure(error, name))
        }
      }
    } finally {
      // Parses queued ahead of a cancel end with it.
      abort.abort()
      // Finished, cancelled or failed: what is held is saved before the job reports.
      await batch.save(true)
      this.cancelled.delete(jobId)
      this.running.delete(jobId)
    }
    progress(outcome.cancelled ? 'cancelled' : 'done')
    const changed = [...outcome.imported, ...outcome.updated].map((m) => m.id)
    if (changed.length) this.events.emit('archive-changed', { articleIds: changed })
    return outcome
  }
}

function describeFailure(error: unknown, name: string): DossierError {
  if (error instanceof DossierFailure) return { ...error.toError(), file: name }
  const refusal = diskRefusal(error)
  if (refusal !== undefined) return { code: 'io-error', message: `${name} was not imported: ${refusal}`, file: name }
  console.error(error)
  return { code: 'internal', message: `${name} could not be imported because of an internal error`, file: name }
}
