import { useCallback, useRef, useState } from 'react'
import type { ImportOutcome } from '../../../shared/api/library'
import { batchFiles } from '../../../shared/batches'
import type { JobProgress } from '../../../shared/events'
import { MAX_IMPORT_BYTES } from '../../../shared/limits'
import { useApi, useDossierEvent } from '../api/context'
import type { PickedFile } from './read-files'

export interface ImportState {
  running: boolean
  total: number
  done: number
  current?: string
  outcome: ImportOutcome
}

const emptyOutcome = (): ImportOutcome => ({ imported: [], updated: [], duplicates: [], failed: [], cancelled: false })

function newJobId(): string {
  return `job-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
}

/** Imports picked files in batches as one job the user can follow and cancel. */
export function useImport() {
  const api = useApi()
  const [state, setState] = useState<ImportState | null>(null)
  const job = useRef<{ id: string; cancelled: boolean; doneBefore: number } | null>(null)

  useDossierEvent(
    useCallback((event) => {
      if (event.type !== 'job-progress' || event.payload.jobId !== job.current?.id) return
      const progress: JobProgress = event.payload
      const doneBefore = job.current.doneBefore
      setState((current) => current && { ...current, done: doneBefore + progress.done, ...(progress.current ? { current: progress.current } : {}) })
    }, []),
  )

  const start = useCallback(
    async (files: PickedFile[]) => {
      if (files.length === 0) return
      const id = newJobId()
      job.current = { id, cancelled: false, doneBefore: 0 }
      const outcome = emptyOutcome()
      setState({ running: true, total: files.length, done: 0, outcome })
      for (const batch of batchFiles(files)) {
        if (job.current.cancelled) break
        const readable = []
        for (const picked of batch) {
          if (picked.size > MAX_IMPORT_BYTES) {
            outcome.failed.push({
              code: 'too-large',
              file: picked.name,
              message: `${picked.name} is larger than ${MAX_IMPORT_BYTES / 1024 / 1024} MB, the most Dossier imports`,
            })
          } else {
            readable.push({ name: picked.name, data: new Uint8Array(await picked.file.arrayBuffer()) })
          }
        }
        if (readable.length) {
          const result = await api.importFiles(readable, { jobId: id })
          if (result.ok) {
            outcome.imported.push(...result.value.imported)
            outcome.updated.push(...result.value.updated)
            outcome.duplicates.push(...result.value.duplicates)
            outcome.failed.push(...result.value.failed)
            if (result.value.cancelled) job.current.cancelled = true
          } else {
            outcome.failed.push({ ...result.error, message: `${readable.length} files were not imported: ${result.error.message}` })
          }
        }
        job.current.doneBefore += batch.length
        setState((current) => current && { ...current, done: job.current?.doneBefore ?? current.done, outcome: { ...outcome } })
      }
      outcome.cancelled = job.current.cancelled
      // A cancelled job says how far it got, not that every file was read.
      const processed = outcome.imported.length + outcome.updated.length + outcome.duplicates.length + outcome.failed.length
      setState((current) => current && { ...current, running: false, done: outcome.cancelled ? processed : current.total, outcome: { ...outcome } })
    },
    [api],
  )

  const cancel = useCallback(() => {
    if (!job.current) return
    job.current.cancelled = true
    void api.cancelJob(job.current.id)
  }, [api])

  const dismiss = useCallback(() => setState(null), [])
  return { state, start, cancel, dismiss }
}
