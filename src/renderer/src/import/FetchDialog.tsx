// "Fetch from the web…": the one place the app connects to a site, so the dialog says so plainly
// and names the site before anything is sent.
import * as Dialog from '@radix-ui/react-dialog'
import { useCallback, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react'
import type { ImportOutcome } from '../../../shared/api/library'
import type { ArticleMeta } from '../../../shared/types'
import { useApi } from '../api/context'
import { useRegisterCommands, type Command } from '../palette/commands'

type Status = { kind: 'idle' } | { kind: 'fetching'; jobId: string } | { kind: 'done'; outcome: ImportOutcome } | { kind: 'failed'; message: string }

/** The host a typed address would connect to, or undefined while it is not a fetchable address. */
export function hostOf(text: string): string | undefined {
  try {
    const url = new URL(text.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host : undefined
  } catch {
    return undefined
  }
}

export function useFetchFromWeb(onOpen: (article: ArticleMeta) => void): { open(): void; dialog: ReactNode } {
  const [visible, setVisible] = useState(false)
  const open = useCallback(() => setVisible(true), [])
  const commands = useMemo<Command[]>(() => [{ id: 'import.web', group: 'Import', title: 'Fetch from the web…', run: open }], [open])
  useRegisterCommands('fetch-web', commands)
  const dialog = visible ? (
    <FetchDialog
      onClose={() => setVisible(false)}
      onOpen={(article) => {
        setVisible(false)
        onOpen(article)
      }}
    />
  ) : null
  return { open, dialog }
}

function FetchDialog({ onClose, onOpen }: { onClose(): void; onOpen(article: ArticleMeta): void }) {
  const api = useApi()
  const [address, setAddress] = useState('')
  const [touched, setTouched] = useState(false)
  const [status, setStatus] = useState<Status>({ kind: 'idle' })
  const input = useRef<HTMLInputElement>(null)
  const host = hostOf(address)
  const invalid = touched && address.trim() !== '' && host === undefined

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (host === undefined) return input.current?.focus()
    const jobId = `fetch-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`
    setStatus({ kind: 'fetching', jobId })
    const result = await api.importUrl(address.trim(), { jobId })
    setStatus(result.ok ? { kind: 'done', outcome: result.value } : { kind: 'failed', message: result.error.message })
  }
  const cancel = () => {
    if (status.kind === 'fetching') void api.cancelJob(status.jobId)
  }

  return (
    <Dialog.Root open onOpenChange={(next) => !next && status.kind !== 'fetching' && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog fetch-dialog" aria-describedby="fetch-notice">
          <Dialog.Title>Fetch from the web</Dialog.Title>
          <p id="fetch-notice" className="fetch-notice">
            {host
              ? `Dossier will connect to ${host} once to download this page. Its images and scripts are not fetched; afterwards the article lives offline in your archive.`
              : 'Dossier works offline. Fetching a page is the one time it connects to a website, and only to the address you enter here.'}
          </p>
          <form onSubmit={(event) => void submit(event)} noValidate>
            <label className="field">
              <span>Web address</span>
              <input
                ref={input}
                type="url"
                placeholder="https://"
                value={address}
                autoFocus
                disabled={status.kind === 'fetching'}
                onChange={(event) => {
                  setAddress(event.target.value)
                  if (status.kind !== 'idle') setStatus({ kind: 'idle' })
                }}
                onBlur={() => setTouched(true)}
                aria-invalid={invalid || undefined}
                aria-describedby={invalid ? 'fetch-address-error' : undefined}
              />
              {invalid && (
                <span id="fetch-address-error" className="field-error">
                  Enter a web address starting with https:// or http://.
                </span>
              )}
            </label>
            <FetchStatus status={status} onOpen={onOpen} />
            <div className="dialog-actions">
              {status.kind === 'fetching' ? (
                <button type="button" onClick={cancel}>
                  Cancel
                </button>
              ) : (
                <Dialog.Close asChild>
                  <button type="button">{status.kind === 'done' ? 'Done' : 'Cancel'}</button>
                </Dialog.Close>
              )}
              <button type="submit" className="primary" disabled={status.kind === 'fetching'}>
                {status.kind === 'fetching' ? 'Fetching…' : host ? `Connect to ${host} and import` : 'Fetch and import'}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}

function FetchStatus({ status, onOpen }: { status: Status; onOpen(article: ArticleMeta): void }) {
  if (status.kind === 'fetching') return <p role="status" aria-busy="true">Fetching the page…</p>
  if (status.kind === 'failed') return <p role="alert" className="field-error">{status.message}</p>
  if (status.kind !== 'done') return null
  const { imported, updated, duplicates, failed } = status.outcome
  const article = imported[0] ?? updated[0]
  return (
    <div role="status" className="fetch-result">
      {article && (
        <p>
          Imported{' '}
          <button type="button" className="link-button" onClick={() => onOpen(article)}>
            {article.title}
          </button>
        </p>
      )}
      {duplicates.map((dup) => (
        <p key={dup.existingId}>Already in the archive as “{dup.title}”; nothing was added.</p>
      ))}
      {failed.map((error, index) => (
        <p key={index} className="field-error">
          {error.message}
        </p>
      ))}
    </div>
  )
}
