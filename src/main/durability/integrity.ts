// An integrity check of an archive folder, for the crash and damage tests: the
// archive opens, every catalog entry has a readable body, and every annotation
// points at an article the catalog holds. It reports; the tests decide.

import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { Archive } from '../core/archive/archive'
import { NotesStore } from '../core/notes'

export interface IntegrityReport {
  articleIds: string[]
  annotationIds: string[]
  /** Catalog entries whose body cannot be read: must stay empty. */
  unreadable: string[]
  /** Annotations whose article is not in the catalog: must stay empty. */
  strayAnnotations: string[]
  /** Temp files of writes cut short left in the archive's own folders after open: must stay empty. */
  leftoverTemps: string[]
  /** The notes store's temp files left after open (it clears them as the archive does): must stay empty. */
  noteTemps: string[]
  notices: string[]
}

async function tempsIn(dir: string): Promise<string[]> {
  const names = await readdir(dir).catch(() => [] as string[])
  return names.filter((name) => name.endsWith('.tmp')).map((name) => join(dir, name))
}

export async function checkArchive(dir: string): Promise<IntegrityReport> {
  const archive = await Archive.open(dir)
  const metas = [...archive.list(), ...archive.listTrash()]
  const unreadable: string[] = []
  for (const meta of metas) {
    const ok = await archive.readBlocks(meta.id).then(
      (blocks) => blocks.length > 0,
      () => false,
    )
    if (!ok) unreadable.push(meta.id)
  }
  const known = new Set(metas.map((meta) => meta.id))
  const { store, notices: noteNotices } = await NotesStore.open(dir)
  const annotations = store.listAllAnnotations()
  await store.close()
  const leftoverTemps = [...(await tempsIn(dir)), ...(await tempsIn(join(dir, 'articles')))]
  const noteTemps = [...(await tempsIn(join(dir, 'notes', 'annotations'))), ...(await tempsIn(join(dir, 'notes', 'links')))]
  return {
    articleIds: metas.map((meta) => meta.id),
    annotationIds: annotations.map((a) => a.id),
    unreadable,
    strayAnnotations: annotations.filter((a) => !known.has(a.target.articleId)).map((a) => a.id),
    leftoverTemps,
    noteTemps,
    notices: [...archive.notices, ...noteNotices],
  }
}
