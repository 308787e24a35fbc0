import { deflateSync } from 'node:zlib'
import { PDFDocument, PDFName, StandardFonts } from 'pdf-lib'
import { describe, expect, it } from 'vitest'
import { importDocument } from '../index'
import { failureOf } from '../test-helpers'
import { makePdf } from './make-pdf'
import { unpackedContentSize } from './unpacked-size'

const latin1 = (text: string): Buffer => Buffer.from(text, 'latin1')

/** A hand-written PDF body of stream objects: dictionaries as given, data deflated unless raw. */
function rawPdf(streams: { dict: string; data: Buffer; raw?: boolean }[]): Uint8Array {
  const parts: Buffer[] = [latin1('%PDF-1.7\n')]
  streams.forEach((stream, i) => {
    const body = stream.raw ? stream.data : deflateSync(stream.data)
    parts.push(latin1(`${i + 1} 0 obj\n<< ${stream.dict.replace('LEN', String(body.length))} >>\nstream\n`), body, latin1('\nendstream\nendobj\n'))
  })
  return new Uint8Array(Buffer.concat(parts))
}

/** A one-page PDF that pdf.js opens, with a second content stream of `operators` on its page. */
async function pageWithContent(operators: string): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  const page = pdf.addPage([595, 842])
  page.drawText('Field report: the northern corridor', { x: 72, y: 780, size: 12, font })
  const extra = pdf.context.register(pdf.context.flateStream(operators))
  page.node.set(PDFName.of('Contents'), pdf.context.obj([page.node.get(PDFName.of('Contents')), extra].flat()))
  return pdf.save({ useObjectStreams: false })
}

describe('PDF pre-check: page content size once unpacked', () => {
  it('refuses a small file whose page unpacks to more drawing instructions than text needs, naming the limit', async () => {
    const bomb = await pageWithContent('q 1 0 0 1 0 0 cm Q '.repeat(300_000))
    expect(bomb.length).toBeLessThan(100_000)
    const failure = await failureOf(importDocument({ name: 'stall.pdf', data: bomb }))
    expect(failure).toMatchObject({ code: 'too-large', file: 'stall.pdf' })
    expect(failure.message).toBe(
      'stall.pdf was not imported: one of its pages holds more than 4 MB of drawing instructions once unpacked, far more than text needs (a detailed map or plot, or a file made to stall readers).',
    )
  })

  it('still imports an ordinary report, counting its content', async () => {
    const report = await makePdf({ pages: [[{ text: 'Annual Review of Coastal Shipping', size: 20 }, { text: 'The harbour authority recorded a sharp increase.' }]] })
    const size = unpackedContentSize(report)
    expect(size.over).toBeUndefined()
    expect(size.bytes).toBeGreaterThan(50)
    const doc = await importDocument({ name: 'ports.pdf', data: report })
    expect(doc.title).toBe('Annual Review of Coastal Shipping')
  })

  it('stops at the total across streams when each is under the one-stream bound', () => {
    const pdf = rawPdf([1, 2, 3].map(() => ({ dict: '/Length LEN /Filter /FlateDecode', data: Buffer.alloc(1_500, 0x20) })))
    expect(unpackedContentSize(pdf, { stream: 2_000, total: 4_000 })).toEqual({ bytes: 4_000, over: { stream: false, limit: 4_000 } })
    expect(unpackedContentSize(pdf, { stream: 2_000, total: 5_000 })).toEqual({ bytes: 4_500 })
  })

  it('does not count pictures and embedded fonts, which pdf.js does not read for text', () => {
    const big = Buffer.alloc(10_000, 0)
    const pdf = rawPdf([
      { dict: '/Type /XObject /Subtype /Image /Width 100 /Height 100 /BitsPerComponent 8 /ColorSpace /DeviceGray /Length LEN /Filter /FlateDecode', data: big },
      { dict: '/Length LEN /Length1 10000 /Filter /FlateDecode', data: big },
      { dict: '/Length LEN /Filter [/FlateDecode /DCTDecode]', data: big },
    ])
    expect(unpackedContentSize(pdf, { stream: 1_000, total: 1_000 })).toEqual({ bytes: 0 })
  })

  it('finds the end by the endstream marker when the length is an indirect reference', () => {
    const pdf = rawPdf([{ dict: '/Length 9 0 R /Filter /FlateDecode', data: Buffer.alloc(3_000, 0x41) }])
    expect(unpackedContentSize(pdf, { stream: 2_000, total: 10_000 }).over).toEqual({ stream: true, limit: 2_000 })
  })

  it('counts what a truncated stream unpacks to, and leaves data that is not deflate (encrypted, damaged) to pdf.js', () => {
    const whole = deflateSync(Buffer.alloc(5_000, 0x42))
    const truncated = rawPdf([{ dict: '/Length LEN /Filter /FlateDecode', data: whole.subarray(0, whole.length - 6), raw: true }])
    // Without the sync flush zlib would throw on the missing end and the stream would count as nothing.
    const counted = unpackedContentSize(truncated, { stream: 100_000, total: 100_000 }).bytes
    expect(counted).toBeGreaterThan(4_500)
    expect(counted).toBeLessThanOrEqual(5_000)
    const garbage = rawPdf([{ dict: '/Length LEN /Filter /FlateDecode', data: Buffer.from(Array.from({ length: 4_000 }, (_, i) => (i * 7919) % 251)), raw: true }])
    expect(unpackedContentSize(garbage)).toEqual({ bytes: 0 })
  })

  it('ignores the word "stream" where it is not a stream keyword, and a file with none', () => {
    expect(unpackedContentSize(latin1('%PDF-1.4\n1 0 obj\n<< /Title (upstream mainstream) >>\nendobj\n'))).toEqual({ bytes: 0 })
    expect(unpackedContentSize(new Uint8Array(0))).toEqual({ bytes: 0 })
  })
})
