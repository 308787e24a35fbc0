// Whole-archive backup to one file, and its verification. A backup is only
// trusted when every file is present, nothing else is, and each matches the
// sha-256 its manifest records.

import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import { setImmediate as nextTurn } from 'node:timers/promises'
import { unzipSync, zipSync, type Zippable } from 'fflate'
import { DossierFailure } from '../../../shared/result'
import {
  BACKUP_FORMAT_VERSION,
  FILES_PREFIX,
  MANIFEST_NAME,
  MAX_BACKUP_BYTES,
  MAX_EXPANSION_RATIO,
  RATIO_FREE_BYTES,
  archiveEntryProblem,
  manifestSchema,
  readCentralDirectory,
  type Manifest,
} from './backup-format'
import { catalogSchema, stateSchema } from '../archive/schema'
import { unsafePathReason } from '../store/inside'

export type { Manifest } from './backup-format'

export interface PackOptions {
  onProgress?: (done: number, total: number) => void
  signal?: AbortSignal
  /** ISO timestamp for the manifest; defaults to now. */
  createdAt?: string
}

const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex')

/**
 * Regular files under dir, relative with `/`. Symlinks are left out, and so is
 * what Dossier keeps for itself (the lock, temp files, a merge's journal):
 * restore refuses those, so a backup carrying them could never come back.
 */
async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .filter((path) => archiveEntryProblem(path) === undefined)
    .sort()
}

export async function packArchive(dir: string, options: PackOptions = {}): Promise<Uint8Array> {
  const paths = await listFiles(dir)
  const zippable: Zippable = {}
  const files: Manifest['files'] = []
  for (const [index, path] of paths.entries()) {
    if (options.signal?.aborted) throw new DossierFailure('cancelled', 'The backup was cancelled')
    const data = new Uint8Array(await readFile(join(dir, ...path.split('/'))))
    zippable[FILES_PREFIX + path] = data
    files.push({ path, size: data.byteLength, sha256: sha256(data) })
    options.onProgress?.(index + 1, paths.length)
    await nextTurn()
  }
  if (options.signal?.aborted) throw new DossierFailure('cancelled', 'The backup was cancelled')
  const manifest: Manifest = {
    format: 'dossier-backup',
    version: BACKUP_FORMAT_VERSION,
    createdAt: options.createdAt ?? new Date().toISOString(),
    files,
  }
  const manifestBytes = new TextEncoder().encode(JSON.stringify(manifest, null, 1))
  return zipSync({ [MANIFEST_NAME]: manifestBytes, ...zippable }, { level: 6 })
}

export interface OpenedBackup {
  manifest: Manifest
  /** File contents by archive-relative path, each already checked against the manifest. */
  files: Map<string, Uint8Array>
}

/** Verifies everything and returns the contents; throws DossierFailure naming the file and the reason. */
export function openBackup(bytes: Uint8Array, fileName = 'the backup'): OpenedBackup {
  const foreign = (why: string): DossierFailure =>
    new DossierFailure('unsupported-format', `${fileName} is not a Dossier backup: ${why}`, fileName)
  const damaged = (why: string): DossierFailure => new DossierFailure('damaged', `${fileName} is damaged: ${why}`, fileName)
  if (bytes.byteLength > MAX_BACKUP_BYTES) {
    throw new DossierFailure('too-large', `${fileName} is larger than the ${MAX_BACKUP_BYTES / 1024 ** 3} GB a backup may be`, fileName)
  }
  if (bytes.byteLength < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b || bytes[2] !== 0x03 || bytes[3] !== 0x04) {
    throw foreign('it is not a zip file')
  }
  const entries = readCentralDirectory(bytes, fileName)
  let declared = 0
  for (const entry of entries) {
    const unsafe = unsafePathReason(entry.name)
    if (unsafe !== undefined) throw damaged(`the entry “${entry.name}” is refused because ${unsafe}`)
    if (entry.isSymlink) throw damaged(`the entry “${entry.name}” is refused because it is a symbolic link`)
    declared += entry.uncompressedSize
  }
  if (declared > MAX_BACKUP_BYTES) throw damaged('it would unpack to more than a backup may hold')
  // fflate sizes each output by the size the zip declares, so this bounds the memory unpacking takes.
  if (declared > RATIO_FREE_BYTES && declared > bytes.byteLength * MAX_EXPANSION_RATIO) {
    throw damaged(`it would unpack to ${Math.round(declared / bytes.byteLength)} times its own size, more than the ${MAX_EXPANSION_RATIO} times a backup may (a zip bomb?)`)
  }
  if (!entries.some((entry) => entry.name === MANIFEST_NAME)) throw foreign(`it has no ${MANIFEST_NAME}`)

  let unzipped: Record<string, Uint8Array>
  try {
    unzipped = unzipSync(bytes)
  } catch (error) {
    throw damaged(`the zip cannot be unpacked (${(error as Error).message})`)
  }
  const manifestBytes = unzipped[MANIFEST_NAME]
  let manifest: Manifest
  try {
    manifest = manifestSchema.parse(JSON.parse(new TextDecoder().decode(manifestBytes)))
  } catch (error) {
    throw damaged(`its manifest cannot be read (${(error as Error).message.slice(0, 200)})`)
  }
  if (manifest.version > BACKUP_FORMAT_VERSION) {
    throw new DossierFailure(
      'unsupported-format',
      `${fileName} was made by a newer Dossier (backup format ${manifest.version}); this Dossier reads format ${BACKUP_FORMAT_VERSION}`,
      fileName,
    )
  }
  const files = new Map<string, Uint8Array>()
  for (const file of manifest.files) {
    const unsafe = archiveEntryProblem(file.path)
    if (unsafe !== undefined) throw damaged(`the manifest lists “${file.path.slice(0, 200)}”, refused because ${unsafe}`)
    if (files.has(file.path)) throw damaged(`the manifest lists “${file.path.slice(0, 200)}” twice`)
    const data = unzipped[FILES_PREFIX + file.path]
    if (data === undefined) throw damaged(`${file.path} is listed in the manifest but missing`)
    if (data.byteLength !== file.size || sha256(data) !== file.sha256) {
      throw damaged(`${file.path} does not match its recorded checksum (the file was changed or corrupted)`)
    }
    files.set(file.path, data)
  }
  const extra = Object.keys(unzipped).find(
    (name) => name !== MANIFEST_NAME && !name.endsWith('/') && !(name.startsWith(FILES_PREFIX) && files.has(name.slice(FILES_PREFIX.length))),
  )
  if (extra !== undefined) throw damaged(`it holds “${extra}”, which its manifest does not list`)
  // A name used both as a file and as a folder cannot be unpacked: the second write would fail half-way.
  const folders = (path: string): string[] => path.split('/').slice(0, -1).map((_, i, parts) => parts.slice(0, i + 1).join('/'))
  const clash = [...files.keys()].find((path) => folders(path).some((folder) => files.has(folder)))
  if (clash !== undefined) throw damaged(`it holds “${clash.slice(0, 200)}” inside a name that is also a file`)
  checkContent(files, damaged)
  return { manifest, files }
}

/** The catalog and state must be ones this Dossier opens: restored, they are trusted as its own. */
function checkContent(files: Map<string, Uint8Array>, damaged: (why: string) => DossierFailure): void {
  const check = (path: string, parse: (data: unknown) => unknown): void => {
    const data = files.get(path)
    if (data === undefined) return
    try {
      parse(JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(data)))
    } catch (error) {
      const issues = (error as { issues?: { path: PropertyKey[]; message: string }[] }).issues
      const why = issues?.[0] ? `${issues[0].path.map(String).join('.')}: ${issues[0].message}` : (error as Error).message
      throw damaged(`its ${path} is not one Dossier can open (${why.slice(0, 200)})`)
    }
  }
  check('catalog.json', (data) => catalogSchema.parse(data))
  check('state.json', (data) => stateSchema.parse(data))
}

export function verifyBackup(bytes: Uint8Array, fileName?: string): Manifest {
  return openBackup(bytes, fileName).manifest
}
