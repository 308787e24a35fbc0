// Test fixtures: PDFs drawn with pdf-lib line by line, the way report tools lay pages out.
import { PDFDocument, StandardFonts } from 'pdf-lib'

export interface DrawnLine {
  text: string
  size?: number
  /** Extra space above the line, in points (a paragraph gap). */
  gapBefore?: number
  indent?: number
}

export interface DrawnPdf {
  pages: DrawnLine[][]
  title?: string
  author?: string
  /** Print "N" at the foot of each page, as reports do. */
  pageNumbers?: boolean
}

export async function makePdf(spec: DrawnPdf): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  const font = await pdf.embedFont(StandardFonts.TimesRoman)
  if (spec.title !== undefined) pdf.setTitle(spec.title)
  if (spec.author !== undefined) pdf.setAuthor(spec.author)
  spec.pages.forEach((lines, index) => {
    const page = pdf.addPage([595, 842])
    let y = 780
    for (const line of lines) {
      const size = line.size ?? 11
      y -= (line.gapBefore ?? 0) + size * 1.3
      page.drawText(line.text, { x: 72 + (line.indent ?? 0), y, size, font })
    }
    if (spec.pageNumbers) page.drawText(String(index + 1), { x: 290, y: 40, size: 9, font })
  })
  return pdf.save({ useObjectStreams: false })
}

/** A PDF whose only page is a drawn image: what a scanner produces. */
export async function makeScannedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  const page = pdf.addPage([595, 842])
  page.drawRectangle({ x: 72, y: 600, width: 400, height: 150 })
  for (let y = 580; y > 100; y -= 14) page.drawLine({ start: { x: 72, y }, end: { x: 500, y }, thickness: 6 })
  return pdf.save()
}
