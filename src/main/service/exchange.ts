// The exchange feature: export notes, back up and restore the archive, merge a
// colleague's notes. Restore and merge replace files, so they run while the
// service is closed (`reopen`) and the service comes back on the new files.

import { rm } from 'node:fs/promises'
import { basename, join } from 'node:path'
import { z } from 'zod'
import { EXPORT_FORMATS, type ExchangeApi, type ExportFormat, type ExportedFile, type MergeReport } from '../../shared/api/exchange'
import { DossierFailure } from '../../shared/result'
import type { ImportFile } from '../../shared/api/library'
import type { Archive } from '../core/archive/archive'
import { LOCK_FILE } from '../core/archive/lock'
import { exportNotes, type ExportFormat as CoreFormat } from '../core/export'
import { openBackup, packArchive, parseSharedNotes, planMerge, restoreArchive, type MergePlan, type MergeState } from '../core/exchange'
import { applyMergeToFolder, type ApplyOptions, type HeldNotes } from '../core/exchange/apply'
import { guardPlan } from '../core/exchange/guard-plan'
import { defineApi, type ArgSchemas } from './define'
import type { EventBus } from './events'
import type { ExchangeJobs } from './exchange-jobs'
import { buildSelection, type NotesSource } from './export-selection'
import { fileSchema, idSchema } from './schemas'

/** Every format but PDF is an exporter's own; PDF is the HTML report, printed. */
const coreFormat = (format: ExportFormat): CoreFormat => (format === 'pdf' ? 'html' : format)

export const APP_VERSION = '0.1.0'

const MIME: Record<ExportFormat, string> = {
  markdown: 'text/markdown',
  'markdown-combined': 'text/markdown',
  csv: 'text/csv',
  json: 'application/ld+json',
  html: 'text/html',
  pdf: 'application/pdf',
}

/** Turns a standalone HTML page into PDF bytes; only the desktop shell can (Electron's printing). */
export type PrintToPdf = (html: string) => Promise<Uint8Array>

const NO_PDF =
  'PDF export is made by the desktop app, which prints the HTML report. Here, export the HTML report and print it to PDF from your browser.'

/** Runs `swap` while nothing holds the archive's files open, then reopens them (also when swap throws). */
export type Reopen = (swap: () => Promise<void>) => Promise<{ archive: Archive; announceAdded(ids: string[]): Promise<void> }>

export interface ExchangeDeps {
  dir: string
  archive: Archive
  notes: NotesSource
  events: EventBus
  jobs: ExchangeJobs
  reopen: Reopen
  /** Tests inject a failure into the merge's writes. */
  applyOptions?: ApplyOptions
  /** Present in the desktop app only. */
  printToPdf?: PrintToPdf
}

const scopeSchema = z.union([
  z.object({ articleId: idSchema }).strict(),
  z.object({ articleIds: z.array(idSchema).min(1).max(100_000) }).strict(),
  z.object({ tag: z.string().trim().min(1).max(100) }).strict(),
  z.object({ all: z.literal(true) }).strict(),
])
const jobOptions = z.object({ jobId: idSchema.optional() }).strict().optional()
/** A backup may be far larger than an imported article. */
const backupFileSchema = z.object({ name: z.string().min(1).max(1024), data: z.instanceof(Uint8Array) }).strict()

const schemas: ArgSchemas<ExchangeApi> = {
  exportNotes: z.tuple([z.object({ format: z.enum(EXPORT_FORMATS), scope: scopeSchema, jobId: idSchema.optional() }).strict()]),
  backupArchive: z.tuple([jobOptions]),
  inspectBackup: z.tuple([backupFileSchema]),
  restoreBackup: z.tuple([backupFileSchema, jobOptions]),
  previewMerge: z.tuple([fileSchema]),
  mergeNotes: z.tuple([fileSchema, jobOptions]),
}

const bytesOf = (data: string | Uint8Array): Uint8Array => (typeof data === 'string' ? new TextEncoder().encode(data) : data)
/** Only the name of what the user picked, never a path they typed. */
const nameOf = (file: ImportFile): string => basename(file.name.replace(/\\/g, '/')) || 'the file'

function report(plan: MergePlan, incoming: { annotations: { author: string }[]; links: { author: string }[] }, titles: Map<string, string>, applied: boolean): MergeReport {
  return {
    fileName: plan.fileName,
    applied,
    added: { articles: plan.addArticles.length, annotations: plan.addAnnotations.length, links: plan.addLinks.length },
    unchanged: plan.unchanged,
    matched: plan.matchedArticles.filter((m) => m.by !== 'id').map((m) => ({ title: titles.get(m.incomingId) ?? m.incomingId, by: m.by as 'url' | 'content' })),
    conflicts: plan.conflicts.map(({ kind, id, winner, message }) => ({ kind, id, winner, message })),
    skipped: plan.skipped,
    authors: [...new Set([...incoming.annotations, ...incoming.links].map((item) => item.author).filter((a) => a !== ''))].sort(),
  }
}

export function createExchangeApi(deps: ExchangeDeps): ExchangeApi {
  const { archive, notes, events, jobs } = deps

  const currentState = (): MergeState => ({
    articles: [...archive.list(), ...archive.listTrash()],
    annotations: notes.listAllAnnotations(),
    links: notes.listAllLinks().map(({ broken: _broken, ...link }) => link),
  })

  const plan = (file: ImportFile) => {
    const incoming = parseSharedNotes(file.data, nameOf(file))
    const state = currentState()
    const guarded = guardPlan(planMerge(state, incoming), new Set(state.articles.map((a) => a.id)))
    const titles = new Map(incoming.articles.map((a) => [a.id, a.title]))
    return { state, guarded, incoming, titles }
  }

  return defineApi<ExchangeApi>(schemas, {
    exportNotes: ({ format, scope, jobId }) =>
      jobs.run('export', jobId, async (job) => {
        if (format === 'pdf' && !deps.printToPdf) throw new DossierFailure('unsupported-format', NO_PDF)
        const selection = await buildSelection(archive, notes, scope)
        const files = await exportNotes(coreFormat(format), selection, {
          exportedAt: new Date().toISOString(),
          appVersion: APP_VERSION,
          signal: job.signal,
          onProgress: (done, total) => job.progress(done, total),
        })
        const exported: ExportedFile[] = []
        for (const f of files) {
          if (format === 'pdf' && deps.printToPdf) {
            const html = typeof f.data === 'string' ? f.data : new TextDecoder().decode(f.data)
            exported.push({ name: f.name.replace(/\.html?$/i, '') + '.pdf', mime: MIME.pdf, data: await deps.printToPdf(html) })
          } else exported.push({ name: f.name, mime: MIME[format], data: bytesOf(f.data) })
        }
        const ids = new Set(selection.articles.map((a) => a.id))
        return {
          files: exported,
          articles: selection.articles.length,
          annotations: selection.annotations.filter((a) => ids.has(a.target.articleId)).length,
          links: selection.links.length,
        }
      }),

    backupArchive: (options) =>
      jobs.run('backup', options?.jobId, async (job) => {
        await archive.flushCatalog()
        const data = await packArchive(deps.dir, { signal: job.signal, onProgress: (done, total) => job.progress(done, total) })
        const stamp = new Date().toISOString().slice(0, 19).replace(/[:T]/g, '-')
        return { name: `dossier-backup-${stamp}.zip`, mime: 'application/zip', data }
      }),

    inspectBackup: (file) => {
      const { manifest } = openBackup(file.data, nameOf(file))
      return { createdAt: manifest.createdAt, files: manifest.files.length, bytes: manifest.files.reduce((sum, f) => sum + f.size, 0) }
    },

    restoreBackup: (file, options) =>
      jobs.run('restore', options?.jobId, async (job) => {
        // Verified here, before the service closes: a bad file never costs the user a reopen.
        const { manifest } = openBackup(file.data, nameOf(file))
        job.progress(0, 1, nameOf(file))
        let previous: string | undefined
        const fresh = await deps.reopen(async () => {
          previous = (await restoreArchive(file.data, deps.dir, { fileName: nameOf(file) })).previousDir
          // The old folder took our lock file with it; nothing has it open, so a lock there would only call it busy.
          if (previous !== undefined) await rm(join(previous, LOCK_FILE), { force: true })
        })
        events.emit('archive-changed', { articleIds: fresh.archive.list().map((a) => a.id) })
        return {
          createdAt: manifest.createdAt,
          files: manifest.files.length,
          bytes: manifest.files.reduce((sum, f) => sum + f.size, 0),
          ...(previous !== undefined ? { previousFolder: basename(previous) } : {}),
        }
      }),

    previewMerge: (file) => {
      const { guarded, incoming, titles } = plan(file)
      return report(guarded, incoming, titles, false)
    },

    mergeNotes: (file, options) =>
      jobs.run('merge', options?.jobId, async (job) => {
        const { state, guarded, incoming, titles } = plan(file)
        const changes = guarded.addArticles.length + guarded.addAnnotations.length + guarded.replaceAnnotations.length + guarded.addLinks.length + guarded.replaceLinks.length
        if (changes === 0) return report(guarded, incoming, titles, true)
        job.progress(0, changes, nameOf(file))
        const held: HeldNotes = {
          annotations: new Map(state.annotations.map((a) => [a.id, a.target.articleId])),
          links: new Map(state.links.map((l) => [l.id, l.from.articleId])),
        }
        const fresh = await deps.reopen(() => applyMergeToFolder(deps.dir, guarded, held, deps.applyOptions))
        const added = guarded.addArticles.map((a) => a.id)
        if (added.length > 0) await fresh.announceAdded(added)
        const touched = new Set([...added, ...[...guarded.addAnnotations, ...guarded.replaceAnnotations].map((a) => a.target.articleId)])
        events.emit('archive-changed', { articleIds: [...touched] })
        job.progress(changes, changes)
        return report(guarded, incoming, titles, true)
      }),
  })
}
