// Run in a fresh process by the search suite: opens a saved index and reports
// when the first search was answered and when the whole index was loaded,
// measured from process start (performance.now()). The suite runs it bundled
// to plain JS with the search worker built beside it, as the app ships them,
// so tsx's compile-on-load is not counted; given no worker path, it runs the
// worker from source through tsx.

import { readFileSync } from 'node:fs'
import { pathToFileURL } from 'node:url'
import { SearchEngine } from '../src/main/core/search'

const [dir, stampsFile, query, workerPath] = process.argv.slice(2) as [string, string, string, string | undefined]
const stamps = JSON.parse(readFileSync(stampsFile, 'utf8')) as { id: string; stamp: string }[]
let reloads = 0
const engine = await SearchEngine.open(
  dir,
  {
    listArticles: async () => stamps,
    loadArticle: async () => {
      reloads++
      return undefined
    },
  },
  workerPath === undefined ? {} : { worker: { url: pathToFileURL(workerPath) } },
)
const openMs = performance.now()
let firstMs = NaN
let firstTotal = 0
// Poll as a user typing would: the first answer with results counts.
for (;;) {
  const response = await engine.search({ query })
  if (response.total > 0) {
    firstMs = performance.now()
    firstTotal = response.total
    break
  }
  if (engine.status().state === 'ready') break
  await new Promise((resolve) => setTimeout(resolve, 5))
}
await engine.whenReady()
const readyMs = performance.now()
const rssMb = process.memoryUsage().rss / 2 ** 20
await engine.close()
process.stdout.write(JSON.stringify({ openMs, firstMs, firstTotal, readyMs, rssMb, reloads }) + '\n')
