// The browser mode's front door: a page on any other site, or a DNS-rebinding
// name pointing at 127.0.0.1, must not reach the archive. Each check is a pure
// function so each refusal can be tested on its own.

import { timingSafeEqual } from 'node:crypto'
import type { IncomingHttpHeaders } from 'node:http'

export type Refusal = { status: number; reason: string }

export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`]
}

export function cookieName(port: number): string {
  return `dossier_token_${port}`
}

/** DNS rebinding: the Host header must name this server, not an attacker's domain. */
export function checkHost(headers: IncomingHttpHeaders, port: number): Refusal | undefined {
  const host = headers.host?.toLowerCase()
  if (!host || !allowedHosts(port).includes(host)) return { status: 421, reason: 'Host not allowed' }
  return undefined
}

/** Cross-site requests: a present Origin must be this server's own. */
export function checkOrigin(headers: IncomingHttpHeaders, port: number): Refusal | undefined {
  const origin = headers.origin
  if (origin === undefined) return undefined
  if (!allowedHosts(port).some((host) => origin === `http://${host}`)) return { status: 403, reason: 'Origin not allowed' }
  return undefined
}

export function tokensEqual(given: string | undefined, token: string): boolean {
  if (!given) return false
  const a = Buffer.from(given)
  const b = Buffer.from(token)
  return a.length === b.length && timingSafeEqual(a, b)
}

export function tokenFromRequest(headers: IncomingHttpHeaders, port: number): string | undefined {
  const header = headers['x-dossier-token']
  if (typeof header === 'string') return header
  const cookies = headers.cookie?.split(';') ?? []
  const prefix = `${cookieName(port)}=`
  return cookies.map((part) => part.trim()).find((part) => part.startsWith(prefix))?.slice(prefix.length)
}

export const SECURITY_HEADERS: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
}

/** The same policy as the Electron window: nothing from anywhere but this origin. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ')
