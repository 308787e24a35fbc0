// Bringing notes and archives back in: shared notes files, merge plans, backups.

export { MAX_SHARE_BYTES, parseSharedNotes, type ParsedShare, type SkippedItem } from './parse-shared-notes'
export { applyMergePlan, isEmptyPlan, planMerge, type ArticleMatch, type MergeConflict, type MergePlan, type MergeState } from './plan-merge'
export { openBackup, packArchive, verifyBackup, type Manifest, type OpenedBackup, type PackOptions } from './backup'
export { restoreArchive, type RestoreOptions, type RestoreOutcome } from './restore'
