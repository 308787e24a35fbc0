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

export function appProtocolHandler(rendererDir: string, service: DossierService) {
  const root = resolve(rendererDir)
  return async (request: Request): Promise<Response> => {
    const { pathname } = new URL(request.url)
    let path: string | undefined
    if (pathname.startsWith('/media/')) {
      const [, , articleId = '', name = '', ...rest] = pathname.split('/')
      path = rest.length === 0 ? service.archive.assetPath(articleId, decodeURIComponent(name)) : undefined
    } else {
      const candidate = resolve(join(root, pathname === '/' ? 'index.html' : decodeURIComponent(pathname)))
      path = candidate.startsWith(root + sep) ? candidate : undefined
    }
    const type = path ? TYPES[extname(path).toLowerCase()] : undefined
    if (!path || !type) return new Response('Not found', { status: 404 })
    try {
      const body = await readFile(path)
      const headers: Record<string, string> = { 'Content-Type': type, 'X-Content-Type-Options': 'nosniff' }
      if (type.startsWith('text/html')) headers['Content-Security-Policy'] = CONTENT_SECURITY_POLICY
      if (pathname.startsWith('/media/')) headers['Content-Security-Policy'] = "default-src 'none'; sandbox"
      return new Response(body, { headers })
    } catch {
      return new Response('Not found', { status: 404 })
    }
  }
}
