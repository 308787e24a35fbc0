// Serves the renderer and the archive's images on app://dossier, so the page
// has a real origin for its CSP and never needs file:// access.

import { readFile } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import { MEDIA_CSP, MEDIA_TYPES, RENDERER_TYPES } from '../http/content-types'
import { realPathWithin } from '../http/contained'
import { CONTENT_SECURITY_POLICY } from '../http/guard'
import type { DossierService } from '../service'

/** The app page's CSP: the browser mode's, rule for rule (the build writes fonts as files, so font-src 'self' serves them). */
export const APP_CSP = CONTENT_SECURITY_POLICY

function decodePath(text: string): string | undefined {
  try {
    return decodeURIComponent(text)
  } catch {
    return undefined
  }
}

export function appProtocolHandler(rendererDir: string, service: DossierService) {
  const root = resolve(rendererDir)
  return async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url)
    const media = pathname.startsWith('/media/')
    let path: string | undefined
    if (media) {
      const [, , articleId = '', name = '', ...rest] = pathname.split('/')
      const decoded = decodePath(name)
      const stored = rest.length === 0 && decoded !== undefined ? service.archive.assetPath(articleId, decoded) : undefined
      path = stored && (await realPathWithin(stored, join(service.archive.dir, 'assets')))
    } else {
      const decoded = pathname === '/' ? 'index.html' : decodePath(pathname)
      const candidate = decoded === undefined || decoded.includes('\0') ? undefined : resolve(join(root, decoded))
      path = candidate?.startsWith(root + sep) ? await realPathWithin(candidate, root) : undefined
    }
    const type = path ? (media ? MEDIA_TYPES : RENDERER_TYPES)[extname(path).toLowerCase()] : undefined
    if (!path || !type) return new Response('Not found', { status: 404 })
    try {
      const body = await readFile(path)
      const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' }
      if (type.startsWith('text/html')) headers['Content-Security-Policy'] = APP_CSP
      if (media) headers['Content-Security-Policy'] = MEDIA_CSP
      return new Response(body, { headers })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  }
}
