// Builds one block's text with inline marks, collapsing whitespace the way a browser does.
import type { InlineMark, MarkKind } from '../../../shared/types'

interface OpenMark {
  kind: MarkKind
  start: number
  href?: string
}

export class InlineBuilder {
  private text = ''
  /** Whether the text ends in a space: asking the text itself flattens the whole growing string each time (quadratic). */
  private endsInSpace = false
  private marks: InlineMark[] = []
  private open: OpenMark[] = []

  constructor(private readonly preserveWhitespace = false) {}

  append(raw: string): void {
    if (this.preserveWhitespace) {
      this.text += raw
      return
    }
    const collapsed = raw.replace(/\s+/g, ' ')
    const added = collapsed.startsWith(' ') && (this.text === '' || this.endsInSpace) ? collapsed.slice(1) : collapsed
    if (added === '') return
    this.text += added
    this.endsInSpace = added.endsWith(' ')
  }

  /** A line break inside a block: a space in flowing text, a newline in preformatted text. */
  lineBreak(): void {
    this.append(this.preserveWhitespace ? '\n' : ' ')
  }

  openMark(kind: MarkKind, href?: string): void {
    this.open.push(href === undefined ? { kind, start: this.text.length } : { kind, start: this.text.length, href })
  }

  closeMark(kind: MarkKind): void {
    for (let i = this.open.length - 1; i >= 0; i--) {
      const mark = this.open[i]
      if (mark?.kind !== kind) continue
      this.open.splice(i, 1)
      this.push(mark, this.text.length)
      return
    }
  }

  get isEmpty(): boolean {
    return this.text.trim() === ''
  }

  /** The finished text (trimmed) and its marks, clipped to the text; resets the builder, keeping open marks open. */
  take(): { text: string; marks: InlineMark[] } {
    for (const mark of this.open) this.push(mark, this.text.length)
    const lead = this.preserveWhitespace ? this.text.length - this.text.replace(/^\n+/, '').length : this.text.length - this.text.trimStart().length
    const text = this.preserveWhitespace ? this.text.replace(/^\n+/, '').replace(/\s+$/, '') : this.text.trim()
    const marks = this.marks
      .map((m) => ({ ...m, start: Math.max(0, m.start - lead), end: Math.min(text.length, m.end - lead) }))
      .filter((m) => m.end > m.start)
    this.text = ''
    this.endsInSpace = false
    this.marks = []
    this.open = this.open.map((m) => ({ ...m, start: 0 }))
    return { text, marks }
  }

  private push(mark: OpenMark, end: number): void {
    if (end <= mark.start) return
    this.marks.push(mark.href === undefined ? { kind: mark.kind, start: mark.start, end } : { kind: mark.kind, start: mark.start, end, href: mark.href })
  }
}
