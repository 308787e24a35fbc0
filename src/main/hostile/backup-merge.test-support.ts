// Crafted inputs for the hostile-files tests.

import { createHash } from 'node:crypto'
import { strToU8, zipSync } from 'fflate'

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
const sha256 = (data: Uint8Array): string => createHash('sha256').update(data).digest('hex')

/** A backup as an attacker would make it: any files, each listed in the manifest with its true checksum. */
export function craftBackup(files: Record<string, string | Uint8Array>): Uint8Array {
  const entries = Object.entries(files).map(([path, body]) => [path, typeof body === 'string' ? utf8(body) : body] as const)
  const manifest = {
    format: 'dossier-backup',
    version: 1,
    createdAt: '2026-11-30T09:00:00.000Z',
    files: entries.map(([path, data]) => ({ path, size: data.byteLength, sha256: sha256(data) })),
  }
  return zipSync({ 'dossier-backup.json': strToU8(JSON.stringify(manifest)), ...Object.fromEntries(entries.map(([path, data]) => [`archive/${path}`, data])) })
}

