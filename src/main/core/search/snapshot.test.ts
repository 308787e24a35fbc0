// The saved segment format (3): what is written reads back to the same index,
// and a damaged file is refused with a reason, never half-loaded.

import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import type { SearchRequest } from '../../../shared/search'
import { evaluate } from './evaluate'
import { Segment, type SegmentParts } from './segment'
import { SegmentedIndex } from './segmented-index'
import { decodeSnapshot, encodeSnapshot, INDEX_FORMAT_VERSION, SnapshotError } from './snapshot'
import { corpusInputs } from './testing/corpus'

function corpusSegment(): Segment {
  const segment = Segment.create(7)
  for (const input of corpusInputs()) segment.add(input)
  return segment
}

const QUERIES: SearchRequest[] = [
  { query: 'Torkham' },
  { query: 'Waziristn' },
  { query: '"cowardly act"' },
  { query: 'monsoon displ' },
  { query: 'note:UNHCR' },
  { query: 'tag:mathematics' },
  { query: 'Pakistan -TTP', sort: 'newest' },
]
const answers = (segment: Segment) => QUERIES.map((q) => evaluate([segment], q))

/** Rewrites the payload and its checksum, so only the structure checks can catch the damage. */
function reseal(bytes: Buffer, edit: (parts: SegmentParts) => void): Buffer {
  const parts = decodeSnapshot(bytes, 'segment')
  edit(parts)
  return encodeSnapshot(parts)
}

describe('segment snapshot format', () => {
  it('reads back to an index with the same answers', () => {
    const segment = corpusSegment()
    const bytes = encodeSnapshot(segment.toParts())
    expect(bytes.readUInt32LE(8)).toBe(INDEX_FORMAT_VERSION)
    const loaded = Segment.fromParts(decodeSnapshot(bytes, 'segment 7'))
    expect(loaded.id).toBe(7)
    expect(loaded.size).toBe(segment.size)
    expect(answers(loaded)).toEqual(answers(segment))
  })

  it('saves live documents only, and the reloaded segment takes edits and removals', () => {
    const segment = corpusSegment()
    const inputs = corpusInputs()
    segment.remove('cricket')
    const torkham = inputs.find((i) => i.article.id === 'torkham')!
    segment.add({ ...torkham, article: { ...torkham.article, blocks: [{ id: 'torkham-b1', type: 'paragraph', text: 'The Chaman crossing reopened.' }] }, stamp: 'edited' })
    const parts = segment.toParts()
    expect(parts.records.every((r) => r.articleId !== 'cricket')).toBe(true)
    const loaded = Segment.fromParts(decodeSnapshot(encodeSnapshot(parts), 'segment'))
    expect(answers(loaded)).toEqual(answers(segment))
    expect(evaluate([loaded], { query: 'Chaman' }).groups.map((g) => g.articleId)).toEqual(['torkham'])
    loaded.remove('torkham')
    loaded.add(inputs.find((i) => i.article.id === 'cricket')!)
    expect(evaluate([loaded], { query: 'Chaman' }).total).toBe(0)
    expect(evaluate([loaded], { query: 'Australia' }).groups.map((g) => g.articleId)).toEqual(['cricket'])
  })

  it('compacts a segment whose documents are mostly deleted, keeping its answers', () => {
    const segment = Segment.create(1)
    const inputs = corpusInputs()
    // Re-adding an article deletes its previous documents: enough churn to trigger compaction.
    for (let round = 0; round < 40; round++) for (const input of inputs) segment.add(input)
    const live = corpusSegment().liveDocs
    // Without compaction 40 × live document numbers would be in use; with it, at most a few hundred dead ones linger.
    expect(segment.liveDocs).toBe(live)
    expect(segment.docCount).toBeLessThanOrEqual(live * 2 + 500)
    const fresh = corpusSegment()
    expect(answers(segment).map((a) => a.groups.map((g) => [g.articleId, g.hits.map((h) => h.snippet.text)]))).toEqual(
      answers(fresh).map((a) => a.groups.map((g) => [g.articleId, g.hits.map((h) => h.snippet.text)])),
    )
  })

  it('takes new articles after compacting away every document it held', () => {
    const segment = Segment.create(1)
    const [first, second] = corpusInputs()
    const blocks = Array.from({ length: 600 }, (_, i) => ({ id: `long-b${i}`, type: 'paragraph' as const, text: `Passage ${i} about the convoy.` }))
    const long = { ...first!, article: { ...first!.article, id: 'long', blocks } }
    segment.add(long)
    segment.add(long) // re-adding deletes all 601 documents first: compaction leaves an empty segment
    segment.add(second!)
    expect(evaluate([segment], { query: 'convoy' }).groups[0]?.articleId).toBe('long')
    expect(evaluate([segment], { query: second!.article.title.split(' ')[0]! }).total).toBeGreaterThan(0)
    expect(Segment.fromParts(decodeSnapshot(encodeSnapshot(segment.toParts()), 's')).size).toBe(2)
  })

  it.each([
    ['a posting list naming a term that does not exist', (p: SegmentParts) => (p.lists[0] = p.terms.length), /posting table out of range/],
    ['a field number out of range', (p: SegmentParts) => (p.lists[1] = 99), /posting table out of range/],
    ['a posting naming a missing document', (p: SegmentParts) => (p.docs[p.docs.length - 1] = p.records.length), /missing document/],
    ['an article naming a missing document', (p: SegmentParts) => p.articles[0]!.docs.push(p.records.length + 3), /missing document/],
    ['posting lists that do not add up', (p: SegmentParts) => (p.lists[2] = p.lists[2]! + 1), /tables running past|do not add up/],
    ['a stale content stamp', (p: SegmentParts) => (p.articles[0]!.stamp = 'changed'), /stale content stamp/],
  ])('refuses a checksum-valid file with %s', (_what, edit, reason) => {
    const bytes = encodeSnapshot(corpusSegment().toParts())
    // The stamp edit must survive re-encoding with the old stamp, so it is written into the JSON directly.
    const damaged = reason.source.includes('stale') ? staleStamp(bytes) : reseal(bytes, edit)
    expect(() => decodeSnapshot(damaged, 'segment 7')).toThrow(SnapshotError)
    expect(() => decodeSnapshot(damaged, 'segment 7')).toThrow(reason)
  })

  it('refuses a checksum-valid file whose text lengths do not add up', () => {
    const bytes = encodeSnapshot(corpusSegment().toParts())
    const damaged = resealPayload(bytes, (payload) => {
      const lengths = 4 + payload.readUInt32LE(0)
      payload.writeUInt32LE(payload.readUInt32LE(lengths) + 1, lengths)
    })
    expect(() => decodeSnapshot(damaged, 'segment 7')).toThrow(/segment 7 has text lengths that do not add up/)
  })

  it.each([
    ['truncated', (b: Buffer) => b.subarray(0, b.length - 10), /truncated/],
    ['garbled', (b: Buffer) => Buffer.from(b.map((x, i) => (i > 40 && i % 7 === 0 ? x ^ 0xff : x))), /checksum/],
    ['not a segment', () => Buffer.from('hello world, this is not an index'), /not a search index segment/],
    ['from format 3', (b: Buffer) => Buffer.from(b).fill(3, 8, 9), /index format 3/],
  ])('refuses a %s file, naming it', (_what, damage, reason) => {
    const bytes = encodeSnapshot(corpusSegment().toParts())
    expect(() => decodeSnapshot(damage(bytes), 'segment 7')).toThrow(/segment 7/)
    expect(() => decodeSnapshot(damage(bytes), 'segment 7')).toThrow(reason)
  })
})

/** A valid checksum over JSON whose content stamp no longer matches its articles. */
function staleStamp(bytes: Buffer): Buffer {
  const jsonLength = bytes.readUInt32LE(20)
  const json = bytes.subarray(24, 24 + jsonLength).toString('utf8').replace(/"stamp":"[^"]*"/, (m) => m.slice(0, -2) + 'X"')
  const jsonBytes = Buffer.from(json, 'utf8')
  const tables = bytes.subarray(24 + jsonLength)
  const length = Buffer.alloc(4)
  length.writeUInt32LE(jsonBytes.length)
  const payload = Buffer.concat([length, jsonBytes, tables])
  const header = Buffer.from(bytes.subarray(0, 20))
  header.writeUInt32LE(payload.length, 12)
  header.writeUInt32LE(crc32(payload), 16)
  return Buffer.concat([header, payload])
}

/** The same file with its payload edited in place and the checksum made valid again. */
function resealPayload(bytes: Buffer, edit: (payload: Buffer) => void): Buffer {
  const copy = Buffer.from(bytes)
  const payload = copy.subarray(20)
  edit(payload)
  copy.writeUInt32LE(crc32(payload), 16)
  return copy
}

describe('saving the index', () => {
  it('clears the temp files of saves cut short when the index opens, and nothing else', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dossier-index-temps-'))
    try {
      await writeFile(join(dir, '.segment-000003.dsx.0123456789ab.tmp'), 'half a segment')
      await writeFile(join(dir, 'readme.txt'), 'not ours to delete')
      const index = new SegmentedIndex(dir)
      expect(await index.list()).toEqual([])
      expect(await readdir(dir)).toEqual(['readme.txt'])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('a flush called while another is writing resolves only once the segment is on disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dossier-flush-'))
    try {
      const index = new SegmentedIndex(dir)
      await index.list()
      for (const input of corpusInputs()) index.upsert(input)
      const first = index.flush()
      await index.flush()
      expect((await readdir(dir)).filter((name) => !name.endsWith('.tmp'))).toEqual(['segment-000001.dsx'])
      await first
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
