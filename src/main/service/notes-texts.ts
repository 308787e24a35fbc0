// Plain texts of articles, read on demand to anchor notes. Bounded, so a
// Notebook query over many articles cannot hold the whole archive in memory;
// dropped on re-import and purge so anchors follow the current text.

import { plainText } from '../../shared/anchoring'
import type { Archive } from '../core/archive/archive'

const MAX_CACHED = 64

export class PlainTexts {
  private readonly cache = new Map<string, string>()

  constructor(private readonly archive: Archive) {}

  /** The article's plain text; throws not-found when the article is gone. */
  async of(articleId: string): Promise<string> {
    const cached = this.cache.get(articleId)
    if (cached !== undefined) {
      // Re-insert: Map order is the eviction order (least recently used first).
      this.cache.delete(articleId)
      this.cache.set(articleId, cached)
      return cached
    }
    const text = plainText(await this.archive.readBlocks(articleId))
    this.cache.set(articleId, text)
    if (this.cache.size > MAX_CACHED) this.cache.delete(this.cache.keys().next().value ?? '')
    return text
  }

  /** The text, or undefined when the article is purged or its body unreadable. */
  async maybe(articleId: string): Promise<string | undefined> {
    if (!this.archive.has(articleId)) return undefined
    try {
      return await this.of(articleId)
    } catch {
      return undefined
    }
  }

  forget(articleId: string): void {
    this.cache.delete(articleId)
  }
}
