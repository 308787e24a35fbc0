// Run in a fresh process by the search suite: opens a saved FTS5 index and
// reports, from process start, when the first query was answered (top 20 with
// snippets and the total) and when the vocabulary for typos was read, with the
// resident memory then. Bundled to plain JS first, as cold-start.ts is.

import { readFileSync } from 'node:fs'
import { Fts5Peer } from './lib/fts5'

const [dir, idsFile, match] = process.argv.slice(2) as [string, string, string]
const peer = new Fts5Peer(dir)
peer.open(JSON.parse(readFileSync(idsFile, 'utf8')) as string[], false)
const ids = peer.searchMatch(match)
const firstMs = performance.now()
peer.loadVocabulary()
const readyMs = performance.now()
const rssMb = process.memoryUsage().rss / 2 ** 20
peer.close()
process.stdout.write(JSON.stringify({ firstMs, readyMs, rssMb, firstTotal: peer.total, firstIds: ids.length }) + '\n')
