// Cancellable jobs of the exchange feature (export, backup, restore, merge).
// cancelJob in the library API asks here too, so one cancel reaches every job.

import type { JobKind } from '../../shared/events'
import { DossierFailure, type DossierError } from '../../shared/result'
import type { EventBus } from './events'
import { newId } from '../core/archive/archive'

export interface RunningJob {
  signal: AbortSignal
  progress(done: number, total: number, current?: string): void
}

export class ExchangeJobs {
  private readonly running = new Map<string, AbortController>()

  constructor(private readonly events: EventBus) {}

  /** True when the job was running here; it stops at its next check. */
  cancel(jobId: string): boolean {
    const controller = this.running.get(jobId)
    if (controller === undefined) return false
    controller.abort()
    return true
  }

  /** Runs work as a job that reports progress and ends with one final state event. */
  async run<T>(kind: JobKind, jobId: string | undefined, work: (job: RunningJob) => Promise<T>): Promise<T> {
    const id = jobId ?? newId()
    if (this.running.has(id)) throw new DossierFailure('conflict', `a job named ${id} is already running`)
    const controller = new AbortController()
    this.running.set(id, controller)
    let done = 0
    let total = 0
    const emit = (state: 'running' | 'done' | 'cancelled' | 'failed', errors: DossierError[] = [], current?: string) =>
      this.events.emit('job-progress', { jobId: id, kind, state, done, total, errors, ...(current ? { current } : {}) })
    try {
      const value = await work({
        signal: controller.signal,
        progress: (d, t, current) => {
          done = d
          total = t
          emit('running', [], current)
        },
      })
      emit('done')
      return value
    } catch (error) {
      const code = (error as { code?: unknown }).code
      emit(code === 'cancelled' ? 'cancelled' : 'failed')
      throw error
    } finally {
      this.running.delete(id)
    }
  }
}
