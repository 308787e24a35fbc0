import * as Dialog from '@radix-ui/react-dialog'
import { useId, useRef, useState } from 'react'
import type { BackupSummary, MergeReport } from '../../../shared/api/exchange'
import type { ImportFile } from '../../../shared/api/library'
import { useApi } from '../api/context'
import { usePreferences } from '../app/preferences'
import { download } from './download'
import { MergeReportView } from './MergeReportView'
import { useJob } from './useJob'

type Step =
  | { kind: 'menu' }
  | { kind: 'busy'; what: string }
  | { kind: 'confirm-restore'; file: ImportFile; summary: BackupSummary }
  | { kind: 'preview-merge'; file: ImportFile; report: MergeReport }
  | { kind: 'merged'; report: MergeReport }
  | { kind: 'done'; message: string }

const readPicked = async (input: HTMLInputElement): Promise<ImportFile | undefined> => {
  const picked = input.files?.[0]
  input.value = ''
  return picked ? { name: picked.name, data: new Uint8Array(await picked.arrayBuffer()) } : undefined
}

const megabytes = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`

/** Back up, restore, merge a colleague's notes, and the name shown on the notes you share. */
export function BackupDialog({ onClose }: { onClose(): void }) {
  const api = useApi()
  const ids = useId()
  const job = useJob()
  const { preferences, update } = usePreferences()
  const [name, setName] = useState(preferences.userName)
  const [step, setStep] = useState<Step>({ kind: 'menu' })
  const [error, setError] = useState<string | null>(null)
  const restoreInput = useRef<HTMLInputElement>(null)
  const mergeInput = useRef<HTMLInputElement>(null)

  const fail = (message: string) => {
    setError(message)
    setStep({ kind: 'menu' })
  }
  const backup = async () => {
    setError(null)
    setStep({ kind: 'busy', what: 'Packing the archive…' })
    const result = await api.backupArchive({ jobId: job.begin('backup') })
    if (!result.ok) return fail(result.error.message)
    download(result.value)
    setStep({ kind: 'done', message: `Saved ${result.value.name} (${megabytes(result.value.data.byteLength)}). Keep it somewhere safe, away from this computer.` })
  }
  const pickRestore = async () => {
    const file = restoreInput.current && (await readPicked(restoreInput.current))
    if (!file) return
    setError(null)
    setStep({ kind: 'busy', what: `Checking ${file.name}…` })
    const result = await api.inspectBackup(file)
    if (!result.ok) return fail(result.error.message)
    setStep({ kind: 'confirm-restore', file, summary: result.value })
  }
  const restore = async (file: ImportFile) => {
    setStep({ kind: 'busy', what: 'Restoring…' })
    const result = await api.restoreBackup(file, { jobId: job.begin('restore') })
    if (!result.ok) return fail(result.error.message)
    const kept = result.value.previousFolder ? ` The archive you had is kept, untouched, in the folder “${result.value.previousFolder}” beside it.` : ''
    setStep({ kind: 'done', message: `Restored the backup made ${new Date(result.value.createdAt).toLocaleString()}.${kept}` })
  }
  const pickMerge = async () => {
    const file = mergeInput.current && (await readPicked(mergeInput.current))
    if (!file) return
    setError(null)
    setStep({ kind: 'busy', what: `Reading ${file.name}…` })
    const result = await api.previewMerge(file)
    if (!result.ok) return fail(result.error.message)
    setStep({ kind: 'preview-merge', file, report: result.value })
  }
  const merge = async (file: ImportFile) => {
    setStep({ kind: 'busy', what: 'Merging…' })
    const result = await api.mergeNotes(file, { jobId: job.begin('merge') })
    if (!result.ok) return fail(`${result.error.message} Nothing was merged.`)
    setStep({ kind: 'merged', report: result.value })
  }
  const saveName = () => {
    if (name.trim() !== preferences.userName) update({ userName: name.trim() })
  }

  const busy = step.kind === 'busy'
  return (
    <Dialog.Root open onOpenChange={(open) => !open && !busy && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog exchange-dialog" aria-describedby={undefined}>
          <Dialog.Title>{step.kind === 'merged' ? 'Merge report' : step.kind === 'preview-merge' ? 'Merge a colleague’s notes' : 'Backup and sharing'}</Dialog.Title>
          {error && (
            <p role="alert" className="exchange-message error">
              {error}
            </p>
          )}
          {step.kind === 'menu' && (
            <div className="exchange-sections">
              <section>
                <label htmlFor={`${ids}-name`}>Your name</label>
                <input
                  id={`${ids}-name`}
                  value={name}
                  maxLength={100}
                  onChange={(event) => setName(event.target.value)}
                  onBlur={saveName}
                  onKeyDown={(event) => event.key === 'Enter' && saveName()}
                />
                <p className="muted exchange-hint">Shown to colleagues as the author of the notes you share.</p>
              </section>
              <section>
                <h3>Back up</h3>
                <p className="muted">The whole archive — articles, notes, settings — in one file.</p>
                <button type="button" onClick={() => void backup()}>
                  Download a backup
                </button>
              </section>
              <section>
                <h3>Restore</h3>
                <p className="muted">Replace this archive with a backup. The backup is checked first; you confirm before anything changes.</p>
                <button type="button" onClick={() => restoreInput.current?.click()}>
                  Choose a backup…
                </button>
                <input ref={restoreInput} type="file" accept=".zip" hidden aria-label="Backup file" onChange={() => void pickRestore()} />
              </section>
              <section>
                <h3>Merge a colleague’s notes</h3>
                <p className="muted">Their JSON export: their articles and highlights join yours. Merging the same file twice changes nothing.</p>
                <button type="button" onClick={() => mergeInput.current?.click()}>
                  Choose a notes file…
                </button>
                <input ref={mergeInput} type="file" accept=".json,.jsonld,application/json" hidden aria-label="Notes file" onChange={() => void pickMerge()} />
              </section>
            </div>
          )}
          {busy && (
            <div className="exchange-progress" role="status">
              <progress max={job.progress?.total || 1} value={job.progress?.done ?? 0} aria-label="Progress" />
              <span className="muted">{step.what}</span>
            </div>
          )}
          {step.kind === 'confirm-restore' && (
            <div role="alertdialog" aria-label="Confirm restore" className="exchange-confirm">
              <p>
                <strong>{step.file.name}</strong> is a good backup, made {new Date(step.summary.createdAt).toLocaleString()}: {step.summary.files} files, {megabytes(step.summary.bytes)}.
              </p>
              <p>
                Restoring replaces everything in this archive — articles, highlights, links and settings — with the backup’s. Anything added since the backup will no longer show. Your current archive is not deleted: it is moved to a folder beside the archive, named “…before-restore-” and the date.
              </p>
            </div>
          )}
          {step.kind === 'preview-merge' && (
            <>
              <p>
                Nothing has changed yet. Merging <strong>{step.file.name}</strong> will do this; it is applied completely or not at all:
              </p>
              <MergeReportView report={step.report} />
            </>
          )}
          {step.kind === 'merged' && <MergeReportView report={step.report} />}
          {step.kind === 'done' && (
            <p role="status" className="exchange-message info">
              {step.message}
            </p>
          )}
          <div className="dialog-actions">
            {busy ? (
              <button type="button" onClick={job.cancel}>
                Cancel
              </button>
            ) : step.kind === 'menu' ? (
              <Dialog.Close asChild>
                <button type="button">Close</button>
              </Dialog.Close>
            ) : step.kind === 'confirm-restore' || step.kind === 'preview-merge' ? (
              <>
                <button type="button" onClick={() => setStep({ kind: 'menu' })}>
                  Cancel
                </button>
                {step.kind === 'confirm-restore' ? (
                  <button type="button" className="primary danger" onClick={() => void restore(step.file)}>
                    Replace my archive with this backup
                  </button>
                ) : (
                  <button type="button" className="primary" onClick={() => void merge(step.file)}>
                    Merge these notes
                  </button>
                )}
              </>
            ) : (
              <>
                <button type="button" onClick={() => setStep({ kind: 'menu' })}>
                  Back
                </button>
                <Dialog.Close asChild>
                  <button type="button" className="primary">
                    Done
                  </button>
                </Dialog.Close>
              </>
            )}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
