// Plain text made safe to drop into Markdown, and names Obsidian accepts.

/** Characters that start inline markup in CommonMark or Obsidian (#tag, ==mark==, %%comment%%, $math$, ^block). */
const INLINE = /[\\`*_[\]<>|~^$%=&#]/g
/** Line starts that would turn text into a heading, list, quote or rule. */
const LINE_START = /^([#>+-]|\d+(?=[.)]))/

/** Every line break as \n: a raw CR, NEL or Unicode line separator is a break to some viewers and not to others. */
export function normaliseLines(text: string): string {
  return text.replace(/\r\n?|[\u0085\u2028\u2029]/g, '\n')
}

/** Inline markup characters backslash-escaped, so they show as themselves. */
export function escapeInline(text: string): string {
  return text.replace(INLINE, '\\$&')
}

/** A line's first characters escaped so it cannot start a heading, list, quote or rule. */
export function escapeLineStart(line: string): string {
  // Only ASCII punctuation can be backslash-escaped: for "12." escape the dot.
  return line.replace(LINE_START, (mark: string) => (/\d/.test(mark) ? `${mark}\\` : `\\${mark}`))
}

export function escapeMarkdown(text: string): string {
  return normaliseLines(text)
    .split('\n')
    // Leading indentation would open a code block; Markdown drops it anyway.
    .map((line) => escapeLineStart(escapeInline(line.replace(/^[ \t]+/, ''))))
    .join('\n')
}

/** Text as a blockquote, every line quoted (a blank line would end the quote). */
export function blockquote(text: string): string {
  return escapeMarkdown(text)
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
  return escapeMarkdown(normaliseLines(text).replace(/\s+/g, ' ').trim())
}
