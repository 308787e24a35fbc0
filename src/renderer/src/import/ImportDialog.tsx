import * as Dialog from '@radix-ui/react-dialog'
import type { ArticleMeta } from '../../../shared/types'
import type { ImportState } from './useImport'

interface Props {
  state: ImportState
  onCancel(): void
  onClose(): void
  onOpen(article: ArticleMeta): void
}

/** Progress while the import runs, then what happened to every file. */
export function ImportDialog({ state, onCancel, onClose, onOpen }: Props) {
  const { outcome } = state
  const percent = state.total ? Math.round((state.done / state.total) * 100) : 0
  return (
    <Dialog.Root open onOpenChange={(open) => !open && !state.running && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog import-dialog" aria-describedby="import-status">
          <Dialog.Title>{state.running ? 'Importing…' : outcome.cancelled ? 'Import cancelled' : 'Import finished'}</Dialog.Title>
          <div id="import-status">
            <progress max={state.total} value={state.done} aria-label="Import progress" />
            <p className="import-counts">
              {state.done} of {state.total} files · {outcome.imported.length} imported · {outcome.duplicates.length} duplicates skipped ·{' '}
              {outcome.failed.length} failed{state.running ? ` · ${percent}%` : ''}
            </p>
            {state.running && state.current && <p className="muted import-current">Reading {state.current}</p>}
          </div>
          {!state.running && (
            <div className="import-summary">
              {outcome.imported.length > 0 && (
                <section>
                  <h3>Imported</h3>
                  <ul>
                    {outcome.imported.slice(0, 50).map((article) => (
                      <li key={article.id}>
                        <button type="button" className="link-button" onClick={() => onOpen(article)}>
                          {article.title}
                        </button>{' '}
                        <span className="muted">{article.wordCount.toLocaleString()} words</span>
                      </li>
                    ))}
                    {outcome.imported.length > 50 && <li className="muted">and {outcome.imported.length - 50} more</li>}
                  </ul>
                </section>
              )}
              {outcome.updated.length > 0 && (
                <section>
                  <h3>Updated or brought back from the trash</h3>
                  <ul>
                    {outcome.updated.map((article) => (
                      <li key={article.id}>{article.title}</li>
                    ))}
                  </ul>
                </section>
              )}
              {outcome.duplicates.length > 0 && (
                <section>
                  <h3>Already in the archive</h3>
                  <ul>
                    {outcome.duplicates.map((dup) => (
                      <li key={dup.file}>
                        {dup.file} <span className="muted">is “{dup.title}”</span>
                      </li>
                    ))}
                  </ul>
                </section>
              )}
              {outcome.failed.length > 0 && (
                <section>
                  <h3>Not imported</h3>
                  <ul className="import-errors">
                    {outcome.failed.map((error, index) => (
                      <li key={`${error.file ?? ''}-${index}`}>{error.message}</li>
                    ))}
                  </ul>
                </section>
              )}
            </div>
          )}
          <div className="dialog-actions">
            {state.running ? (
              <button type="button" onClick={onCancel}>
                Cancel import
              </button>
            ) : (
              <Dialog.Close asChild>
                <button type="button" className="primary" onClick={onClose}>
                  Done
                </button>
              </Dialog.Close>
            )}
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
