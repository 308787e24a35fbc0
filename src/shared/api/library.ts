import type { DossierEventMap } from '../events'
import type { DossierError, Result } from '../result'
import type { Article, ArticleMeta, EditableField, Preferences, ReadingPosition } from '../types'
import { methodList } from './contract'

export interface ImportFile {
  /** The file's name (a relative path inside a dropped folder at most), for messages. */
  name: string
  data: Uint8Array
}

export interface ImportOptions {
  /** Chosen by the caller so it can follow progress events and cancel. */
  jobId?: string
  /** What to do with a file already in the archive: skip it (default) or update the stored article's text. */
  duplicates?: 'skip' | 'update'
}

export interface ImportOutcome {
  imported: ArticleMeta[]
  /** Articles whose text was replaced by a newer import (duplicates: 'update'), or brought back from the trash. */
  updated: ArticleMeta[]
  duplicates: { file: string; existingId: string; title: string }[]
  failed: DossierError[]
  cancelled: boolean
}

/** Something found wrong at open (a damaged file recovered, say), kept for the UI to show. */
export type StartupNotice = DossierEventMap['notice']

export type MetadataPatch = Partial<Pick<ArticleMeta, EditableField>>

export interface LibraryApi {
  listArticles(): Promise<Result<ArticleMeta[]>>
  getArticle(id: string): Promise<Result<Article>>
  importFiles(files: ImportFile[], options?: ImportOptions): Promise<Result<ImportOutcome>>
  cancelJob(jobId: string): Promise<Result<boolean>>
  /** Moves the article to the trash; its notes stay until it is purged. */
  deleteArticle(id: string): Promise<Result<ArticleMeta>>
  restoreArticle(id: string): Promise<Result<ArticleMeta>>
  listTrash(): Promise<Result<ArticleMeta[]>>
  purgeArticle(id: string): Promise<Result<boolean>>
  updateArticle(id: string, patch: MetadataPatch): Promise<Result<ArticleMeta>>
  getReadingPosition(id: string): Promise<Result<ReadingPosition | null>>
  setReadingPosition(id: string, position: Omit<ReadingPosition, 'updatedAt'>): Promise<Result<ReadingPosition>>
  getPreferences(): Promise<Result<Preferences>>
  setPreferences(patch: Partial<Preferences>): Promise<Result<Preferences>>
  /** What was found wrong when the archive opened; events sent at open reach no one yet. */
  listNotices(): Promise<Result<StartupNotice[]>>
}

export const libraryMethods = methodList<LibraryApi>()([
  'listArticles',
  'getArticle',
  'importFiles',
  'cancelJob',
  'deleteArticle',
  'restoreArticle',
  'listTrash',
  'purgeArticle',
  'updateArticle',
  'getReadingPosition',
  'setReadingPosition',
  'getPreferences',
  'setPreferences',
  'listNotices',
])
