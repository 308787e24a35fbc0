// The importers' one door: sniff the format, enforce limits, dispatch, and let only DossierFailure out.
// The HTML, Markdown and PDF readers (jsdom, Readability, markdown-it, pdf.js) load at their first use,
// so a process that only sniffs or never imports (the service at start-up) does not pay for them.
import type { ImportFile } from '../../../shared/api/library'
import { MAX_IMPORT_BYTES, MAX_TEXT_IMPORT_BYTES } from '../../../shared/limits'
import { DossierFailure } from '../../../shared/result'
import type { ImportedDocument, SourceFormat } from '../../../shared/types'
import { decodeText, looksBinary } from './decode'
import { formatBytes, importFailure } from './failure'
import { binaryKind, extensionOf, formatFromExtension, isPdf, looksLikeHtml } from './sniff'
import { importPlainText } from './text/plain-text'

export interface ImportContext {
  /** Bytes of a file saved beside the document ("Page_files/img.jpg"), or undefined. Never fetches. */
  resolveLocal?: (relativePath: string) => Uint8Array | undefined
  /** The address the document was fetched from; becomes its url and the base for its links. */
  url?: string
}

type Converter = (file: ImportFile, text: string, context: ImportContext) => Promise<ImportedDocument>

const readers = {
  markdown: () => import('./markdown'),
  html: () => import('./html/html'),
  pdf: () => import('./pdf/pdf'),
}

const converters: Partial<Record<SourceFormat, Converter>> = {
  text: async (file, text) => importPlainText(text, file.name),
  markdown: async (file, text, context) => (await readers.markdown()).importMarkdown(text, file.name, context.resolveLocal),
  html: async (file, text, context) => (await readers.html()).importHtml(text, file.name, context),
  pdf: async (file) => (await readers.pdf()).importPdf(file.data, file.name),
}

/** Loads every reader now, one after another (loading two at once races on modules they share); a reader that fails to load fails its first file instead. */
export async function loadReaders(): Promise<void> {
  for (const load of Object.values(readers)) await load().catch(() => undefined)
}

export async function importDocument(file: ImportFile, context: ImportContext = {}): Promise<ImportedDocument> {
  try {
    const { format, text } = sniff(file.name, file.data)
    const converter = converters[format]
    if (!converter) throw importFailure('unsupported-format', file.name, `is ${format}, which this build of Dossier cannot import.`)
    const doc = await converter(file, text, context)
    if (doc.blocks.length === 0 || doc.blocks.every((b) => b.text.trim() === '' && b.asset === undefined)) {
      throw importFailure('no-text', file.name, 'has no article text in it to import.')
    }
    if (context.url !== undefined) doc.url = context.url
    return doc
  } catch (error) {
    if (error instanceof DossierFailure) throw error
    const reason = error instanceof Error ? error.message : String(error)
    throw importFailure('parse-failed', file.name, `could not be read (${reason.slice(0, 200)}).`)
  }
}

/**
 * What Dossier will import the file as, decided from its content first and its extension second.
 * Returns undefined for files it will not import; with `strict`, throws the DossierFailure that says why.
 */
export function describeFormat(name: string, data: Uint8Array, strict = false): SourceFormat | undefined {
  try {
    return sniff(name, data).format
  } catch (error) {
    if (strict) throw error
    return undefined
  }
}

function sniff(name: string, data: Uint8Array): { format: SourceFormat; text: string } {
  if (data.length === 0) throw importFailure('empty-file', name, 'is empty; there is nothing in it to import.')
  if (data.length > MAX_IMPORT_BYTES) {
    throw importFailure('too-large', name, `is ${formatBytes(data.length)}; Dossier imports files up to ${formatBytes(MAX_IMPORT_BYTES)}.`)
  }
  if (isPdf(data)) return { format: 'pdf', text: '' }
  const kind = binaryKind(data)
  if (kind !== undefined) {
    throw importFailure('unsupported-format', name, `is ${kind}, not a document Dossier can import (text, Markdown, HTML or PDF).`)
  }
  const claimed = formatFromExtension(name)
  if (claimed === 'pdf') throw importFailure('parse-failed', name, 'is named .pdf but is not a PDF file (it may be damaged or truncated).')
  if (data.length > MAX_TEXT_IMPORT_BYTES) {
    throw importFailure('too-large', name, `is ${formatBytes(data.length)} of text; Dossier imports text files up to ${formatBytes(MAX_TEXT_IMPORT_BYTES)}.`)
  }
  const text = decodeText(data)
  if (looksBinary(text)) throw importFailure('binary-file', name, 'is a binary file, not text; Dossier imports text, Markdown, HTML and PDF.')
  if (text.trim() === '') throw importFailure('empty-file', name, 'holds only blank space; there is nothing in it to import.')
  if (looksLikeHtml(text)) return { format: 'html', text }
  if (claimed === undefined) {
    const ext = extensionOf(name)
    throw importFailure('unsupported-format', name, `is a .${ext} file; Dossier imports text (.txt), Markdown (.md), HTML (.html) and PDF (.pdf).`)
  }
  return { format: claimed, text }
}
