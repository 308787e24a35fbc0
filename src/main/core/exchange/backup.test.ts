import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { strToU8, unzipSync, zipSync } from 'fflate'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { DossierFailure } from '../../../shared/result'
import { packArchive, verifyBackup } from './backup'
import { MANIFEST_NAME } from './backup-format'
import { restoreArchive } from './restore'

let root: string
let archive: string

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-backup-'))
  archive = join(root, 'archive')
  await mkdir(join(archive, 'articles'), { recursive: true })
  await writeFile(join(archive, 'catalog.json'), JSON.stringify({ format: 1, articles: [] }))
  await writeFile(join(archive, 'articles', 'a.json'), '{"format":1,"id":"a","blocks":[]}')
  await writeFile(join(archive, 'notes.json'), 'ünïcode notes')
  await writeFile(join(archive, '.catalog.json.abc.tmp'), 'half-written')
})

afterEach(() => rm(root, { recursive: true, force: true }))

function failure(run: () => unknown): DossierFailure {
  try {
    run()
  } catch (error) {
    if (error instanceof DossierFailure) return error
    throw error
  }
  throw new Error('expected a DossierFailure')
}

/** Rebuilds a backup with changed entries, keeping everything else. */
function rezip(bytes: Uint8Array, change: (files: Record<string, Uint8Array>) => void): Uint8Array {
  const files = unzipSync(bytes)
  change(files)
  return zipSync(files)
}

describe('packArchive and verifyBackup', () => {
  it('lists every archive file with its size and sha-256, leaving temp files out', async () => {
    const manifest = verifyBackup(await packArchive(archive, { createdAt: '2024-05-01T00:00:00.000Z' }))
    expect(manifest.createdAt).toBe('2024-05-01T00:00:00.000Z')
    expect(manifest.files.map((f) => f.path)).toEqual(['articles/a.json', 'catalog.json', 'notes.json'])
    expect(manifest.files[2]?.size).toBe(Buffer.byteLength('ünïcode notes'))
  })

  it('reports progress per file and stops when cancelled', async () => {
    const seen: number[] = []
    await packArchive(archive, { onProgress: (done) => seen.push(done) })
    expect(seen).toEqual([1, 2, 3])
    const controller = new AbortController()
    const run = packArchive(archive, { signal: controller.signal, onProgress: () => controller.abort() })
    await expect(run).rejects.toMatchObject({ code: 'cancelled' })
  })

  it('leaves symbolic links in the archive folder out of the backup', async () => {
    await symlink(join(root, 'elsewhere'), join(archive, 'link.json'))
    const manifest = verifyBackup(await packArchive(archive))
    expect(manifest.files.map((f) => f.path)).not.toContain('link.json')
  })

  it('rejects a truncated backup as damaged, naming the file', async () => {
    const bytes = await packArchive(archive)
    const error = failure(() => verifyBackup(bytes.subarray(0, bytes.length - 30), 'b.zip'))
    expect(error.code).toBe('damaged')
    expect(error.message).toMatch(/b\.zip.*truncated/)
  })

  it('rejects a file whose content no longer matches its checksum', async () => {
    const bytes = rezip(await packArchive(archive), (files) => {
      files['archive/catalog.json'] = strToU8('{"format":1,"articles":[],"changed":true}')
    })
    expect(failure(() => verifyBackup(bytes, 'b.zip')).message).toMatch(/catalog\.json does not match its recorded checksum/)
  })

  it('rejects a backup with a file missing or a file added', async () => {
    const packed = await packArchive(archive)
    const missing = rezip(packed, (files) => delete files['archive/notes.json'])
    expect(failure(() => verifyBackup(missing)).message).toMatch(/notes\.json is listed in the manifest but missing/)
    const added = rezip(packed, (files) => {
      files['archive/extra.json'] = strToU8('{}')
    })
    expect(failure(() => verifyBackup(added)).message).toMatch(/extra\.json.*does not list/)
  })

  it('rejects foreign files: not a zip, a zip without a manifest, a newer backup format', async () => {
    expect(failure(() => verifyBackup(strToU8('hello'), 'x.zip')).code).toBe('unsupported-format')
    const plainZip = zipSync({ 'readme.txt': strToU8('hi') })
    expect(failure(() => verifyBackup(plainZip, 'x.zip')).message).toMatch(/x\.zip is not a Dossier backup.*dossier-backup\.json/)
    const newer = rezip(await packArchive(archive), (files) => {
      const manifest = JSON.parse(new TextDecoder().decode(files[MANIFEST_NAME]))
      files[MANIFEST_NAME] = strToU8(JSON.stringify({ ...manifest, version: 9 }))
    })
    expect(failure(() => verifyBackup(newer)).message).toMatch(/format 9.*format 1/)
  })

  it('refuses zip entries that climb out of the folder, are absolute, or are symlinks', async () => {
    const manifest = strToU8(JSON.stringify({ format: 'dossier-backup', version: 1, createdAt: 'x', files: [] }))
    const cases: [string, Uint8Array][] = [
      ['..', zipSync({ [MANIFEST_NAME]: manifest, 'archive/../../evil.sh': strToU8('x') })],
      ['absolute', zipSync({ [MANIFEST_NAME]: manifest, '/etc/evil': strToU8('x') })],
      ['backslashes', zipSync({ [MANIFEST_NAME]: manifest, 'archive\\..\\evil': strToU8('x') })],
      ['symbolic link', zipSync({ [MANIFEST_NAME]: manifest, 'archive/link': [strToU8('/etc/passwd'), { os: 3, attrs: (0o120777 << 16) >>> 0 }] })],
    ]
    for (const [why, bytes] of cases) {
      const error = failure(() => verifyBackup(bytes, 'evil.zip'))
      expect(error.code, why).toBe('damaged')
      expect(error.message, why).toContain(why)
    }
  })
})

describe('restoreArchive', () => {
  it('restores the backed-up files and keeps the replaced archive beside it', async () => {
    const bytes = await packArchive(archive)
    await writeFile(join(archive, 'catalog.json'), 'changed after the backup')
    const outcome = await restoreArchive(bytes, archive, { now: new Date('2024-05-02T10:00:00.000Z') })
    expect(await readFile(join(archive, 'catalog.json'), 'utf8')).toBe(JSON.stringify({ format: 1, articles: [] }))
    expect(await readFile(join(archive, 'articles', 'a.json'), 'utf8')).toContain('"id":"a"')
    expect(outcome.previousDir).toBe(`${archive}.before-restore-2024-05-02T10-00-00-000Z`)
    expect(await readFile(join(outcome.previousDir ?? '', 'catalog.json'), 'utf8')).toBe('changed after the backup')
    expect((await readdir(root)).sort()).toEqual(['archive', 'archive.before-restore-2024-05-02T10-00-00-000Z'])
  })

  it('restores into a folder that does not exist yet', async () => {
    const target = join(root, 'fresh')
    const outcome = await restoreArchive(await packArchive(archive), target)
    expect(outcome.previousDir).toBeUndefined()
    expect(await readFile(join(target, 'notes.json'), 'utf8')).toBe('ünïcode notes')
  })

  it('leaves the current archive untouched when the backup is tampered with', async () => {
    const bytes = rezip(await packArchive(archive), (files) => {
      files['archive/notes.json'] = strToU8('forged')
    })
    await writeFile(join(archive, 'notes.json'), 'current notes')
    await expect(restoreArchive(bytes, archive)).rejects.toMatchObject({ code: 'damaged' })
    expect(await readFile(join(archive, 'notes.json'), 'utf8')).toBe('current notes')
    expect(await readdir(root)).toEqual(['archive'])
  })
})
