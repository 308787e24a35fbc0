import { useMemo, useState, type ReactNode } from 'react'
import { useRegisterCommands, type Command } from '../palette/commands'
import { BackupDialog } from './BackupDialog'
import { ExportDialog } from './ExportDialog'

/**
 * The ways into export, backup and sharing: buttons for the sidebar footer,
 * palette commands, and the dialogs. In the reader the export starts on the open article.
 */
export function useExchangeEntry(articleId: string | undefined): { buttons: ReactNode; dialogs: ReactNode } {
  const [open, setOpen] = useState<'export' | 'backup' | null>(null)
  const commands = useMemo<Command[]>(
    () => [
      { id: 'exchange.export', title: articleId ? 'Export notes of this article…' : 'Export notes…', group: 'Notes', run: () => setOpen('export') },
      { id: 'exchange.backup', title: 'Back up, restore or merge a colleague’s notes…', group: 'Archive', run: () => setOpen('backup') },
    ],
    [articleId],
  )
  useRegisterCommands('exchange', commands)
  const buttons = (
    <div className="exchange-entry">
      <button type="button" onClick={() => setOpen('export')}>
        Export notes…
      </button>
      <button type="button" onClick={() => setOpen('backup')}>
        Backup &amp; sharing…
      </button>
    </div>
  )
  const dialogs =
    open === 'export' ? (
      <ExportDialog {...(articleId ? { articleId } : {})} onClose={() => setOpen(null)} />
    ) : open === 'backup' ? (
      <BackupDialog onClose={() => setOpen(null)} />
    ) : null
  return { buttons, dialogs }
}
