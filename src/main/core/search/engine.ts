// SearchEngine: the archive's search, as the service uses it. It opens the
// saved index without waiting for it to load, answers from what is loaded,
// then reconciles the index with the archive in the background (indexing what
// is missing or stale, dropping what was deleted) and saves changed segments.

import type { SearchIndexStatus, SearchRequest, SearchResponse } from '../../../shared/search'
import type { Annotation } from '../../../shared/notes'
import type { Article, ArticleMeta } from '../../../shared/types'
import { InProcessBackend, type IndexBackend } from './backend'
import { WorkerBackend, type WorkerLocation } from './worker-backend'

/** What the engine needs from the archive. */
export interface SearchSource {
  /** Every searchable article (not in the trash) with its current stamp (see stampOf). */
  listArticles(): Promise<{ id: string; stamp: string }[]>
  /** The article and its annotations, or undefined if it is gone. */
  loadArticle(id: string): Promise<{ article: Article; annotations: Annotation[] } | undefined>
}

export interface SearchEngineOptions {
  /** Called whenever the status changes (loading progress, rebuilding progress, ready). */
  onStatus?: (status: SearchIndexStatus) => void
  /** Called with each problem found in the saved index (a damaged segment, say); it is rebuilt. */
  onProblem?: (message: string) => void
  /** true (default): index in a worker thread; false: in this thread; or where the built worker is. */
  worker?: boolean | WorkerLocation
  segmentCapacity?: number
  /** Changes are saved this long after the last one (default 2 s); flush() saves at once. */
  flushDelayMs?: number
}

/** The stamp that tells the index an article or its annotations changed. */
export function stampOf(article: Pick<ArticleMeta, 'updatedAt'>, annotations: readonly Pick<Annotation, 'id' | 'modified'>[]): string {
  let latest = ''
  for (const a of annotations) if (a.modified > latest) latest = a.modified
  return `${article.updatedAt}|${annotations.length}|${latest}`
}

const RECONCILE_BATCH = 100

export class SearchEngine {
  private current: SearchIndexStatus = { state: 'loading', loadedSegments: 0, totalSegments: 0, articles: 0 }
  private articles = 0
  /** Articles the caller changed while reconciling: their newer state wins. */
  private readonly touched = new Set<string>()
  private flushTimer: NodeJS.Timeout | undefined
  private closed = false
  private readonly background: Promise<void>

  private constructor(
    private readonly backend: IndexBackend,
    private readonly source: SearchSource,
    private readonly options: SearchEngineOptions,
  ) {
    this.background = this.loadAndReconcile().catch((error: unknown) => {
      if (!this.closed) this.options.onProblem?.(`search index: ${(error as Error).message}`)
    })
  }

  /** Resolves as soon as the index can take changes and queries; loading continues in the background. */
  static async open(dir: string, source: SearchSource, options: SearchEngineOptions = {}): Promise<SearchEngine> {
    const { worker = true, segmentCapacity } = options
    const backend =
      worker === false
        ? new InProcessBackend(dir, segmentCapacity)
        : new WorkerBackend({ dir, segmentCapacity }, worker === true ? undefined : worker)
    try {
      await backend.list()
    } catch (error) {
      await backend.close()
      throw error
    }
    return new SearchEngine(backend, source, options)
  }

  status(): SearchIndexStatus {
    return this.current
  }

  /** Resolves when the saved index is loaded and matches the archive. */
  whenReady(): Promise<void> {
    return this.background
  }

  private setStatus(status: SearchIndexStatus): void {
    if (this.closed) return
    this.current = status
    this.options.onStatus?.(status)
  }

  private async loadAndReconcile(): Promise<void> {
    const report = await this.backend.load((loaded, total) =>
      this.setStatus({ state: 'loading', loadedSegments: loaded, totalSegments: total, articles: this.articles }),
    )
    for (const problem of report.problems) this.options.onProblem?.(problem)
    const indexed = new Map(await this.backend.stamps())
    this.articles = indexed.size
    const wanted = await this.source.listArticles()
    const wantedIds = new Set(wanted.map((a) => a.id))
    const gone = [...indexed.keys()].filter((id) => !wantedIds.has(id) && !this.touched.has(id))
    if (gone.length > 0) this.articles = await this.backend.remove(gone)
    const todo = wanted.filter((a) => indexed.get(a.id) !== a.stamp).map((a) => a.id)
    for (let done = 0; done < todo.length; done += RECONCILE_BATCH) {
      if (this.closed) return
      this.setStatus({ state: 'rebuilding', done, total: todo.length, articles: this.articles })
      const batch = []
      for (const id of todo.slice(done, done + RECONCILE_BATCH)) {
        if (this.touched.has(id)) continue
        const loaded = await this.source.loadArticle(id)
        if (loaded !== undefined && !this.touched.has(id)) batch.push({ ...loaded, stamp: stampOf(loaded.article, loaded.annotations) })
      }
      if (batch.length > 0) this.articles = await this.backend.upsert(batch)
    }
    if (gone.length > 0 || todo.length > 0) await this.flush()
    this.touched.clear()
    this.setStatus({ state: 'ready', articles: this.articles })
  }

  /** Indexes a new or changed article (import, edit, annotation change); searchable when it resolves. */
  async upsert(article: Article, annotations: Annotation[] = []): Promise<void> {
    this.touched.add(article.id)
    this.articles = await this.backend.upsert([{ article, annotations, stamp: stampOf(article, annotations) }])
    this.afterChange()
  }

  /** Indexes many articles at once (bulk import); cheaper than one upsert each. */
  async upsertMany(items: { article: Article; annotations?: Annotation[] }[]): Promise<void> {
    const inputs = items.map(({ article, annotations = [] }) => {
      this.touched.add(article.id)
      return { article, annotations, stamp: stampOf(article, annotations) }
    })
    this.articles = await this.backend.upsert(inputs)
    this.afterChange()
  }

  /** Removes an article (deleted or moved to the trash); gone from results when it resolves. */
  async remove(articleId: string): Promise<void> {
    this.touched.add(articleId)
    this.articles = await this.backend.remove([articleId])
    this.afterChange()
  }

  private afterChange(): void {
    if (this.current.state === 'ready') this.current = { state: 'ready', articles: this.articles }
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer)
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined
      this.flush().catch((error: unknown) => this.options.onProblem?.(`saving the search index: ${(error as Error).message}`))
    }, this.options.flushDelayMs ?? 2000)
    this.flushTimer.unref()
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    const status = this.current
    if (this.closed) return { groups: [], total: 0, complete: false, status }
    const { groups, total } = await this.backend.search(request)
    return { groups, total, complete: status.state === 'ready', status }
  }

  /** Saves changed segments now. */
  async flush(): Promise<void> {
    if (this.flushTimer !== undefined) clearTimeout(this.flushTimer)
    this.flushTimer = undefined
    await this.backend.flush()
  }

  /**
   * Stops reconciling (after the batch in hand), saves what changed, and ends
   * the worker. A save that fails is reported; the index is rebuilt from the
   * archive at the next start, so nothing the user made is lost.
   */
  async close(): Promise<void> {
    if (this.closed) return
    const loading = this.current.state === 'loading'
    this.closed = true
    // A load still under way is simply ended with the worker; a rebuild stops after its batch.
    if (!loading) await this.background
    await this.flush().catch((error: unknown) => this.options.onProblem?.(`saving the search index at close: ${(error as Error).message}`))
    this.current = { state: 'closed' }
    await this.backend.close()
  }
}
