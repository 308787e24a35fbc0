// Imports parse in a worker thread with a time and a memory limit. A file that
// passes either is refused with the reason, its worker is ended and a new one
// starts for the next file, and the thread that answers the app never waits on
// a parser. One worker: on two cores the other one answers the app.

import type { Worker } from 'node:worker_threads'
import type { ImportFile } from '../../../shared/api/library'
import { IMPORT_MEMORY_LIMIT_MB, IMPORT_TIME_LIMIT_MS } from '../../../shared/limits'
import { DossierFailure } from '../../../shared/result'
import type { ImportedDocument } from '../../../shared/types'
import { startWorker, type WorkerLocation } from '../search/worker-backend'
import { Turns } from '../store/turns'
import { READY, type ParseReply, type ParseRequest } from './worker-protocol'

export interface ImportPoolOptions {
  location?: WorkerLocation
  timeLimitMs?: number
  memoryLimitMb?: number
}

export interface ParseInput {
  file: ImportFile
  dir: string
  siblings: Map<string, Uint8Array>
  url?: string
}

/** worker.ts through tsx when running from source; import-worker.js beside the built chunk that holds this code. */
export function importWorkerLocation(moduleUrl: string = import.meta.url): WorkerLocation {
  return moduleUrl.endsWith('.ts') ? { url: new URL('./worker.ts', moduleUrl), viaTsx: true } : { url: new URL('./import-worker.js', moduleUrl) }
}

const seconds = (ms: number): string => `${Math.round(ms / 100) / 10} s`

interface Started {
  worker: Worker
  ready: Promise<void>
}

export class ImportPool {
  private started: Started | undefined
  private readonly turns = new Turns()
  private nextId = 1
  private closed = false
  private readonly location: WorkerLocation
  readonly timeLimitMs: number
  readonly memoryLimitMb: number

  constructor(options: ImportPoolOptions = {}) {
    this.location = options.location ?? importWorkerLocation()
    this.timeLimitMs = options.timeLimitMs ?? IMPORT_TIME_LIMIT_MS
    this.memoryLimitMb = options.memoryLimitMb ?? IMPORT_MEMORY_LIMIT_MB
  }

  /** Parses one file; files queue one after another. `signal` ends the parse in hand (a cancelled job). */
  parse(input: ParseInput, signal?: AbortSignal): Promise<ImportedDocument> {
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

  private start(): Started {
    const worker = startWorker(this.location, {
      resourceLimits: { maxOldGenerationSizeMb: this.memoryLimitMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, this.memoryLimitMb / 8)) },
    })
    // An idle worker must not keep a command-line run alive.
    worker.unref()
    const ready = new Promise<void>((resolve, reject) => {
      const onMessage = (message: unknown): void => {
        if (message !== READY) return
        worker.off('message', onMessage)
        resolve()
      }
      worker.on('message', onMessage)
      worker.once('error', reject)
      worker.once('exit', (code) => reject(new Error(`the import reader stopped as it started (code ${code})`)))
    })
    ready.catch(() => undefined)
    return { worker, ready }
  }

  private async run(input: ParseInput, signal?: AbortSignal): Promise<ImportedDocument> {
    if (this.closed) throw new DossierFailure('cancelled', 'Dossier is closing; the import was stopped')
    if (signal?.aborted) throw new DossierFailure('cancelled', 'The import was cancelled')
    const started = (this.started ??= this.start())
    try {
      started.worker.ref()
      await started.ready
    } catch (error) {
      if (this.started === started) this.started = undefined
      throw new DossierFailure('internal', `${input.file.name} could not be imported: the import reader did not start (${(error as Error).message.slice(0, 200)})`, input.file.name)
    }
    return this.send(started.worker, input, signal)
  }

  private send(worker: Worker, input: ParseInput, signal?: AbortSignal): Promise<ImportedDocument> {
    const name = input.file.name
    const id = this.nextId++
    return new Promise<ImportedDocument>((resolve, reject) => {
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
      const onMessage = (reply: ParseReply | typeof READY): void => {
        if (reply === READY || reply.id !== id) return
        if (reply.type === 'document') finish(() => resolve(reply.doc), false)
        else finish(() => reject(new DossierFailure(reply.code, reply.message, reply.file ?? name)), false)
      }
      const onError = (error: Error & { code?: string }): void => {
        const memory = error.code === 'ERR_WORKER_OUT_OF_MEMORY'
        const failure = memory
          ? new DossierFailure('too-large', `${name} needs more than ${this.memoryLimitMb} MB of memory to read, so it was not imported`, name)
          : new DossierFailure('parse-failed', `${name} could not be read (${error.message.slice(0, 200)})`, name)
        finish(() => reject(failure), true)
      }
      const onExit = (): void => finish(() => reject(new DossierFailure('parse-failed', `${name} could not be read: the reader stopped`, name)), true)
      const onAbort = (): void => finish(() => reject(new DossierFailure('cancelled', 'The import was cancelled')), true)
      const timer = setTimeout(
        () => finish(() => reject(new DossierFailure('parse-failed', `${name} took longer than ${seconds(this.timeLimitMs)} to read, so it was not imported`, name)), true),
        this.timeLimitMs,
      )
      worker.on('message', onMessage)
      worker.on('error', onError)
      worker.on('exit', onExit)
      signal?.addEventListener('abort', onAbort)
      if (signal?.aborted) return onAbort()
      const request: ParseRequest = { id, file: input.file, dir: input.dir, siblings: input.siblings, ...(input.url !== undefined ? { url: input.url } : {}) }
      worker.postMessage(request)
    })
  }
}

let shared: ImportPool | undefined

/** The process's one pool, started on first use. */
export function sharedImportPool(): ImportPool {
  return (shared ??= new ImportPool())
}
