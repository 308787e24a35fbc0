// The saved form of a segment: one file per segment (so no single string nears
// V8's 512 MiB cap), a fixed header (magic, format version, payload length,
// CRC-32) and the payload; the CRC catches truncated or
// garbled files, the version catches files from another release, and the
// content stamp (a hash of the articles' own stamps) ties the tables together.
// The payload is JSON: measured, V8's serialiser was 4x slower to read back
// MiniSearch's term maps (objects keyed by numeric ids) than JSON.parse.

import { createHash } from 'node:crypto'
import { readdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { crc32 } from 'node:zlib'
import { writeFileDurably } from '../store/durable-file'
import type { IndexedArticle, SegmentSnapshot } from './segment'

/** Bump when the payload, the tokeniser or the MiniSearch options change meaning. */
export const INDEX_FORMAT_VERSION = 2
const MAGIC = Buffer.from('DOSSIDX\n', 'latin1')
const HEADER_BYTES = MAGIC.length + 12
const FILE_PATTERN = /^segment-(\d{1,9})\.dsx$/

export const segmentFileName = (id: number): string => `segment-${String(id).padStart(6, '0')}.dsx`

/** A hash of the segment's article ids and stamps, in id order. */
export function contentStamp(articles: readonly Pick<IndexedArticle, 'id' | 'stamp'>[]): string {
  const hash = createHash('sha256')
  for (const a of [...articles].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0))) hash.update(`${a.id}\u0000${a.stamp}\n`)
  return hash.digest('hex').slice(0, 32)
}

interface Payload {
  contentStamp: string
  segment: SegmentSnapshot
}

export function encodeSnapshot(segment: SegmentSnapshot): Buffer {
  const payload = Buffer.from(JSON.stringify({ contentStamp: contentStamp(segment.articles), segment } satisfies Payload), 'utf8')
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

function looksLikeSnapshot(value: unknown): value is Payload {
  if (value === null || typeof value !== 'object') return false
  const { contentStamp: stamp, segment } = value as Partial<Payload>
  return (
    typeof stamp === 'string' &&
    segment !== null &&
    typeof segment === 'object' &&
    typeof segment.id === 'number' &&
    typeof segment.nextDoc === 'number' &&
    Array.isArray(segment.articles) &&
    Array.isArray(segment.docs) &&
    segment.index !== null &&
    typeof segment.index === 'object'
  )
}

/** Throws SnapshotError naming what is wrong; never returns a half-valid segment. */
export function decodeSnapshot(bytes: Uint8Array, name: string): SegmentSnapshot {
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
  let value: unknown
  try {
    value = JSON.parse(payload.toString('utf8'))
  } catch (error) {
    throw new SnapshotError(`${name} cannot be read: ${(error as Error).message}`)
  }
  if (!looksLikeSnapshot(value)) throw new SnapshotError(`${name} has an unexpected shape`)
  if (value.contentStamp !== contentStamp(value.segment.articles)) throw new SnapshotError(`${name} has a stale content stamp`)
  return value.segment
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

export const writeSegmentFile = (dir: string, segment: SegmentSnapshot): Promise<void> =>
  writeFileDurably(join(dir, segmentFileName(segment.id)), encodeSnapshot(segment))

export const deleteSegmentFile = (dir: string, id: number): Promise<void> => rm(join(dir, segmentFileName(id)), { force: true })
