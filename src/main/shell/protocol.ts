// Serves the renderer and the archive's images on app://dossier, so the page
// has a real origin for its CSP and never needs file:// access.

import { readFile } from 'node:fs/promises'
import { extname, join, resolve, sep } from 'node:path'
import { CONTENT_SECURITY_POLICY } from '../http/guard'
import type { DossierService } from '../service'

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
}

/** An article's stored files are images only: never a script or page on the app's own origin. */
const MEDIA_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
}

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
      path = rest.length === 0 && decoded !== undefined ? service.archive.assetPath(articleId, decoded) : undefined
    } else {
      const decoded = pathname === '/' ? 'index.html' : decodePath(pathname)
      const candidate = decoded === undefined || decoded.includes('\0') ? undefined : resolve(join(root, decoded))
      path = candidate?.startsWith(root + sep) ? candidate : undefined
    }
    const type = path ? (media ? MEDIA_TYPES : TYPES)[extname(path).toLowerCase()] : undefined
    if (!path || !type) return new Response('Not found', { status: 404 })
    try {
      const body = await readFile(path)
      const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' }
      if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY
      if (media) headers['Content-Security-Policy'] = "default-src 'none'; sandbox"
      return new Response(body, { headers })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  }
}
