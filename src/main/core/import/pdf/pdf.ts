// PDF → article with pdf.js. It runs in this thread (its "fake worker"), with every way it could reach
// outside the process closed: no CMap, font or WASM URLs, no worker fetches, no eval, no system fonts.
import type { ImportedDocument } from '../../../../shared/types'
import { formatBytes, importFailure } from '../failure'
import { titleFromFileName } from '../text/plain-text'
import { dropPageFurniture, linesOfPage, type PdfLine, type TextRun } from './lines'
import { blocksFromLines } from './paragraphs'
import { unpackedContentSize } from './unpacked-size'

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs')

/** Past this, a PDF is a book or a data dump; the first pages are imported and the rest said so. */
const MAX_PAGES = 2000
/** A file without a single letter or digit has no text layer; a short real one ("Hello World") is imported. */
const MIN_TEXT_CHARS = 1

let loaded: Promise<PdfJs> | undefined

/** Loaded on first use: starting the app should not pay for pdf.js. */
function pdfjs(): Promise<PdfJs> {
  loaded ??= (async () => {
    const [lib, worker] = await Promise.all([import('pdfjs-dist/legacy/build/pdf.mjs'), import('pdfjs-dist/legacy/build/pdf.worker.mjs')])
    // pdf.js looks here for an in-thread worker before it tries to import one by URL.
    Object.assign(globalThis, { pdfjsWorker: worker })
    return lib
  })()
  return loaded
}

export async function importPdf(data: Uint8Array, fileName: string): Promise<ImportedDocument> {
  const unpacked = unpackedContentSize(data)
  if (unpacked.over) {
    const what = unpacked.over.stream ? 'one of its pages holds' : 'its pages hold'
    throw importFailure(
      'too-large',
      fileName,
      `was not imported: ${what} more than ${formatBytes(unpacked.over.limit)} of drawing instructions once unpacked, far more than text needs (a detailed map or plot, or a file made to stall readers).`,
    )
  }
  const lib = await pdfjs()
  const task = lib.getDocument({
    // pdf.js may take ownership of the buffer it is given; the caller's bytes stay theirs.
    data: data.slice(),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    useWorkerFetch: false,
    useWasm: false,
    enableXfa: false,
    isOffscreenCanvasSupported: false,
    isImageDecoderSupported: false,
    stopAtErrors: false,
    verbosity: 0,
  })
  try {
    const pdf = await task.promise.catch((error: unknown) => {
      throw openFailure(error, fileName)
    })
    const pageCount = Math.min(pdf.numPages, MAX_PAGES)
    const pages: PdfLine[][] = []
    for (let n = 1; n <= pageCount; n++) {
      const page = await pdf.getPage(n)
      const content = await page.getTextContent()
      const runs: TextRun[] = []
      for (const item of content.items) {
        if (!('str' in item)) continue
        const [a = 0, b = 0, c = 0, d = 0, x = 0, y = 0] = item.transform as number[]
        runs.push({ str: item.str, x, y, width: item.width, size: Math.hypot(c, d) || Math.hypot(a, b) || item.height })
      }
      pages.push(linesOfPage(runs, n))
      page.cleanup()
    }
    const letters = pages.flat().reduce((sum, line) => sum + (line.text.match(/[\p{L}\p{N}]/gu)?.length ?? 0), 0)
    if (letters < MIN_TEXT_CHARS) {
      throw importFailure('no-text', fileName, 'has no text layer: it looks like a scanned document (pictures of pages). Run it through OCR first, then import the result.')
    }
    const blocks = blocksFromLines(dropPageFurniture(pages))
    const info = await pdf.getMetadata().then(
      (m) => {
        const fields = { ...((m.info ?? {}) as Record<string, unknown>) }
        // XMP's dc:title is often the real title where the Info dictionary's is empty or the file name.
        const xmp = m.metadata?.get('dc:title')
        if (typeof xmp === 'string') fields.XmpTitle = xmp
        return fields
      },
      () => ({}) as Record<string, unknown>,
    )
    const doc: ImportedDocument = { title: '', format: 'pdf', blocks }
    doc.title = titleOf(info, doc, fileName)
    const author = field(info, 'Author')
    if (author) doc.byline = author
    const language = field(info, 'Language')
    if (language && /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/i.test(language)) doc.language = language
    if (pdf.numPages > MAX_PAGES) {
      doc.blocks.push({ type: 'paragraph', text: `[Dossier imported the first ${MAX_PAGES} of this PDF's ${pdf.numPages} pages.]`, page: MAX_PAGES })
    }
    return doc
  } finally {
    await task.destroy()
  }
}

function openFailure(error: unknown, fileName: string): Error {
  const name = error instanceof Error ? error.name : ''
  if (name === 'PasswordException') {
    return importFailure('encrypted', fileName, 'is protected by a password. Open it in a PDF reader, save an unprotected copy, and import that.')
  }
  const reason = error instanceof Error ? error.message.slice(0, 160) : String(error)
  return importFailure('parse-failed', fileName, `is damaged or is not a complete PDF file (${reason}).`)
}

function field(info: Record<string, unknown>, key: string): string | undefined {
  const value = info[key]
  if (typeof value !== 'string') return undefined
  const text = value.replace(/\p{Cc}/gu, ' ').replace(/\s+/g, ' ').trim()
  return text === '' ? undefined : text.slice(0, 500)
}

/** The document's own Title when it is a real one, else its first heading, else the file name. */
function titleOf(info: Record<string, unknown>, doc: ImportedDocument, fileName: string): string {
  const first = doc.blocks[0]
  const isGeneric = (t: string | undefined) => t === undefined || /^(untitled|microsoft word\b|powerpoint\b|document\d*$|slide \d+$)|\.(docx?|pdf|odt|tex|indd|pptx?)$/i.test(t) || !/\p{L}/u.test(t)
  const stated = [field(info, 'Title'), field(info, 'XmpTitle')].find((t) => !isGeneric(t))
  if (stated !== undefined) {
    if (first?.type === 'heading' && first.text.toLowerCase() === stated.toLowerCase()) doc.blocks.shift()
    return stated
  }
  if (first?.type === 'heading' && first.text.length <= 200) {
    doc.blocks.shift()
    return first.text
  }
  // The largest text near the top of page 1, when something smaller (a label, a date) comes first.
  const top = doc.blocks.slice(0, 6).findIndex((b) => b.type === 'heading' && b.level === 1 && (b.page ?? 1) === 1 && b.text.length <= 200)
  const heading = doc.blocks[top]
  if (heading) {
    doc.blocks.splice(top, 1)
    return heading.text
  }
  return titleFromFileName(fileName)
}
