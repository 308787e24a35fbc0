// Runs the index in a worker thread, so loading a large index and answering
// queries never block the thread that owns the window.

import { Worker } from 'node:worker_threads'
import type { SearchRequest } from '../../../shared/search'
import type { IndexBackend } from './backend'
import type { Evaluation } from './evaluate'
import type { IndexInput } from './segment'
import type { LoadReport } from './segmented-index'
import type { WorkerCall, WorkerInit, WorkerMessage } from './worker-protocol'

export interface WorkerLocation {
  /** The built worker script (worker.ts compiled), e.g. new URL('./search-worker.js', import.meta.url). */
  url: URL
  execArgv?: string[]
}

/**
 * Next to this file: worker.ts when running from source (tsx, vitest: loaded
 * through tsx), worker.js when built with the same layout. A bundled build
 * passes its own WorkerLocation.
 */
export function defaultWorkerLocation(): WorkerLocation {
  const fromSource = import.meta.url.endsWith('.ts')
  return fromSource
    ? { url: new URL('./worker.ts', import.meta.url), execArgv: ['--import', 'tsx'] }
    : { url: new URL('./worker.js', import.meta.url) }
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
    this.worker = new Worker(location.url, { workerData: init, execArgv: location.execArgv })
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
