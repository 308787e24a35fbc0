// The backup file: a zip holding `dossier-backup.json` (the manifest: every file
// with its size and sha-256) and the archive's files under `archive/`. Entries
// are checked from the zip's central directory before anything is unpacked.

import { z } from 'zod'
import { isSafeAssetName, isSafeId } from '../../../shared/ids'
import { DossierFailure } from '../../../shared/result'
import { LOCK_FILE } from '../archive/lock'
import { unsafePathReason } from '../store/inside'

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

/** Unpacked size may be at most this many times the backup's own size: deflate reaches ~1000×, real archives ~5–10×. */
export const MAX_EXPANSION_RATIO = 100
/** Below this much unpacked, the ratio is not judged (tiny archives of repeated text compress far). */
export const RATIO_FREE_BYTES = 64 * 1024 * 1024

const ROOT_FILES = new Set(['catalog.json', 'catalog.json.bak', 'state.json', 'state.json.bak', LOCK_FILE])
const ROOT_FOLDERS = new Set(['articles', 'assets', 'notes', 'index', 'backups'])

/**
 * Why a path may not be restored into an archive, or undefined when it may.
 * Files Dossier keeps for itself (the lock, temp files of cut-short writes,
 * an interrupted merge's journal: every name starting with ".") are never in a
 * backup Dossier made, and restored they would be trusted as its own.
 */
export function archiveEntryProblem(path: string): string | undefined {
  const unsafe = unsafePathReason(path)
  if (unsafe !== undefined) return unsafe
  // "dossier.lock/" would be written as dossier.lock.
  if (path.endsWith('/')) return 'it names a folder, not a file'
  const parts = path.split('/')
  if (parts.length > 1 && ROOT_FILES.has(parts[0]!)) return 'it would turn one of the archive\'s own files into a folder'
  if (parts.length === 1 && ROOT_FOLDERS.has(parts[0]!)) return 'it would turn one of the archive\'s folders into a file'
  if (path === LOCK_FILE) return 'it is the lock of a running Dossier, which a backup never holds'
  if (parts.some((part) => part.startsWith('.'))) return 'it is Dossier\'s internal state (a temporary file or journal), which a backup never holds'
  if (parts[0] === 'articles') {
    const id = parts.length === 2 && parts[1]!.endsWith('.json') ? parts[1]!.slice(0, -'.json'.length) : undefined
    if (id === undefined || !isSafeId(id)) return 'it is not an article file Dossier writes (articles/<id>.json)'
  }
  if (parts[0] === 'assets' && (parts.length !== 3 || !isSafeId(parts[1]) || !isSafeAssetName(parts[2]))) {
    return 'it is not an image file Dossier writes (assets/<id>/<name>)'
  }
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
