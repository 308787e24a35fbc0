// PDF text runs → visual lines. Runs arrive in content-stream order, which for the generators analysts
// meet (word processors, LaTeX, report tools) is reading order, columns included; so a line is built
// from consecutive runs on one baseline, never by sorting the page by position (that interleaves columns).

export interface TextRun {
  str: string
  /** Baseline origin in PDF user space (y grows upwards). */
  x: number
  y: number
  width: number
  /** Font size in points, from the text matrix. */
  size: number
}

export interface PdfLine {
  text: string
  x: number
  y: number
  right: number
  /** The size most of the line's characters are set in (a footnote mark or drop cap does not count). */
  size: number
  page: number
}

/** Control codes and replacement characters: what a PDF without a proper font map emits. */
const CONTROL = /[\p{Cc}\ufffd]/gu

export function linesOfPage(runs: TextRun[], page: number): PdfLine[] {
  const lines: PdfLine[] = []
  let current: (PdfLine & { weights: Map<number, number> }) | undefined
  const finish = () => {
    if (!current) return
    const text = current.text.replace(/\s+/g, ' ').trim()
    if (text !== '') {
      let size = current.size
      let best = -1
      for (const [s, w] of current.weights) if (w > best) [size, best] = [s, w]
      lines.push({ text, x: current.x, y: current.y, right: current.right, size, page })
    }
    current = undefined
  }
  for (const run of runs) {
    const str = run.str.replace(/[\t\n\r]/g, ' ').replace(CONTROL, '')
    if (str === '' || !Number.isFinite(run.x + run.y + run.width + run.size)) continue
    const size = Math.abs(run.size) > 0 ? Math.abs(run.size) : 1
    const sameLine =
      current !== undefined &&
      Math.abs(run.y - current.y) <= Math.max(size, current.size) * 0.45 &&
      run.x >= current.right - Math.max(size, current.size) * 0.6
    if (!sameLine) {
      finish()
      if (str.trim() === '') continue
      current = { text: '', x: run.x, y: run.y, right: run.x, size, page, weights: new Map() }
    }
    if (!current) continue
    // A visible gap between runs is a space the PDF did not write as a character.
    const gap = run.x - current.right
    if (current.text !== '' && gap > size * 0.15 && !/\s$/.test(current.text) && !/^\s/.test(str)) current.text += ' '
    current.text += str
    current.right = Math.max(current.right, run.x + run.width)
    const key = Math.round(size * 2) / 2
    current.weights.set(key, (current.weights.get(key) ?? 0) + str.trim().length)
  }
  finish()
  return lines
}

/** Page numbers and running heads: noise between paragraphs, and not the author's words. */
export function dropPageFurniture(pages: PdfLine[][]): PdfLine[][] {
  const key = (line: PdfLine) => line.text.toLowerCase().replace(/\d+/g, '#')
  const edgeCounts = new Map<string, number>()
  for (const lines of pages) {
    const edges = new Set([lines[0], lines[lines.length - 1]].flatMap((l) => (l ? [key(l)] : [])))
    for (const k of edges) edgeCounts.set(k, (edgeCounts.get(k) ?? 0) + 1)
  }
  const repeated = (line: PdfLine) => pages.length >= 3 && (edgeCounts.get(key(line)) ?? 0) >= Math.max(3, pages.length / 2)
  const pageNumber = /^(?:page\s+)?[-–(]?\s*(?:\d{1,4}|[ivxlc]{1,7})\s*[-–)]?(?:\s*(?:of|\/)\s*\d{1,4})?$/i
  // A page whose edge lines are all it has (a slide, a one-line page) has no furniture to drop.
  return pages.map((lines) =>
    lines.length <= 2
      ? lines
      : lines.filter((line, i) => {
          const atEdge = i === 0 || i === lines.length - 1
          return !(atEdge && (pageNumber.test(line.text) || repeated(line)))
        }),
  )
}
