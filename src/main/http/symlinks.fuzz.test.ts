// Symlinks planted in the archive folder (by a sync tool, an unpacked backup or
// a hostile hand) must not let the app read or write files outside it: served
// images are checked by real path, and every write replaces the link itself
// (temp file + rename), never the file it points to.

import { createHash } from 'node:crypto'
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { Result } from '../../shared/result'
import { encodeWire } from '../../shared/wire'
import { openService, type DossierService } from '../service'
import { startHttpServer, type RunningServer } from './server'

let sandbox: string
let archive: string
let outside: string
let service: DossierService
let server: RunningServer
let articleId: string

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

const digest = async (path: string) => createHash('sha256').update(await readFile(path)).digest('hex')
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex')

beforeEach(async () => {
  sandbox = await mkdtemp(join(tmpdir(), 'dossier-links-'))
  archive = join(sandbox, 'archive')
  outside = join(sandbox, 'outside')
  await mkdir(outside)
  await writeFile(join(outside, 'secret.png'), PNG)
  await writeFile(join(outside, 'victim.json'), '{"precious":true}')
  service = await openService(archive)
  const body = new TextEncoder().encode('Harbour report\n\nThe ferry left at dawn with the harbour master aboard.\n')
  articleId = valueOf(await service.api.importFiles([{ name: 'harbour.txt', data: body }])).imported[0]?.id ?? ''
  server = await startHttpServer({ service })
})

afterEach(async () => {
  await server.close()
  await service.close()
  await rm(sandbox, { recursive: true, force: true })
})

const get = (path: string) => fetch(`${server.url}${path.slice(1)}`, { headers: { 'X-Dossier-Token': server.token } })

describe('symlinks planted in the archive', () => {
  it('an article asset folder linked elsewhere serves nothing from there', async () => {
    await symlink(outside, join(archive, 'assets', articleId), 'dir').catch(async () => {
      await mkdir(join(archive, 'assets'), { recursive: true })
      await symlink(outside, join(archive, 'assets', articleId), 'dir')
    })
    expect((await get(`/media/${articleId}/secret.png`)).status).toBe(404)
  })

  it('an asset file linked elsewhere is not served', async () => {
    await mkdir(join(archive, 'assets', articleId), { recursive: true })
    await symlink(join(outside, 'secret.png'), join(archive, 'assets', articleId, 'img.png'))
    expect((await get(`/media/${articleId}/img.png`)).status).toBe(404)
  })

  it('a real asset inside the archive is still served', async () => {
    await mkdir(join(archive, 'assets', articleId), { recursive: true })
    await writeFile(join(archive, 'assets', articleId, 'img.png'), PNG)
    expect((await get(`/media/${articleId}/img.png`)).status).toBe(200)
  })

  it('writes through linked body, catalog and state files replace the link and leave the target as it was', async () => {
    const victim = join(outside, 'victim.json')
    const before = await digest(victim)
    const body = join(archive, 'articles', `${articleId}.json`)
    await rm(body)
    await symlink(victim, body)
    await rm(join(archive, 'state.json'))
    await symlink(victim, join(archive, 'state.json'))
    const call = (method: string, args: unknown[]) =>
      fetch(`${server.url}api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'X-Dossier-Token': server.token }, body: encodeWire({ args }) })
    expect((await call('updateArticle', [articleId, { title: 'Renamed' }])).status).toBe(200)
    expect((await call('setPreferences', [{ theme: 'dark' }])).status).toBe(200)
    const again = new TextEncoder().encode('Harbour report\n\nThe ferry left at dawn with the harbour master aboard, and returned.\n')
    expect((await call('importFiles', [[{ name: 'harbour.txt', data: again }], { duplicates: 'update' }])).status).toBe(200)
    expect((await call('purgeArticle', [articleId])).status).toBe(200)
    expect(await digest(victim)).toBe(before)
  })
})
