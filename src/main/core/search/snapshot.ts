// The saved form of a segment: one file per segment (so no single string nears
// V8's 512 MiB cap), a fixed header (magic, format version, payload length,
// CRC-32) and the payload; the CRC catches truncated or garbled files, the
// version catches files from another release, and the content stamp (a hash of
// the articles' own stamps) ties the tables together.
//
// Payload (format 4): a small JSON part (articles, document records without
// their texts, the term list, table sizes), then raw little-endian typed
// arrays: text lengths (u32, UTF-16 units), field lengths (u16), posting-list
// table (u32 triples), document numbers (i32) and frequencies (u16), and last
// every text as one UTF-8 block. Loading copies the tables straight into typed
// arrays and decodes the texts as one string that records slice (V8 keeps
// slices as views): no per-posting or per-text parsing. Format 2 (MiniSearch's
// JSON, a Map per term rebuilt from objects) took 5–8 s at 10,000 articles;
// format 3 (texts inside the JSON) spent most of its load parsing them.

import { createHash } from 'node:crypto'
import { readdir, readFile, rm } from 'node:fs/promises'
import { endianness } from 'node:os'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { writeFileDurably } from '../store/durable-file'
import { FIELD_COUNT, type DocRecord, type IndexedArticle, type SegmentParts } from './segment'

/** Bump when the payload, the tokeniser or the scoring tables change meaning. */
export const INDEX_FORMAT_VERSION = 4
const MAGIC = Buffer.from('DOSSIDX\n', 'latin1')
const HEADER_BYTES = MAGIC.length + 12
const FILE_PATTERN = /^segment-(\d{1,9})\.dsx$/

if (endianness() !== 'LE') throw new Error('the search index format assumes a little-endian machine')

export const segmentFileName = (id: number): string => `segment-${String(id).padStart(6, '0')}.dsx`

/** A hash of the segment's article ids and stamps, in id order. */
export function contentStamp(articles: readonly Pick<IndexedArticle, 'id' | 'stamp'>[]): string {
  const hash = createHash('sha256')
  for (const a of [...articles].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) hash.update(`${a.id}\u0000${a.stamp}\n`)
  return hash.digest('hex').slice(0, 32)
}

interface Meta {
  contentStamp: string
  id: number
  articles: IndexedArticle[]
  /** Without `text`: the texts follow as one block. */
  records: Omit<DocRecord, 'text'>[]
  terms: string[]
  lists: number
  postings: number
  textBytes: number
}

const bytesOf = (array: ArrayBufferView): Buffer => Buffer.from(array.buffer, array.byteOffset, array.byteLength)

export function encodeSnapshot(parts: SegmentParts): Buffer {
  const texts = Buffer.from(parts.records.map((r) => r.text).join(''), 'utf8')
  const meta: Meta = {
    contentStamp: contentStamp(parts.articles),
    id: parts.id,
    articles: parts.articles,
    records: parts.records.map(({ text: _text, ...rest }) => rest),
    terms: parts.terms,
    lists: parts.lists.length / 3,
    postings: parts.docs.length,
    textBytes: texts.length,
  }
  const json = Buffer.from(JSON.stringify(meta), 'utf8')
  const jsonLength = Buffer.alloc(4)
  jsonLength.writeUInt32LE(json.length)
  const textLengths = Uint32Array.from(parts.records, (r) => r.text.length)
  const payload = Buffer.concat([jsonLength, json, bytesOf(textLengths), bytesOf(parts.fieldLengths), bytesOf(parts.lists), bytesOf(parts.docs), bytesOf(parts.freqs), texts])
  const header = Buffer.alloc(HEADER_BYTES)
  MAGIC.copy(header, 0)
  header.writeUInt32LE(INDEX_FORMAT_VERSION, MAGIC.length)
  header.writeUInt32LE(payload.length, MAGIC.length + 4)
  header.writeUInt32LE(crc32(payload), MAGIC.length + 8)
  return Buffer.concat([header, payload])
}

export class SnapshotError extends Error {
  override name = 'SnapshotError'
}

function looksLikeMeta(value: unknown): value is Meta {
  if (value === null || typeof value !== 'object') return false
  const meta = value as Partial<Meta>
  return (
    typeof meta.contentStamp === 'string' &&
    Number.isInteger(meta.id) &&
    Array.isArray(meta.articles) &&
    Array.isArray(meta.records) &&
    Array.isArray(meta.terms) &&
    Number.isInteger(meta.lists) &&
    Number.isInteger(meta.postings) &&
    Number.isInteger(meta.textBytes) &&
    meta.records.every((r) => r !== null && typeof r === 'object' && typeof r.articleId === 'string' && typeof r.kind === 'string') &&
    meta.articles.every((a) => a !== null && typeof a === 'object' && typeof a.id === 'string' && Array.isArray(a.docs) && Array.isArray(a.tags))
  )
}

/** Copies `count` elements of a typed array out of the payload (the copy also aligns them). */
function take<T extends Uint16Array | Uint32Array | Int32Array>(make: (n: number) => T, payload: Buffer, at: { offset: number }, count: number): T {
  const array = make(count)
  const bytes = array.byteLength
  if (at.offset + bytes > payload.length) throw new SnapshotError('has tables running past its end')
  bytesOf(array).set(payload.subarray(at.offset, at.offset + bytes))
  at.offset += bytes
  return array
}

/** The tables refer only to what exists: every document, term and field number in range. */
function checkConsistent(parts: SegmentParts): void {
  const docs = parts.records.length
  let total = 0
  for (let i = 0; i < parts.lists.length; i += 3) {
    if (parts.lists[i]! >= parts.terms.length || parts.lists[i + 1]! >= FIELD_COUNT) throw new SnapshotError('has a posting table out of range')
    total += parts.lists[i + 2]!
  }
  if (total !== parts.docs.length) throw new SnapshotError('has posting lists that do not add up')
  for (let i = 0; i < parts.docs.length; i++) if (parts.docs[i]! < 0 || parts.docs[i]! >= docs) throw new SnapshotError('has a posting naming a missing document')
  for (const article of parts.articles) for (const doc of article.docs) if (!Number.isInteger(doc) || doc < 0 || doc >= docs) throw new SnapshotError('has an article naming a missing document')
}

/** Throws SnapshotError naming what is wrong; never returns a half-valid segment. */
export function decodeSnapshot(bytes: Uint8Array, name: string): SegmentParts {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (buffer.length < HEADER_BYTES || !buffer.subarray(0, MAGIC.length).equals(MAGIC)) {
    throw new SnapshotError(`${name} is not a search index segment`)
  }
  const version = buffer.readUInt32LE(MAGIC.length)
  if (version !== INDEX_FORMAT_VERSION) throw new SnapshotError(`${name} has index format ${version}, expected ${INDEX_FORMAT_VERSION}`)
  const length = buffer.readUInt32LE(MAGIC.length + 4)
  const payload = buffer.subarray(HEADER_BYTES)
  if (payload.length !== length) throw new SnapshotError(`${name} is truncated (${payload.length} of ${length} bytes)`)
  if (crc32(payload) !== buffer.readUInt32LE(MAGIC.length + 8)) throw new SnapshotError(`${name} is damaged (checksum mismatch)`)
  try {
    if (payload.length < 4) throw new SnapshotError('has no tables')
    const jsonLength = payload.readUInt32LE(0)
    if (4 + jsonLength > payload.length) throw new SnapshotError('has tables running past its end')
    let meta: unknown
    try {
      meta = JSON.parse(payload.toString('utf8', 4, 4 + jsonLength))
    } catch (error) {
      throw new SnapshotError(`cannot be read: ${(error as Error).message}`)
    }
    if (!looksLikeMeta(meta)) throw new SnapshotError('has an unexpected shape')
    if (meta.contentStamp !== contentStamp(meta.articles)) throw new SnapshotError('has a stale content stamp')
    const at = { offset: 4 + jsonLength }
    const textLengths = take((n) => new Uint32Array(n), payload, at, meta.records.length)
    const fieldLengths = take((n) => new Uint16Array(n), payload, at, meta.records.length * FIELD_COUNT)
    const lists = take((n) => new Uint32Array(n), payload, at, meta.lists * 3)
    const docs = take((n) => new Int32Array(n), payload, at, meta.postings)
    const freqs = take((n) => new Uint16Array(n), payload, at, meta.postings)
    if (at.offset + meta.textBytes !== payload.length) throw new SnapshotError('has texts that do not fill its end')
    const texts = payload.toString('utf8', at.offset)
    const records = meta.records as DocRecord[]
    let position = 0
    records.forEach((record, i) => {
      const end = position + textLengths[i]!
      record.text = texts.slice(position, end)
      position = end
    })
    if (position !== texts.length) throw new SnapshotError('has text lengths that do not add up')
    const parts: SegmentParts = { id: meta.id, articles: meta.articles, records, terms: meta.terms, fieldLengths, lists, docs, freqs }
    checkConsistent(parts)
    return parts
  } catch (error) {
    if (error instanceof SnapshotError) throw new SnapshotError(`${name} ${error.message}`)
    throw error
  }
}

/** Segment ids on disk, newest (highest) first. */
export async function listSegmentFiles(dir: string): Promise<number[]> {
  let names: string[]
  try {
    names = await readdir(dir)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  return names
    .map((name) => FILE_PATTERN.exec(name))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => b - a)
}

export const readSegmentFile = (dir: string, id: number): Promise<Buffer> => readFile(join(dir, segmentFileName(id)))

export const writeSegmentFile = (dir: string, parts: SegmentParts): Promise<void> =>
  writeFileDurably(join(dir, segmentFileName(parts.id)), encodeSnapshot(parts))

export const deleteSegmentFile = (dir: string, id: number): Promise<void> => rm(join(dir, segmentFileName(id)), { force: true })
