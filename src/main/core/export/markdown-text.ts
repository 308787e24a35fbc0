// Plain text made safe to drop into Markdown, and names Obsidian accepts.

/** Characters that start inline markup in CommonMark or Obsidian (#tag, ==mark==, %%comment%%, $math$, ^block). */
const INLINE = /[\\`*_[\]<>|~^$%=&#]/g
/** Line starts that would turn text into a heading, list, quote or rule. */
const LINE_START = /^([#>+-]|\d+(?=[.)]))/

export function escapeMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) =>
      line
        // Leading indentation would open a code block; Markdown drops it anyway.
        .replace(/^[ \t]+/, '')
        .replace(INLINE, '\\$&')
        // Only ASCII punctuation can be backslash-escaped: for "12." escape the dot.
        .replace(LINE_START, (mark: string) => (/\d/.test(mark) ? `${mark}\\` : `\\${mark}`)),
    )
    .join('\n')
}

/** Text as a blockquote, every line quoted (a blank line would end the quote). */
export function blockquote(text: string): string {
  return escapeMarkdown(text.replace(/\r\n?/g, '\n'))
    .split('\n')
    .map((line) => (line.trim() === '' ? '>' : `> ${line}`))
    .join('\n')
}

/** Obsidian block ids allow only Latin letters, digits and dashes. */
export function blockId(annotationId: string): string {
  const safe = [...annotationId]
    .map((ch) => (/[A-Za-z0-9-]/.test(ch) ? ch : `-${ch.codePointAt(0)?.toString(16)}-`))
    .join('')
  return `ann-${safe}`
}

/** Obsidian tags: letters, digits, _, - and /; no spaces; at least one non-digit. */
export function obsidianTag(tag: string): string {
  const cleaned = tag
    .trim()
    .replace(/\s+/g, '-')
    .replace(/[^\p{L}\p{N}_\-/]/gu, '')
  if (cleaned === '') return 'tag'
  return /^[0-9]+$/.test(cleaned) ? `tag-${cleaned}` : cleaned
}

/**
 * A relative link destination to a sibling file. Only characters that would end
 * or confuse the destination are percent-encoded (spaces, parentheses, %, ?, <, >),
 * so the path decodes with decodeURI, as Obsidian does, not just decodeURIComponent.
 */
export function fileHref(fileName: string, anchor?: string): string {
  const path = fileName.replace(/[\s()%?<>\\]/gu, (ch) =>
    [...new TextEncoder().encode(ch)].map((byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`).join(''),
  )
  return anchor === undefined ? path : `${path}#^${anchor}`
}

/** Link text: escaped, and single-line so it cannot break out of the brackets. */
export function linkText(text: string): string {
  return escapeMarkdown(text.replace(/\s+/g, ' ').trim())
}
