// Downloads files the service produced, through a Blob and <a download>: no
// network, and the same path works in the browser mode and in Electron.

import { zipSync } from 'fflate'
import type { ExportedFile } from '../../../shared/api/exchange'

/** Several files (per-article Markdown) become one zip, since browsers block bursts of downloads. */
export function bundle(files: ExportedFile[], zipName: string): ExportedFile | undefined {
  if (files.length <= 1) return files[0]
  const entries: Record<string, Uint8Array> = {}
  for (const file of files) entries[file.name] = file.data
  return { name: zipName, mime: 'application/zip', data: zipSync(entries) }
}

export function download(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([new Uint8Array(file.data)], { type: file.mime }))
  const link = document.createElement('a')
  link.href = url
  link.download = file.name
  link.hidden = true
  document.body.append(link)
  link.click()
  link.remove()
  // Revoked on the next turn: the click has handed the Blob to the download by then.
  setTimeout(() => URL.revokeObjectURL(url), 0)
}
