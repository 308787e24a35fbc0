// Imports a batch of files as one cancellable job: each article is stored on its
// own, so a cancel or crash mid-batch keeps every finished article and leaves
// no half article behind.

import type { ImportFile, ImportOutcome } from '../../shared/api/library'
import { DossierFailure, type DossierError } from '../../shared/result'
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

export class ImportJobs {
  private readonly running = new Map<string, AbortController>()
  private readonly cancelled = new Set<string>()

  constructor(
    private readonly archive: Archive,
    private readonly events: EventBus,
    private readonly hooks: ImportHooks = {},
    /** Where files are parsed: a worker thread, never the thread that answers the app. */
    private readonly pool: ImportPool = sharedImportPool(),
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
    try {
      for (const [name, file] of articles) {
        if (this.cancelled.has(jobId)) {
          outcome.cancelled = true
          break
        }
        progress('running', name)
        const dir = baseDir(name)
        try {
          const siblings = new Map<string, Uint8Array>()
          for (const [other, sibling] of byName) if (other !== name && other.startsWith(dir) && mayBeImage(other)) siblings.set(normaliseLocal(other), sibling.data)
          const doc = await this.pool.parse({ file, dir, siblings, ...(source.url !== undefined ? { url: source.url } : {}) }, abort.signal)
          // Checked and stored in one turn of the archive: another job importing the same text at the same time finds this one.
          const stored = await this.archive.addUnlessDuplicate(doc, { fileName: name.split('/').pop() ?? name })
          if (stored.added) {
            await this.hooks.afterAdd?.([stored.added.id])
            outcome.imported.push(stored.added)
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
          outcome.duplicates.push({ file: name, existingId: existing.id, title: existing.title })
        } catch (error) {
          if (abort.signal.aborted) {
            outcome.cancelled = true
            break
          }
          outcome.failed.push(describeFailure(error, name))
        }
      }
    } finally {
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
