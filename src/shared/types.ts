// Domain types shared by every runtime. Plain data only: no node, electron or DOM.

export type BlockType =
  | 'heading'
  | 'paragraph'
  | 'list-item'
  | 'quote'
  | 'caption'
  | 'preformatted'
  | 'figure'
  | 'table-row'

export type MarkKind = 'em' | 'strong' | 'code' | 'link'

/** An inline mark over [start, end) of its block's text. */
export interface InlineMark {
  kind: MarkKind
  start: number
  end: number
  /** Only for links; always http(s) or mailto, never javascript: or data:. */
  href?: string
}

/**
 * A passage of an article. The article's plain text is its blocks' texts
 * joined by BLOCK_SEPARATOR, and annotation selectors point into that text.
 */
export interface Block {
  id: string
  type: BlockType
  text: string
  /** Heading level 1–6. */
  level?: number
  /** List items: ordered list and nesting depth (0 = top). */
  ordered?: boolean
  depth?: number
  /** PDF page the block starts on (1-based), so a passage can be cited as "p. 12". */
  page?: number
  /** Figures: archive asset name of the image stored with the article. */
  asset?: string
  /** Table rows: the cells' texts (text holds them joined by tabs). */
  cells?: string[]
  marks?: InlineMark[]
}

export const BLOCK_SEPARATOR = '\n\n'

export type SourceFormat = 'text' | 'markdown' | 'html' | 'pdf' | 'url'

/** Metadata fields a user may correct after import; corrections survive re-import. */
export const EDITABLE_FIELDS = ['title', 'byline', 'source', 'publishedAt', 'url', 'tags'] as const
export type EditableField = (typeof EDITABLE_FIELDS)[number]

export interface ArticleMeta {
  id: string
  title: string
  byline?: string
  /** Site or publication name. */
  source?: string
  url?: string
  /** ISO date (YYYY-MM-DD or full ISO timestamp) as the document states it. */
  publishedAt?: string
  /** ISO timestamp. */
  addedAt: string
  updatedAt: string
  language?: string
  excerpt?: string
  tags: string[]
  format: SourceFormat
  /** The file name it was imported from, for messages; never a full path. */
  fileName?: string
  wordCount: number
  readingMinutes: number
  /** sha-256 of the normalised plain text, for duplicate detection. */
  contentHash: string
  /** Fields the user corrected; a re-import keeps these values. */
  edited?: EditableField[]
  /** Set when the article is in the trash. */
  deletedAt?: string
}

export interface Article extends ArticleMeta {
  blocks: Block[]
}

/** What an importer produces before the archive gives it an id and dates. */
export interface ImportedDocument {
  title: string
  byline?: string
  source?: string
  url?: string
  publishedAt?: string
  language?: string
  excerpt?: string
  tags?: string[]
  format: SourceFormat
  blocks: Omit<Block, 'id'>[]
  /** Images the document carries, stored beside the article body. */
  assets?: { name: string; mime: string; data: Uint8Array }[]
  /** Word count and content hash of the blocks, worked out where the file was read (the import worker), not on the thread that answers the app. */
  textStats?: { words: number; contentHash: string }
}

export interface ReadingPosition {
  blockId: string
  /** 0..1 through the article, for the progress bar. */
  fraction: number
  updatedAt: string
}

export type Theme = 'light' | 'sepia' | 'dark'

export interface Preferences {
  theme: Theme
  /** Reader font size in px. */
  fontSize: number
  /** Reader measure in characters. */
  lineWidth: number
  /** Shown as the author of annotations shared with colleagues. */
  userName: string
}

export const DEFAULT_PREFERENCES: Preferences = {
  theme: 'light',
  fontSize: 19,
  lineWidth: 68,
  userName: '',
}
