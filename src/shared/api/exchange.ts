// Notes leaving the app (export), the whole archive leaving and coming back
// (backup, restore), and a colleague's notes coming in (merge).

import type { Result } from '../result'
import { methodList } from './contract'
import type { ImportFile } from './library'

/** 'pdf' is the HTML report printed by the desktop app; the browser mode prints the HTML report itself. */
export const EXPORT_FORMATS = ['markdown', 'markdown-combined', 'csv', 'json', 'html', 'pdf'] as const
export type ExportFormat = (typeof EXPORT_FORMATS)[number]

/** Which notes to export: one article, a hand-picked set, everything under a tag, or all. */
export type ExportScope = { articleId: string } | { articleIds: string[] } | { tag: string } | { all: true }

export interface ExportRequest {
  format: ExportFormat
  scope: ExportScope
  /** Chosen by the caller so it can follow progress (kind 'export') and cancel. */
  jobId?: string
}

/** A file to save or download: a bare name (never a path), its type and its bytes. */
export interface ExportedFile {
  name: string
  mime: string
  data: Uint8Array
}

export interface ExportOutcome {
  files: ExportedFile[]
  articles: number
  annotations: number
  links: number
}

export interface BackupSummary {
  /** When the backup was made (ISO). */
  createdAt: string
  files: number
  bytes: number
}

export interface RestoreOutcome extends BackupSummary {
  /** The folder name (never a path) the replaced archive was kept under, when there was one. */
  previousFolder?: string
}

export interface MergeCounts {
  articles: number
  annotations: number
  links: number
}

export interface MergeReport {
  fileName: string
  /** False for a preview: nothing was written. */
  applied: boolean
  added: MergeCounts
  /** Incoming items already held exactly as they are. */
  unchanged: MergeCounts
  /** Articles the file describes that this archive holds under another id, matched by URL or text. */
  matched: { title: string; by: 'url' | 'content' }[]
  /** Items edited on both sides: newest wins, the other is kept in the annotation's history. */
  conflicts: { kind: 'annotation' | 'link'; id: string; winner: 'incoming' | 'current'; message: string }[]
  /** Items not imported, each with the reason. */
  skipped: { kind: 'article' | 'annotation' | 'link'; id?: string; reason: string }[]
  /** Authors of the incoming annotations and links, as they signed them. */
  authors: string[]
}

export interface ExchangeOptions {
  jobId?: string
}

export interface ExchangeApi {
  exportNotes(request: ExportRequest): Promise<Result<ExportOutcome>>
  /** The whole archive as one zip file, to download or save. */
  backupArchive(options?: ExchangeOptions): Promise<Result<ExportedFile>>
  /** Verifies a backup and says what it holds, changing nothing. */
  inspectBackup(file: ImportFile): Promise<Result<BackupSummary>>
  /** Verifies, then replaces the archive with the backup; the old one is kept beside it. */
  restoreBackup(file: ImportFile, options?: ExchangeOptions): Promise<Result<RestoreOutcome>>
  /** What merging a colleague's JSON export would do, changing nothing. */
  previewMerge(file: ImportFile): Promise<Result<MergeReport>>
  /** Merges a colleague's JSON export: all of it or, on any failure, none of it. */
  mergeNotes(file: ImportFile, options?: ExchangeOptions): Promise<Result<MergeReport>>
}

export const exchangeMethods = methodList<ExchangeApi>()([
  'exportNotes',
  'backupArchive',
  'inspectBackup',
  'restoreBackup',
  'previewMerge',
  'mergeNotes',
])
