// The import worker's entry point: parses one file at a time, off the thread
// that answers the app, so a pathological file costs its own thread only.

import { parentPort } from 'node:worker_threads'
import { DossierFailure } from '../../../shared/result'
import { contentHash, countWords, plainTextOf } from '../archive/text-stats'
import { importDocument, loadReaders } from '.'
import { normaliseLocal } from './local-path'
import { READY, type ParseReply, type ParseRequest } from './worker-protocol'

const port = parentPort
if (port === null) throw new Error('import worker started outside a worker thread')

port.on('message', (request: ParseRequest) => {
  void parse(request).then((reply) => port.postMessage(reply))
})
// The readers load before the worker says it is ready: the time limit counts from then, and is for reading, not for loading jsdom.
void loadReaders().then(() => port.postMessage(READY))

async function parse(request: ParseRequest): Promise<ParseReply> {
  try {
    const doc = await importDocument(request.file, {
      resolveLocal: (relative) => request.siblings.get(normaliseLocal(request.dir + relative)),
      ...(request.url !== undefined ? { url: request.url } : {}),
    })
    doc.textStats = { words: countWords(plainTextOf(doc.blocks)), contentHash: contentHash(doc.blocks) }
    return { id: request.id, type: 'document', doc }
  } catch (error) {
    const failure = error instanceof DossierFailure ? error : new DossierFailure('internal', `${request.file.name} could not be imported because of an internal error`)
    return { id: request.id, type: 'failure', code: failure.code, message: failure.message, ...(failure.file !== undefined ? { file: failure.file } : {}) }
  }
}
