// Messages between WorkerBackend and the search worker. Requests carry an id;
// the worker answers each once, in order; progress arrives as separate messages.

import type { SearchRequest } from '../../../shared/search'
import type { IndexInput } from './segment'

export interface WorkerInit {
  dir: string
  segmentCapacity?: number
}

export type WorkerCall =
  | { op: 'list' }
  | { op: 'load' }
  | { op: 'stamps' }
  | { op: 'upsert'; inputs: IndexInput[] }
  | { op: 'remove'; ids: string[] }
  | { op: 'search'; request: SearchRequest }
  | { op: 'flush' }

export type WorkerRequest = { id: number } & WorkerCall

export type WorkerMessage =
  | { type: 'result'; id: number; value: unknown }
  | { type: 'error'; id: number; message: string }
  | { type: 'progress'; loaded: number; total: number }
