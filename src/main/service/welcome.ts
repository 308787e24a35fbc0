import welcomeText from '../../../resources/welcome.md?raw'
import type { Archive } from '../core/archive/archive'
import { importDocument } from '../core/import'

/** A new archive opens on a welcome article, so the first screen is never empty; deleting it is final. */
export async function addWelcomeArticle(archive: Archive): Promise<void> {
  if (archive.welcomed) return
  if (archive.list().length === 0 && archive.listTrash().length === 0) {
    const doc = await importDocument({ name: 'Welcome to Dossier.md', data: new TextEncoder().encode(welcomeText) })
    await archive.add({ ...doc, source: 'Dossier', tags: ['dossier'] }, { fileName: 'Welcome to Dossier.md' })
  }
  await archive.markWelcomed()
}
