// File names made from article titles: legal on Windows, macOS and Linux, never
// a path, unique within one export even on case-insensitive file systems.

/** Leaves room for " (12)" and an extension within common 255-byte name limits. */
export const MAX_NAME_CHARS = 100

// Windows refuses these as a name stem whatever the extension.
const RESERVED = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])$/i

export function safeFileStem(title: string): string {
  let stem = title
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ')
    // Path separators and characters Windows forbids; #, ^, [ ] and | also break Obsidian links.
    .replace(/[/\\:*?"<>|#^[\]]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    // Leading dots hide files; trailing dots and spaces are dropped by Windows.
    // A leading - reads as an option to a shell command, and =, + or @ as a formula where a name lands in a sheet.
    .replace(/^[.\s\-=+@]+|[.\s]+$/g, '')
  const points = [...stem]
  if (points.length > MAX_NAME_CHARS) stem = points.slice(0, MAX_NAME_CHARS).join('').replace(/[.\s]+$/g, '')
  if (stem === '') stem = 'Untitled'
  if (RESERVED.test(stem)) stem = `${stem}_`
  return stem
}

/** Hands out unique names; the first title to ask keeps the plain name. */
export class FileNamer {
  private readonly used = new Set<string>()

  name(title: string, extension: string): string {
    const stem = safeFileStem(title)
    for (let n = 1; ; n += 1) {
      const candidate = n === 1 ? `${stem}.${extension}` : `${stem} (${n}).${extension}`
      const key = candidate.toLowerCase()
      if (!this.used.has(key)) {
        this.used.add(key)
        return candidate
      }
    }
  }
}
