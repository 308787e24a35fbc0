// A re-import that replaces an article's text is all or nothing: when the
// catalog cannot be written (a full disk, by injection into writeFileDurably's
// open of catalog.json's temp file), the new body and images are taken back,
// so the disk and what the service returns are exactly as before.

import * as fs from 'node:fs/promises'
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ImportFile } from '../../shared/api/library'
import { openService, type DossierService } from '../service'
import { valueOf } from '../service/library.test-support'
import { archiveFiles } from './archive-files.test-support'

const injected = { catalogFails: false }

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>()
  const open: typeof actual.open = async (path, flags, mode) => {
    // writeFileDurably writes catalog.json through a temp file ".catalog.json.<hex>.tmp".
    if (injected.catalogFails && flags === 'w' && basename(String(path)).startsWith('.catalog.json.')) {
      throw Object.assign(new Error('ENOSPC: injected by the test'), { code: 'ENOSPC' })
    }
    return actual.open(path, flags, mode)
  }
  return { ...actual, open, default: { ...actual, open } }
})

let dir: string
let service: DossierService

const utf8 = (text: string) => new TextEncoder().encode(text)
/** Bytes a PNG starts with, then a marker, so each version of an image differs. */
const png = (marker: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, marker, marker, marker])

/** A saved web page with its images in "page_files/", as a browser saves it; the same URL each edition. */
function savedPage(edition: string, images: number[]): ImportFile[] {
  const imgs = images.map((_, i) => `<p><img src="page_files/figure-${i}.png" alt="Figure ${i}"></p>`).join('\n')
  const html = `<!doctype html><html><head><title>Harbour dredging</title><link rel="canonical" href="https://example.org/harbour"></head>
<body><article><h1>Harbour dredging</h1><p>${edition} The port authority said dredging of the outer channel would finish by spring, allowing larger ships to dock.</p>
${imgs}<p>Dock workers said the delays had cost the port two contracts this year, and the unions asked for talks.</p></article></body></html>`
  return [{ name: 'page.html', data: utf8(html) }, ...images.map((marker, i) => ({ name: `page_files/figure-${i}.png`, data: png(marker) }))]
}

const markdown = (body: string): ImportFile => ({ name: 'field.md', data: utf8(`---\ntitle: Field report\nurl: https://example.org/field-report\n---\n\n${body}\n`) })

async function importOne(files: ImportFile[], duplicates: 'skip' | 'update' = 'skip'): Promise<string> {
  const outcome = valueOf(await service.api.importFiles(files, { duplicates }))
  const meta = outcome.imported[0] ?? outcome.updated[0]
  if (!meta) throw new Error(`nothing imported: ${JSON.stringify(outcome.failed)}`)
  return meta.id
}

beforeEach(async () => {
  injected.catalogFails = false
  dir = await mkdtemp(join(tmpdir(), 'dossier-replace-'))
  service = await openService(dir)
})

afterEach(async () => {
  injected.catalogFails = false
  await service.close()
  await rm(dir, { recursive: true, force: true })
})

describe('replacing an article’s text when the catalog cannot be written', () => {
  it('takes back the new body and images: the files on disk and the article the service returns are as before', async () => {
    const id = await importOne(savedPage('First edition.', [1]))
    const stored = valueOf(await service.api.getArticle(id))
    expect(stored.blocks.some((block) => block.asset === 'image-1.png')).toBe(true)
    const before = await archiveFiles(dir)
    const listed = valueOf(await service.api.listArticles())

    injected.catalogFails = true
    // The new edition: other text, the same image name with new bytes, and a second image.
    const outcome = valueOf(await service.api.importFiles(savedPage('Second edition, corrected.', [2, 3]), { duplicates: 'update' }))
    injected.catalogFails = false

    expect(outcome.updated).toEqual([])
    expect(outcome.failed).toEqual([expect.objectContaining({ code: 'io-error', file: 'page.html' })])
    expect(outcome.failed[0]?.message).toMatch(/disk is full/)
    expect(await archiveFiles(dir)).toEqual(before)
    expect(valueOf(await service.api.getArticle(id))).toEqual(stored)
    expect(valueOf(await service.api.listArticles())).toEqual(listed)
    expect(await readFile(join(dir, 'assets', id, 'image-1.png'))).toEqual(Buffer.from(png(1)))
  })

  it('takes back a text-only replacement, and the same re-import succeeds once the disk has room, leaving no kept copies', async () => {
    const id = await importOne([markdown('The convoy left at dawn with twelve trucks.')])
    const stored = valueOf(await service.api.getArticle(id))
    const before = await archiveFiles(dir)

    injected.catalogFails = true
    const failed = valueOf(await service.api.importFiles([markdown('A corrected edition: the convoy left at noon with nine trucks.')], { duplicates: 'update' }))
    injected.catalogFails = false
    expect(failed.failed).toHaveLength(1)
    expect(await archiveFiles(dir)).toEqual(before)
    expect(valueOf(await service.api.getArticle(id))).toEqual(stored)

    expect(await importOne([markdown('A corrected edition: the convoy left at noon with nine trucks.')], 'update')).toBe(id)
    const replaced = valueOf(await service.api.getArticle(id))
    expect(replaced.blocks.map((block) => block.text).join(' ')).toContain('nine trucks')
    expect(replaced.contentHash).not.toBe(stored.contentHash)
    expect((await readdir(join(dir, 'articles'))).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })

  it('replaces body and images together when the catalog write succeeds, and keeps no copy of the old ones', async () => {
    const id = await importOne(savedPage('First edition.', [1]))
    expect(await importOne(savedPage('Second edition, corrected.', [2, 3]), 'update')).toBe(id)
    expect(await readFile(join(dir, 'assets', id, 'image-1.png'))).toEqual(Buffer.from(png(2)))
    expect(await readFile(join(dir, 'assets', id, 'image-2.png'))).toEqual(Buffer.from(png(3)))
    expect(valueOf(await service.api.getArticle(id)).blocks.map((block) => block.text).join(' ')).toContain('Second edition')
    expect((await readdir(join(dir, 'articles'))).filter((name) => name.endsWith('.tmp'))).toEqual([])
  })
})

describe('replacing an article’s text with bad input', () => {
  it('refuses an unsafe image name after a good one, and puts back the image already written', async () => {
    const id = await importOne(savedPage('First edition.', [1]))
    const stored = valueOf(await service.api.getArticle(id))
    const before = await archiveFiles(dir)
    const replacement = {
      title: 'Harbour dredging',
      format: 'html' as const,
      blocks: [{ type: 'paragraph' as const, text: 'New text that must not land.' }],
      assets: [
        { name: 'image-1.png', mime: 'image/png', data: png(9) },
        { name: '../../catalog.json', mime: 'image/png', data: png(9) },
      ],
    }
    await expect(service.archive.replaceContent(id, replacement)).rejects.toMatchObject({ code: 'invalid-argument' })
    expect(await archiveFiles(dir)).toEqual(before)
    expect(valueOf(await service.api.getArticle(id))).toEqual(stored)
  })

  it('refuses a replacement of an article that is not there, writing nothing', async () => {
    const before = await archiveFiles(dir)
    await expect(service.archive.replaceContent('abcdef123456', { title: 'Ghost', format: 'text', blocks: [{ type: 'paragraph', text: 'x' }] })).rejects.toMatchObject({
      code: 'not-found',
    })
    expect(await archiveFiles(dir)).toEqual(before)
  })
})
