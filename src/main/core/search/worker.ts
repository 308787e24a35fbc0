// The search worker's entry point: holds a SegmentedIndex and answers
// WorkerBackend's requests. Loading runs between requests, so searches are
// answered from the segments already loaded.

import { parentPort, workerData } from 'node:worker_threads'
import { SegmentedIndex } from './segmented-index'
import type { WorkerInit, WorkerMessage, WorkerRequest } from './worker-protocol'

const port = parentPort
if (port === null) throw new Error('search worker started outside a worker thread')
const init = workerData as WorkerInit
const index = new SegmentedIndex(init.dir, init.segmentCapacity)
const send = (message: WorkerMessage): void => port.postMessage(message)

async function handle(request: WorkerRequest): Promise<unknown> {
  switch (request.op) {
    case 'list':
      return index.list()
    case 'load':
      return index.load((loaded, total) => send({ type: 'progress', loaded, total }))
    case 'stamps':
      return index.stamps()
    case 'upsert':
      for (const input of request.inputs) index.upsert(input)
      return index.articleCount
    case 'remove':
      for (const id of request.ids) index.remove(id)
      return index.articleCount
    case 'search':
      return index.search(request.request)
    case 'flush':
      return index.flush()
  }
}

port.on('message', (request: WorkerRequest) => {
  handle(request).then(
    (value) => send({ type: 'result', id: request.id, value }),
    (error: unknown) => send({ type: 'error', id: request.id, message: error instanceof Error ? error.message : String(error) }),
  )
})
