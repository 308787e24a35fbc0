// The archive's notes store: annotations, passage links, backlinks, backups.

export { NotesStore, type LinkView, type NotesStoreOptions, type ReanchorReport } from './notes-store'
export type { AnnotationFilter, LinkFilter } from './filters'
export type { AnnotationPatch, LinkEndInput, LinkPatch, NewAnnotation, NewLink, RangeInput } from './inputs'
export { MAX_NOTE_LENGTH, MAX_RELATION_LENGTH, MAX_TAG_LENGTH, MAX_TAGS } from './inputs'
export { DEFAULT_BACKUP_INTERVAL_MS, DEFAULT_BACKUP_KEEP, type BackupOptions } from './backups'
