// What each shell serves, by extension. Anything else is a 404.

/** The built renderer's own files. */
export const RENDERER_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
}

/** An article's stored files are images only: never a script or page on the app's own origin. */
export const MEDIA_TYPES: Record<string, string> = {
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.svg': 'image/svg+xml',
}

/** Imported images may be hostile SVG: sandboxed, they cannot run as a document. */
export const MEDIA_CSP = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
