// Assembles the DossierApi from the archive and its parts. Both shells (Electron
// IPC and the HTTP transport) and the CLI serve exactly this object.

import { apiMethods, type DossierApi } from '../../shared/api'
import { Archive } from '../core/archive/archive'
import { ArchiveLock, LOCK_FILE } from '../core/archive/lock'
import { recoverInterruptedWork } from '../core/exchange/recover'
import { NotesStore } from '../core/notes'
import { EventBus } from './events'
import { createExchangeApi, type PrintToPdf, type Reopen } from './exchange'
import { ExchangeJobs } from './exchange-jobs'
import { createLibraryApi } from './library'
import { ArticleLifecycle } from './lifecycle'
import { createNotesApi } from './notes'
import { openSearch } from './search'
import { addWelcomeArticle } from './welcome'
import { createWebApi } from './web'

export interface DossierService {
  api: DossierApi
  events: EventBus
  archive: Archive
  /** What was found wrong at open and how it was recovered, for the user. */
  notices: string[]
  lifecycle: ArticleLifecycle
  /** The one NotesStore over this archive; every feature shares it (a second one would race on the files). */
  notes: NotesStore
  close(): Promise<void>
}

/** A restore or merge reopens the service into the same object, on the same event bus, so the shells keep it. */
interface Reuse {
  events?: EventBus
  into?: DossierService
  /** The desktop shell's printer, for PDF export. */
  printToPdf?: PrintToPdf
  /** Who opens the archive, named to a second opener while this one holds it: "dossier import", "Dossier desktop app". */
  command?: string
  /** A reopen keeps the lock it already holds, so no other process slips in while the files are swapped. */
  lock?: ArchiveLock
}

export async function openService(dir: string, reuse: Reuse = {}): Promise<DossierService> {
  // Before anything reads or writes the files: one process at a time writes an archive.
  const taken = reuse.lock ? { lock: reuse.lock, notices: [] } : await ArchiveLock.acquire(dir, { command: reuse.command ?? 'dossier' })
  const lock = taken.lock
  try {
    if (reuse.lock) await lock.renew()
    return await openLocked(dir, reuse, lock, taken.notices)
  } catch (error) {
    // A reopen's lock stays with the service that holds it; its close releases it.
    if (!reuse.lock) await lock.release()
    throw error
  }
}

async function openLocked(dir: string, reuse: Reuse, lock: ArchiveLock, lockNotices: string[]): Promise<DossierService> {
  // A restore or merge cut short by a crash is finished or undone before anything reads the files.
  const mergeUndone = await recoverInterruptedWork(dir)
  const archive = await Archive.open(dir)
  const events = reuse.events ?? new EventBus()
  lock.onRecreated = () =>
    events.emit('notice', {
      level: 'warning',
      message: `The archive's lock file (${LOCK_FILE}) was deleted while Dossier had the archive open; it was written again, so no second Dossier can open the archive at the same time.`,
    })
  const notices = [...lockNotices, ...archive.notices]
  if (mergeUndone) notices.push('A merge of shared notes was interrupted; the archive was put back as it was before it.')
  await addWelcomeArticle(archive)
  const lifecycle = new ArticleLifecycle()
  /** Run in order at close: each feature that holds files open adds one. */
  const closers: (() => Promise<void> | void)[] = []
  const openedNotes = await NotesStore.open(dir, { articleExists: (id) => archive.has(id) })
  const notes = openedNotes.store
  notices.push(...openedNotes.notices)
  closers.push(() => notes.close())
  // Search follows the archive and the notes from here on; its worker loads the saved index in the background.
  const search = await openSearch({ dir, archive, events, lifecycle, annotations: (id) => notes.listAnnotations(id) })
  notices.push(...search.notices)
  closers.unshift(() => search.close())
  const service = reuse.into ?? ({} as DossierService)
  const closeFiles = async () => {
    for (const closeFeature of closers) await closeFeature()
    await archive.flushCatalog()
  }
  const reopen: Reopen = async (swap) => {
    await closeFiles()
    try {
      await lock.whileSwapping(swap)
    } finally {
      await openService(dir, { ...reuse, events, into: service, lock })
    }
    return { archive: service.archive, announceAdded: (ids) => service.lifecycle.emit('added', ids) }
  }
  const exchangeJobs = new ExchangeJobs(events)
  const web = createWebApi({ archive, events, lifecycle })
  // Each feature adds its methods here, subscribes to the lifecycle and adds a closer.
  const api: DossierApi = {
    ...createLibraryApi(archive, events, lifecycle, notices),
    ...createExchangeApi({ dir, archive, notes, events, jobs: exchangeJobs, reopen, ...(reuse.printToPdf ? { printToPdf: reuse.printToPdf } : {}) }),
    ...createNotesApi({ store: notes, archive, events, lifecycle }),
    ...search.api,
    ...web.api,
  }
  // One cancelJob for every kind of job: export, backup, restore and merge jobs are not the library's.
  const cancelLibraryJob = api.cancelJob
  api.cancelJob = async (...args) =>
    args.length === 1 && typeof args[0] === 'string' && (exchangeJobs.cancel(args[0]) || web.cancel(args[0])) ? { ok: true, value: true } : cancelLibraryJob(...args)
  for (const method of apiMethods) {
    if (typeof api[method] !== 'function') throw new Error(`DossierApi method ${method} has no implementation`)
  }
  for (const message of notices) events.emit('notice', { level: 'warning', message })
  return Object.assign(service, {
    api,
    events,
    archive,
    notes,
    notices,
    lifecycle,
    close: async () => {
      try {
        await closeFiles()
      } finally {
        await lock.release()
      }
    },
  })
}
