// Decides a file's format from its content first and its extension second: extensions lie.
import type { SourceFormat } from '../../../shared/types'

/** Known non-text formats, by magic bytes, so a refusal can say what the file really is. */
const SIGNATURES: { bytes: number[]; offset?: number; kind: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], kind: 'a PNG image' },
  { bytes: [0xff, 0xd8, 0xff], kind: 'a JPEG image' },
  { bytes: [0x47, 0x49, 0x46, 0x38], kind: 'a GIF image' },
  { bytes: [0x52, 0x49, 0x46, 0x46], kind: 'a RIFF media file (WebP, WAV or AVI)' },
  { bytes: [0x50, 0x4b, 0x03, 0x04], kind: 'a ZIP archive (or a Word, Excel or EPUB file)' },
  { bytes: [0x50, 0x4b, 0x05, 0x06], kind: 'a ZIP archive' },
  { bytes: [0x1f, 0x8b], kind: 'a gzip archive' },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], kind: 'a 7-Zip archive' },
  { bytes: [0x52, 0x61, 0x72, 0x21], kind: 'a RAR archive' },
  { bytes: [0x4d, 0x5a], kind: 'a Windows program' },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], kind: 'a program (ELF executable)' },
  { bytes: [0xcf, 0xfa, 0xed, 0xfe], kind: 'a macOS program' },
  { bytes: [0xd0, 0xcf, 0x11, 0xe0], kind: 'an old Microsoft Office document' },
  { bytes: [0x66, 0x74, 0x79, 0x70], offset: 4, kind: 'a video or HEIC image' },
  { bytes: [0x49, 0x44, 0x33], kind: 'an MP3 audio file' },
  { bytes: [0x00, 0x61, 0x73, 0x6d], kind: 'a WebAssembly module' },
  { bytes: [0x53, 0x51, 0x4c, 0x69, 0x74, 0x65], kind: 'an SQLite database' },
]

export function binaryKind(data: Uint8Array): string | undefined {
  for (const sig of SIGNATURES) {
    const at = sig.offset ?? 0
    if (data.length >= at + sig.bytes.length && sig.bytes.every((b, i) => data[at + i] === b)) return sig.kind
  }
  return undefined
}

/** PDF readers accept the header anywhere in the first KB, so do we. */
export function isPdf(data: Uint8Array): boolean {
  const head = data.subarray(0, 1024)
  for (let i = 0; i + 5 <= head.length; i++) {
    if (head[i] === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d) return true
  }
  return false
}

const HTML_START = /^\s*(?:<!--[\s\S]*?-->\s*)*(?:<\?xml[^>]*>\s*)?(?:<!doctype\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i

export function looksLikeHtml(text: string): boolean {
  return HTML_START.test(text.slice(0, 4096))
}

export function extensionOf(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? name
  const dot = base.lastIndexOf('.')
  return dot <= 0 ? '' : base.slice(dot + 1).toLowerCase()
}

const TEXT_EXTENSIONS = new Set(['txt', 'text', ''])
const MARKDOWN_EXTENSIONS = new Set(['md', 'markdown', 'mdown', 'mkd', 'mkdn'])
const HTML_EXTENSIONS = new Set(['html', 'htm', 'xhtml', 'shtml'])

/** The format an extension claims, or undefined when Dossier does not import that kind of file. */
export function formatFromExtension(name: string): SourceFormat | undefined {
  const ext = extensionOf(name)
  if (TEXT_EXTENSIONS.has(ext)) return 'text'
  if (MARKDOWN_EXTENSIONS.has(ext)) return 'markdown'
  if (HTML_EXTENSIONS.has(ext)) return 'html'
  if (ext === 'pdf') return 'pdf'
  return undefined
}
