// Hostile imports through the service: while a pathological file is read, the
// service keeps answering (imports parse in a worker thread), and the import
// finishes or is refused within its limit. On 400994d each of these inputs
// stalled every other request for the whole parse (seconds to minutes).

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { IMPORT_TIME_LIMIT_MS } from '../../shared/limits'
import { openService, type DossierService } from '../service'

const enc = (text: string): Uint8Array => new TextEncoder().encode(text)

let root: string
let service: DossierService

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-dos-'))
  service = await openService(join(root, 'archive'))
})
afterEach(async () => {
  await service.close()
  await rm(root, { recursive: true, force: true })
})

/** Imports `data` while asking listArticles every 50 ms; the latest answer (past when it was due) and how the import ended. */
async function importWhileAsking(name: string, data: Uint8Array) {
  let slowest = 0
  let asked = 0
  let done = false
  const started = Date.now()
  // Lateness is counted from when each ask was due, so a stall while waiting to ask counts too;
  // the first is due at once (on 400994d the parse ran inside the importFiles call itself).
  let due = performance.now()
  const importing = service.api.importFiles([{ name, data }]).finally(() => {
    done = true
  })
  while (!done) {
    const answer = await service.api.listArticles()
    const at = performance.now()
    expect(answer.ok).toBe(true)
    slowest = Math.max(slowest, at - due)
    asked++
    due = at + 50
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  // An ask that came due while the thread was busy is answered only now: that lateness counts too.
  expect((await service.api.listArticles()).ok).toBe(true)
  slowest = Math.max(slowest, performance.now() - due)
  const result = await importing
  if (!result.ok) throw new Error(result.error.message)
  return { slowest, asked, elapsed: Date.now() - started, outcome: result.value }
}

describe('the service keeps answering while a hostile file is imported', () => {
  it.each([
    // The Markdown shapes are escaped before markdown-it sees them, so these now import whole.
    ['a 2 MB Markdown paragraph of bracket lines (quadratic in markdown-it)', 'brackets.md', () => '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\n'.repeat(50_000), true],
    ['a 4 MB one-line run of *_a (emphasis delimiters: quadratic, and gigabytes)', 'stars.md', () => '*_a'.repeat(1_400_000), true],
    ['20,000 nested div/span/table/tr/td (recursion)', 'nested.html', () => `<html><body>${'<div><span><table><tr><td>'.repeat(20_000)}x</body></html>`, false],
  ])('%s: listArticles answers within 200 ms throughout, and the import ends within its limit', { timeout: 90_000 }, async (_what, name, make, imports) => {
    const { slowest, asked, elapsed, outcome } = await importWhileAsking(name, enc(make()))
    expect(asked).toBeGreaterThan(1)
    expect(slowest).toBeLessThan(200)
    expect(elapsed).toBeLessThan(IMPORT_TIME_LIMIT_MS + 5_000)
    expect(outcome.imported.length + outcome.failed.length).toBe(1)
    if (imports) expect(outcome.imported.map((meta) => meta.fileName)).toEqual([name])
    for (const failure of outcome.failed) expect(failure.message).toMatch(/took longer than|needs more than|could not be read/)
  })
})
