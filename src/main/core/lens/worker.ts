// The analysis worker: one article at a time, off the thread that answers the app.

import { parentPort } from 'node:worker_threads'
import { analyseArticle } from './analyse'
import { READY, type AnalyseReply, type AnalyseRequest } from './worker-protocol'

const port = parentPort
if (port === null) throw new Error('analysis worker started outside a worker thread')

port.on('message', (request: AnalyseRequest) => {
  let reply: AnalyseReply
  try {
    reply = { id: request.id, type: 'analysis', analysis: analyseArticle(request.input) }
  } catch (error) {
    reply = { id: request.id, type: 'failure', message: (error as Error).message.slice(0, 200) }
  }
  port.postMessage(reply)
})
port.postMessage(READY)
