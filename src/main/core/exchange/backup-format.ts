// The backup file: a zip holding `dossier-backup.json` (the manifest: every file
// with its size and sha-256) and the archive's files under `archive/`. Entries
// are checked from the zip's central directory before anything is unpacked.

import { z } from 'zod'
import { DossierFailure } from '../../../shared/result'

export const MANIFEST_NAME = 'dossier-backup.json'
export const FILES_PREFIX = 'archive/'
export const BACKUP_FORMAT_VERSION = 1
/** A backup is held in memory whole; beyond this it is refused rather than exhausting memory. */
export const MAX_BACKUP_BYTES = 2 * 1024 * 1024 * 1024

export const manifestSchema = z.object({
  format: z.literal('dossier-backup'),
  version: z.number().int().positive(),
  createdAt: z.string(),
  files: z.array(z.object({ path: z.string().min(1), size: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
})
export type Manifest = z.infer<typeof manifestSchema>

export interface ZipEntryInfo {
  name: string
  uncompressedSize: number
  isSymlink: boolean
}

/** Why a relative path may not be unpacked, or undefined when it is safe. */
export function unsafePathReason(path: string): string | undefined {
  if (path === '') return 'it has an empty name'
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) return 'it has an absolute path'
  if (path.includes('\\')) return 'it uses backslashes, which could climb out of the folder on Windows'
  if (path.includes('\0')) return 'its name holds a NUL character'
  const parts = path.split('/')
  if (parts.includes('..')) return 'it climbs out of the folder with ..'
  if (parts.slice(0, -1).includes('') || parts.includes('.')) return 'it has an empty or "." path segment'
  return undefined
}

const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const S_IFMT = 0o170000
const S_IFLNK = 0o120000

/**
 * Lists entries from the central directory. fflate does not expose external
 * attributes, which is where a symlink shows, so they are read here.
 */
export function readCentralDirectory(bytes: Uint8Array, fileName: string): ZipEntryInfo[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const truncated = (): DossierFailure =>
    new DossierFailure('damaged', `${fileName} is incomplete: the end of the zip is missing (the file looks truncated)`, fileName)
  let eocd = -1
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at -= 1) {
    if (view.getUint32(at, true) === EOCD) {
      eocd = at
      break
    }
  }
  if (eocd < 0) throw truncated()
  const count = view.getUint16(eocd + 10, true)
  const size = view.getUint32(eocd + 12, true)
  let at = view.getUint32(eocd + 16, true)
  if (at + size > eocd) throw truncated()
  const names = new TextDecoder()
  const entries: ZipEntryInfo[] = []
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL) throw truncated()
    const madeBy = view.getUint16(at + 4, true) >> 8
    const uncompressedSize = view.getUint32(at + 24, true)
    const nameLength = view.getUint16(at + 28, true)
    const extraLength = view.getUint16(at + 30, true)
    const commentLength = view.getUint16(at + 32, true)
    const external = view.getUint32(at + 38, true)
    const name = names.decode(bytes.subarray(at + 46, at + 46 + nameLength))
    // Unix (3) and macOS (19) keep the file mode in the high 16 bits.
    const isSymlink = (madeBy === 3 || madeBy === 19) && ((external >>> 16) & S_IFMT) === S_IFLNK
    entries.push({ name, uncompressedSize, isSymlink })
    at += 46 + nameLength + extraLength + commentLength
  }
  return entries
}
