// Runs the index in a worker thread, so loading a large index and answering
// queries never block the thread that owns the window.

import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { Worker, type WorkerOptions } from 'node:worker_threads'
import type { SearchRequest } from '../../../shared/search'
import type { IndexBackend } from './backend'
import type { Evaluation } from './evaluate'
import type { IndexInput } from './segment'
import type { LoadReport } from './segmented-index'
import type { WorkerCall, WorkerInit, WorkerMessage } from './worker-protocol'

export interface WorkerLocation {
  /** The built worker script (worker.ts compiled), e.g. new URL('./search-worker.js', import.meta.url). */
  url: URL
  /** Load the worker through tsx (running from TypeScript sources: tests, bench, CLI in dev). */
  viaTsx?: boolean
}

/**
 * Next to this file: worker.ts when running from source (tsx, vitest: loaded
 * through tsx), worker.js when built with the same layout. A bundled build
 * passes its own WorkerLocation.
 */
export function defaultWorkerLocation(): WorkerLocation {
  const fromSource = import.meta.url.endsWith('.ts')
  return fromSource
    ? { url: new URL('./worker.ts', import.meta.url), viaTsx: true }
    : { url: new URL('./worker.js', import.meta.url) }
}

/** A worker that registers tsx's loader first: Worker execArgv cannot carry --import. */
export function tsxWorker(url: URL, options: WorkerOptions = {}): Worker {
  // tsx's ESM entry (its "import" export); require.resolve would give the CJS one.
  const root = dirname(createRequire(import.meta.url).resolve('tsx/package.json'))
  const api = pathToFileURL(join(root, 'dist/esm/api/index.mjs')).href
  const boot = `import(${JSON.stringify(api)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(url.href)}) })`
  return new Worker(boot, { ...options, eval: true })
}

/** The worker at `location`, from source through tsx or from the build. */
export function startWorker(location: WorkerLocation, options: WorkerOptions = {}): Worker {
  return location.viaTsx === true ? tsxWorker(location.url, options) : new Worker(location.url, options)
}

interface Pending {
  resolve: (value: unknown) => void
  reject: (error: Error) => void
}

export class WorkerBackend implements IndexBackend {
  private readonly worker: Worker
  private readonly pending = new Map<number, Pending>()
  private nextId = 1
  private onProgress: ((loaded: number, total: number) => void) | undefined
  private failure: Error | undefined

  constructor(init: WorkerInit, location: WorkerLocation = defaultWorkerLocation()) {
    this.worker = startWorker(location, { workerData: init })
    this.worker.on('message', (message: WorkerMessage) => this.receive(message))
    this.worker.on('error', (error) => this.fail(error))
    this.worker.on('exit', (code) => this.fail(new Error(`search worker exited (code ${code})`)))
  }

  private receive(message: WorkerMessage): void {
    if (message.type === 'progress') {
      this.onProgress?.(message.loaded, message.total)
      return
    }
    const pending = this.pending.get(message.id)
    if (pending === undefined) return
    this.pending.delete(message.id)
    if (message.type === 'result') pending.resolve(message.value)
    else pending.reject(new Error(message.message))
  }

  private fail(error: Error): void {
    this.failure ??= error
    for (const pending of this.pending.values()) pending.reject(error)
    this.pending.clear()
  }

  private call<T>(call: WorkerCall): Promise<T> {
    if (this.failure !== undefined) return Promise.reject(this.failure)
    const id = this.nextId++
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject })
      this.worker.postMessage({ id, ...call })
    })
  }

  async list(): Promise<void> {
    await this.call<number[]>({ op: 'list' })
  }

  load(onProgress: (loaded: number, total: number) => void): Promise<LoadReport> {
    this.onProgress = onProgress
    return this.call<LoadReport>({ op: 'load' })
  }

  stamps(): Promise<[string, string][]> {
    return this.call({ op: 'stamps' })
  }

  upsert(inputs: IndexInput[]): Promise<number> {
    return this.call({ op: 'upsert', inputs })
  }

  remove(ids: string[]): Promise<number> {
    return this.call({ op: 'remove', ids })
  }

  search(request: SearchRequest): Promise<Evaluation> {
    return this.call({ op: 'search', request })
  }

  flush(): Promise<void> {
    return this.call({ op: 'flush' })
  }

  async close(): Promise<void> {
    this.failure ??= new Error('search worker closed')
    await this.worker.terminate()
  }
}
