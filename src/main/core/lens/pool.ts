// Articles are analysed in a worker thread under a time and a memory limit,
// one after another; an article past a limit gets no analysis, its worker is
// ended and a fresh one takes the next. The service thread never analyses.

import type { Worker } from 'node:worker_threads'
import { startWorker, type WorkerLocation } from '../search/worker-backend'
import { Turns } from '../store/turns'
import type { AnalysisInput, ArticleAnalysis } from './types'
import { READY, type AnalyseReply, type AnalyseRequest } from './worker-protocol'

export interface AnalysisPoolOptions {
  location?: WorkerLocation
  timeLimitMs?: number
  memoryLimitMb?: number
}

export function analysisWorkerLocation(moduleUrl: string = import.meta.url): WorkerLocation {
  return moduleUrl.endsWith('.ts') ? { url: new URL('./worker.ts', moduleUrl), viaTsx: true } : { url: new URL('./lens-worker.js', moduleUrl) }
}

export class AnalysisPool {
  private started: { worker: Worker; ready: Promise<void> } | undefined
  private readonly turns = new Turns()
  private nextId = 1
  private closed = false
  private readonly location: WorkerLocation
  readonly timeLimitMs: number
  readonly memoryLimitMb: number

  constructor(options: AnalysisPoolOptions = {}) {
    this.location = options.location ?? analysisWorkerLocation()
    this.timeLimitMs = options.timeLimitMs ?? 30_000
    this.memoryLimitMb = options.memoryLimitMb ?? 512
  }

  /** Analyses one article; `signal` cancels the one in hand. */
  analyse(input: AnalysisInput, signal?: AbortSignal): Promise<ArticleAnalysis> {
    return this.turns.run(() => this.run(input, signal))
  }

  async close(): Promise<void> {
    this.closed = true
    await this.end()
  }

  private async end(): Promise<void> {
    const started = this.started
    this.started = undefined
    if (started !== undefined) await started.worker.terminate()
  }

  private start(): { worker: Worker; ready: Promise<void> } {
    const worker = startWorker(this.location, { resourceLimits: { maxOldGenerationSizeMb: this.memoryLimitMb } })
    worker.unref()
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: unknown): void => {
        if (message !== READY) return
        worker.off('message', onMessage)
        resolve()
      }
      worker.on('message', onMessage)
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`the analysis worker stopped as it started (code ${code})`)))
    })
    ready.catch(() => undefined)
    return { worker, ready }
  }

  private async run(input: AnalysisInput, signal?: AbortSignal): Promise<ArticleAnalysis> {
    if (this.closed) throw new Error('Dossier is closing; the analysis was stopped')
    if (signal?.aborted) throw new Error('The analysis was cancelled')
    const started = (this.started ??= this.start())
    try {
      started.worker.ref()
      await started.ready
    } catch (error) {
      if (this.started === started) this.started = undefined
      throw new Error(`the analysis worker did not start (${(error as Error).message.slice(0, 200)})`, { cause: error })
    }
    const worker = started.worker
    const id = this.nextId++
    return new Promise<ArticleAnalysis>((resolve, reject) => {
      let settled = false
      const finish = (outcome: () => void, replace: boolean): void => {
        if (settled) return
        settled = true
        clearTimeout(timer)
        worker.off('message', onMessage)
        worker.off('error', onError)
        worker.off('exit', onExit)
        signal?.removeEventListener('abort', onAbort)
        worker.unref()
        if (replace && this.started?.worker === worker) void this.end()
        outcome()
      }
      const onMessage = (reply: AnalyseReply | typeof READY): void => {
        if (reply === READY || reply.id !== id) return
        if (reply.type === 'analysis') finish(() => resolve(reply.analysis), false)
        else finish(() => reject(new Error(`the article could not be analysed (${reply.message})`)), false)
      }
      const onError = (error: Error): void => finish(() => reject(new Error(`the article could not be analysed (${error.message.slice(0, 200)})`)), true)
      const onExit = (): void => finish(() => reject(new Error('the article could not be analysed: the worker stopped')), true)
      const onAbort = (): void => finish(() => reject(new Error('The analysis was cancelled')), true)
      const timer = setTimeout(() => finish(() => reject(new Error(`the analysis took longer than ${this.timeLimitMs / 1000} s`)), true), this.timeLimitMs)
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
      signal?.addEventListener('abort', onAbort)
      if (signal?.aborted) return onAbort()
      const request: AnalyseRequest = { id, input }
      worker.postMessage(request)
    })
  }
}
