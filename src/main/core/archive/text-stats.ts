import { createHash } from 'node:crypto'
import { BLOCK_SEPARATOR, type Block } from '../../../shared/types'
import { WORDS_PER_MINUTE } from '../../../shared/limits'

export function plainTextOf(blocks: Pick<Block, 'text'>[]): string {
  return blocks.map((block) => block.text).join(BLOCK_SEPARATOR)
}

export function countWords(text: string): number {
  return text.match(/[\p{L}\p{N}]+(?:['’\-.,][\p{L}\p{N}]+)*/gu)?.length ?? 0
}

export function readingMinutes(words: number): number {
  return words === 0 ? 0 : Math.max(1, Math.round(words / WORDS_PER_MINUTE))
}

/** Same text, however it was spaced or typeset, gives the same hash. */
export function contentHash(blocks: Pick<Block, 'text'>[]): string {
  const normalised = plainTextOf(blocks)
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim()
  return createHash('sha256').update(normalised).digest('hex')
}

/** URLs that differ only by tracking parameters, fragment or trailing slash are the same page. */
export function canonicalUrl(url: string | undefined): string | undefined {
  if (!url) return undefined
  try {
    const parsed = new URL(url)
    parsed.hash = ''
    for (const key of [...parsed.searchParams.keys()]) {
      if (/^(utm_|fbclid$|gclid$|mc_|ref$|ref_src$)/i.test(key)) parsed.searchParams.delete(key)
    }
    parsed.hostname = parsed.hostname.replace(/^www\./, '')
    const text = parsed.toString()
    return text.endsWith('/') ? text.slice(0, -1) : text
  } catch {
    return undefined
  }
}
