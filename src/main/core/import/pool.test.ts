// The import pool: files parse in a worker thread under a time and a memory
// limit; a file past either is refused with the reason and the next file is
// read by a fresh worker.

import { afterEach, describe, expect, it } from 'vitest'
import { DossierFailure } from '../../../shared/result'
import { contentHash, countWords, plainTextOf } from '../archive/text-stats'
import { ImportPool } from './pool'

const enc = (text: string): Uint8Array => new TextEncoder().encode(text)
const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
const pools: ImportPool[] = []
const pool = (options: ConstructorParameters<typeof ImportPool>[0] = {}): ImportPool => {
  const made = new ImportPool(options)
  pools.push(made)
  return made
}
const refusal = async (work: Promise<unknown>): Promise<DossierFailure> => {
  const error = await work.then(
    () => undefined,
    (thrown: unknown) => thrown,
  )
  if (!(error instanceof DossierFailure)) throw new Error(`expected a DossierFailure, got ${String(error)}`)
  return error
}
const ordinary = { file: { name: 'note.md', data: enc('# Storage\n\nThe operator added 2 GW in 2023.\n') }, dir: '', siblings: new Map<string, Uint8Array>() }
/** A long ordinary report (about 13 MB, under the size cap): many seconds to read, far past a limit of two. */
const longReport = (): string =>
  Array.from({ length: 120_000 }, (_, i) => `Paragraph ${i}: officials said *at least ${i}* people were present, per [the statement](https://example.org/${i}).`).join('\n\n')

afterEach(async () => {
  for (const made of pools.splice(0)) await made.close()
})

// Each test starts one or two workers, which load every reader first (seconds under tsx on a busy machine).
describe('ImportPool', { timeout: 60_000 }, () => {
  it('reads a file in the worker and returns its document, images from the saved page included', async () => {
    const page = { name: 'Page.html', data: enc('<html><head><title>Harbour</title></head><body><article><h1>Harbour</h1><p>Ships wait.</p><img src="Page_files/a.png"><p>Talks stall over pay and hours at the port.</p></article></body></html>') }
    const doc = await pool().parse({ file: page, dir: '', siblings: new Map([['Page_files/a.png', PNG]]) })
    expect(doc.blocks.map((b) => b.text).join(' ')).toMatch(/Ships wait/)
    expect(doc.assets?.map((a) => a.mime)).toEqual(['image/png'])
  })

  it('works out the word count and content hash in the worker, equal to what the archive would work out', async () => {
    const doc = await pool().parse(ordinary)
    expect(doc.textStats).toEqual({ words: 7, contentHash: contentHash(doc.blocks) })
    expect(doc.textStats?.words).toBe(countWords(plainTextOf(doc.blocks)))
  })

  it('carries an importer refusal across the thread with its code, message and file', async () => {
    const error = await refusal(pool().parse({ file: { name: 'empty.txt', data: enc('   \n') }, dir: '', siblings: new Map() }))
    expect(error).toMatchObject({ code: 'empty-file', file: 'empty.txt', message: expect.stringMatching(/^empty\.txt holds only blank space/) })
  })

  it('refuses a file that takes longer than the limit, naming it, and reads the next file with a new worker', async () => {
    const slow = pool({ timeLimitMs: 2_000 })
    const error = await refusal(slow.parse({ file: { name: 'report.md', data: enc(longReport()) }, dir: '', siblings: new Map() }))
    expect(error).toMatchObject({ code: 'parse-failed', message: 'report.md took longer than 2 s to read, so it was not imported', file: 'report.md' })
    expect((await slow.parse(ordinary)).title).toBe('Storage')
  })

  it('refuses a file that needs more memory than the limit, naming it, and reads the next file', async () => {
    const small = pool({ memoryLimitMb: 48 })
    const page = `<html><body>${'<p>a</p>'.repeat(200_000)}</body></html>`
    const error = await refusal(small.parse({ file: { name: 'many.html', data: enc(page) }, dir: '', siblings: new Map() }))
    expect(error).toMatchObject({ code: 'too-large', message: 'many.html needs more than 48 MB of memory to read, so it was not imported' })
    expect((await small.parse(ordinary)).title).toBe('Storage')
  })

  it('stops the file in hand when its job is cancelled, and reads the next one', async () => {
    const cancellable = pool()
    const abort = new AbortController()
    const running = cancellable.parse({ file: { name: 'report.md', data: enc(longReport()) }, dir: '', siblings: new Map() }, abort.signal)
    setTimeout(() => abort.abort(), 100)
    expect(await refusal(running)).toMatchObject({ code: 'cancelled' })
    expect((await cancellable.parse(ordinary)).title).toBe('Storage')
  })

  it('refuses work once closed', async () => {
    const closing = pool()
    await closing.close()
    expect(await refusal(closing.parse(ordinary))).toMatchObject({ code: 'cancelled' })
  })
})
