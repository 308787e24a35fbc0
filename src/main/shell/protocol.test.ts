// protocol.ts imports nothing from electron: its handler takes a fetch Request and
// answers a Response, so it runs here in plain Node.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { CONTENT_SECURITY_POLICY } from '../http/guard'
import { openService, type DossierService } from '../service'
import { MEDIA_CSP } from '../http/content-types'
import { APP_CSP, appProtocolHandler } from './protocol'
import { APP_ORIGIN } from './security'

let root: string
let service: DossierService
let handler: (request: Request) => Promise<Response>
let articleId: string

const get = (path: string): Promise<Response> => handler(new Request(`${APP_ORIGIN}${path}`))

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-protocol-'))
  const rendererDir = join(root, 'renderer')
  await mkdir(join(rendererDir, 'assets'), { recursive: true })
  await writeFile(join(rendererDir, 'index.html'), '<!doctype html><title>app page</title>')
  await writeFile(join(rendererDir, 'assets', 'x.js'), 'console.log("x")')
  await writeFile(join(rendererDir, 'assets', 'inter.woff2'), new Uint8Array([0x77, 0x4f, 0x46, 0x32]))
  await writeFile(join(root, 'secret.js'), 'top secret')
  await mkdir(join(root, 'renderer-evil'))
  await writeFile(join(root, 'renderer-evil', 'x.js'), 'sibling folder')
  service = await openService(join(root, 'archive'))
  const outcome = await service.api.importFiles([{ name: 'a.txt', data: new TextEncoder().encode('Media Holder\n\nAn article whose folder holds images.\n') }])
  if (!outcome.ok || !outcome.value.imported[0]) throw new Error('fixture import failed')
  articleId = outcome.value.imported[0].id
  // Files in the article's asset folder as an importer would leave them, plus ones no importer should.
  const assets = join(root, 'archive', 'assets', articleId)
  await mkdir(assets, { recursive: true })
  await writeFile(join(assets, 'figure.png'), new Uint8Array([0x89, 0x50, 0x4e, 0x47]))
  await writeFile(join(assets, 'drawing.svg'), '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
  await writeFile(join(assets, 'page.html'), '<script>alert(1)</script>')
  await writeFile(join(assets, 'code.js'), 'alert(1)')
  handler = appProtocolHandler(rendererDir, service)
  // Opening an archive and importing take a few seconds on a loaded machine; the default 10 s was hit.
}, 60_000)

afterAll(async () => {
  await service?.close()
  await rm(root, { recursive: true, force: true })
})

describe('app:// protocol: renderer files', () => {
  it('serves index.html at / with the CSP', async () => {
    const response = await get('/')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8')
    expect(response.headers.get('content-security-policy')).toBe(APP_CSP)
    expect(await response.text()).toContain('app page')
  })

  it('serves a font file with its type', async () => {
    const response = await get('/assets/inter.woff2')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('font/woff2')
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(new Uint8Array([0x77, 0x4f, 0x46, 0x32]))
  })

  it('serves a built script with its type and nosniff', async () => {
    const response = await get('/assets/x.js')
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(response.headers.get('x-content-type-options')).toBe('nosniff')
  })

  it.each([
    '/../secret.js',
    '/%2e%2e/secret.js',
    '/..%2fsecret.js',
    '/assets/..%2f..%2fsecret.js',
    '/..%2frenderer-evil%2fx.js',
    '/assets/',
    '/assets',
    '/x.js%00.html',
    '/%E0%A4%A',
    '/nope.js',
  ])('answers 404 to %s', async (path) => {
    const response = await get(path)
    expect(response.status).toBe(404)
    expect(await response.text()).not.toMatch(/top secret|sibling folder/)
  })
})

describe('app:// page CSP', () => {
  const directives = (policy: string) => new Map(policy.split('; ').map((d) => [d.split(' ')[0]!, d]))

  it('is the browser mode’s policy rule for rule, fonts from the app itself only, scripts above all', () => {
    const app = directives(APP_CSP)
    const browser = directives(CONTENT_SECURITY_POLICY)
    expect(app).toEqual(browser)
    expect(app.get('font-src')).toBe("font-src 'self'")
    expect(app.get('script-src')).toBe("script-src 'self'")
    expect(app.get('default-src')).toBe("default-src 'none'")
  })
})

describe('app:// protocol: article media', () => {
  it('serves a stored image sandboxed', async () => {
    const response = await get(`/media/${articleId}/figure.png`)
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toBe('image/png')
    expect(response.headers.get('content-security-policy')).toBe(MEDIA_CSP)
  })

  it('serves a stored SVG only under a sandboxing CSP, so its script cannot run', async () => {
    const response = await get(`/media/${articleId}/drawing.svg`)
    expect(response.headers.get('content-security-policy')).toContain('sandbox')
  })

  it.each(['page.html', 'code.js'])('refuses to serve %s from an article folder as a page or script', async (name) => {
    const response = await get(`/media/${articleId}/${name}`)
    expect(response.status).toBe(404)
  })

  it.each([
    '/media/nosuchid/figure.png',
    '/media/ID/..%2f..%2fcatalog.png',
    '/media/ID/%2e%2e%2fstate.png',
    '/media/ID/figure.png/extra',
    '/media/ID/%E0%A4%A.png',
    '/media/',
  ])('answers 404 to %s', async (path) => {
    const response = await get(path.replace('ID', articleId))
    expect(response.status).toBe(404)
  })
})
