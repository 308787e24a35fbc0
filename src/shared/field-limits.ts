// Lengths and counts every way in holds to: the API, import, and a merged file
// alike, so nothing stored from a file is larger than what the UI could type.

export const MAX_TITLE_LENGTH = 500
export const MAX_BYLINE_LENGTH = 500
export const MAX_SOURCE_LENGTH = 300
export const MAX_URL_LENGTH = 2048
export const MAX_EXCERPT_LENGTH = 2000
export const MAX_FILE_NAME_LENGTH = 255
export const MAX_DATE_LENGTH = 40
/** Article tags; note tags have their own, smaller limits. */
export const MAX_ARTICLE_TAGS = 200
export const MAX_ARTICLE_TAG_LENGTH = 100
export const MAX_NOTE_LENGTH = 100_000
export const MAX_NOTE_TAGS = 50
export const MAX_NOTE_TAG_LENGTH = 80
export const MAX_RELATION_LENGTH = 64
export const MAX_AUTHOR_LENGTH = 200
/** An annotation's kept earlier versions. */
export const MAX_HISTORY = 1000

/** What one merged file may bring. */
export const MAX_MERGE_ARTICLES = 10_000
export const MAX_MERGE_ITEMS = 200_000
/** Text of one merged article, as for an imported text file. */
export const MAX_MERGE_ARTICLE_CHARS = 16 * 1024 * 1024
export const MAX_MERGE_BLOCKS = 100_000

/** Cuts text to at most `max` characters without splitting a surrogate pair. */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text
  const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max
  return text.slice(0, end).trimEnd()
}
