// A pre-check before pdf.js sees a PDF: how large its compressed page content
// is once unpacked. pdf.js reads a page's content stream in one go, without
// yielding to timers (its in-thread worker chains microtasks), at a few MB a
// second; a 300 KB file can unpack to hundreds of MB of drawing operators and
// hold the reader for minutes. Counting the unpacked bytes first, with zlib's
// own output cap, refuses such a file in a fraction of a second.
//
// This is not a PDF parser: it finds `stream … endstream` sections and their
// dictionaries by their keywords. A stream it cannot find or inflate (encrypted,
// damaged) is left to pdf.js, under the import worker's time and memory limits.

import { constants, inflateSync } from 'node:zlib'

/** One content stream past this, unpacked, is no page of text (a dense page is a few hundred KB); pdf.js reads about 1 MB of it a second. */
export const MAX_PDF_STREAM_BYTES = 4 * 1024 * 1024
/** All content streams together; a 2,000-page report is a few tens of MB. */
export const MAX_PDF_CONTENT_BYTES = 64 * 1024 * 1024

/** How far before `stream` its dictionary is looked for. */
const DICT_WINDOW = 4096
/** Streams that are pictures or fonts: pdf.js does not read them for text. */
const NOT_CONTENT = /\/Subtype\s*\/(?:Image|Type1C|CIDFontType0C|OpenType)|\/(?:DCTDecode|JPXDecode|CCITTFaxDecode|JBIG2Decode)\b|\/Length[123]\b/
const FLATE = /\/(?:FlateDecode|Fl)\b/
const DIRECT_LENGTH = /\/Length\s+(\d+)(?!\s+\d+\s+R)/

export interface UnpackedSize {
  /** Bytes counted, up to where counting stopped. */
  bytes: number
  /** Set when a bound was passed. */
  over?: { stream: boolean; limit: number }
}

export function unpackedContentSize(data: Uint8Array, limits = { stream: MAX_PDF_STREAM_BYTES, total: MAX_PDF_CONTENT_BYTES }): UnpackedSize {
  const buf = Buffer.from(data.buffer, data.byteOffset, data.byteLength)
  let bytes = 0
  let at = buf.indexOf('stream', 0, 'latin1')
  while (at >= 0) {
    const next = (from: number): number => buf.indexOf('stream', from, 'latin1')
    // "endstream", or the word inside some other token.
    if (at >= 3 && buf.toString('latin1', at - 3, at) === 'end') {
      at = next(at + 6)
      continue
    }
    let start = at + 6
    if (buf[start] === 0x0d) start++
    if (buf[start] === 0x0a) start++
    const head = buf.toString('latin1', Math.max(0, at - DICT_WINDOW), at)
    const dict = head.slice(Math.max(0, head.lastIndexOf('obj')))
    if (start === at + 6 || !dict.trimEnd().endsWith('>>') || !FLATE.test(dict) || NOT_CONTENT.test(dict)) {
      at = next(start)
      continue
    }
    const stated = DIRECT_LENGTH.exec(dict)?.[1]
    const marked = buf.indexOf('endstream', start, 'latin1')
    const end = stated !== undefined && start + Number(stated) <= buf.length ? start + Number(stated) : marked >= 0 ? marked : buf.length
    const cap = Math.min(limits.stream, limits.total - bytes)
    try {
      // A truncated stream still counts what it unpacks to: pdf.js reads that much of it too.
      bytes += inflateSync(buf.subarray(start, end), { maxOutputLength: Math.max(1, cap), finishFlush: constants.Z_SYNC_FLUSH }).length
    } catch (error) {
      if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
        return { bytes: bytes + cap, over: cap === limits.stream ? { stream: true, limit: limits.stream } : { stream: false, limit: limits.total } }
      }
      // Not deflate data after all (encrypted, damaged): pdf.js decides.
    }
    at = next(Math.max(end, start))
  }
  return { bytes }
}
