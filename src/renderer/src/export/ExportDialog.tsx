import * as Dialog from '@radix-ui/react-dialog'
import { useEffect, useId, useState } from 'react'
import type { ExportFormat, ExportScope } from '../../../shared/api/exchange'
import type { ArticleMeta } from '../../../shared/types'
import { useApi } from '../api/context'
import { bundle, download } from './download'
import { useJob } from './useJob'

export const FORMAT_LABELS: Record<ExportFormat, { label: string; hint: string }> = {
  markdown: { label: 'Markdown, one file per article', hint: 'For Obsidian and similar tools: front matter, quotes, links between files (downloaded as a zip).' },
  'markdown-combined': { label: 'Markdown, one file', hint: 'Every article’s notes in one document.' },
  csv: { label: 'CSV spreadsheet', hint: 'One row per highlight; opens in Excel, Numbers and LibreOffice.' },
  json: { label: 'JSON (Web Annotation)', hint: 'For colleagues: they merge it into their own Dossier.' },
  html: { label: 'HTML report', hint: 'A standalone, printable page; print it to PDF from your browser.' },
  pdf: { label: 'PDF report', hint: 'The HTML report as a PDF, printed by the desktop app.' },
}

/** Only the desktop app can print PDF (window.dossier is its bridge); the browser prints the HTML report. */
const offeredFormats = (): ExportFormat[] =>
  (Object.keys(FORMAT_LABELS) as ExportFormat[]).filter((key) => key !== 'pdf' || window.dossier !== undefined)

type ScopeChoice = 'article' | 'tag' | 'all'

interface Props {
  /** The open article, when the dialog is opened from the reader. */
  articleId?: string
  onClose(): void
}

/** Export notes for one article, a tag or the whole notebook, in a chosen format. */
export function ExportDialog({ articleId, onClose }: Props) {
  const api = useApi()
  const ids = useId()
  const job = useJob()
  const [scope, setScope] = useState<ScopeChoice>(articleId ? 'article' : 'all')
  const [article, setArticle] = useState<Pick<ArticleMeta, 'id' | 'title'> | undefined>(undefined)
  const [tag, setTag] = useState('')
  const [tags, setTags] = useState<string[]>([])
  const [format, setFormat] = useState<ExportFormat>('markdown')
  const [running, setRunning] = useState(false)
  const [message, setMessage] = useState<{ tone: 'info' | 'error'; text: string } | null>(null)

  useEffect(() => {
    void api.listArticles().then((result) => {
      if (!result.ok) return
      setTags([...new Set(result.value.flatMap((a) => a.tags))].sort())
      setArticle(result.value.find((a) => a.id === articleId))
    })
  }, [api, articleId])

  const chosenScope = (): ExportScope | undefined => {
    if (scope === 'article' && articleId) return { articleId }
    if (scope === 'tag') return tag.trim() ? { tag: tag.trim() } : undefined
    return { all: true }
  }

  const run = async () => {
    const selected = chosenScope()
    if (!selected) return setMessage({ tone: 'error', text: 'Type the tag whose notes you want to export.' })
    setRunning(true)
    setMessage(null)
    const result = await api.exportNotes({ format, scope: selected, jobId: job.begin('export') })
    setRunning(false)
    if (!result.ok) {
      return setMessage({ tone: result.error.code === 'cancelled' ? 'info' : 'error', text: result.error.code === 'cancelled' ? 'Export cancelled; nothing was saved.' : result.error.message })
    }
    const file = bundle(result.value.files, 'Dossier notes (Markdown).zip')
    if (file) download(file)
    const { articles, annotations, links } = result.value
    setMessage({ tone: 'info', text: `Saved ${file?.name ?? 'nothing'}: ${annotations} highlights and ${links} links from ${articles} articles.` })
  }

  const progress = job.progress
  return (
    <Dialog.Root open onOpenChange={(open) => !open && !running && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog exchange-dialog" aria-describedby={`${ids}-what`}>
          <Dialog.Title>Export notes</Dialog.Title>
          <p id={`${ids}-what`} className="muted">
            Your highlights, notes and links, as files other tools and colleagues can read. Nothing leaves this computer: the file is saved by your browser.
          </p>
          <form
            onSubmit={(event) => {
              event.preventDefault()
              void run()
            }}
          >
            <fieldset className="exchange-choices" disabled={running}>
              <legend>Which notes</legend>
              {articleId && (
                <label>
                  <input type="radio" name="scope" checked={scope === 'article'} onChange={() => setScope('article')} /> This article
                  {article ? `: “${article.title}”` : ''}
                </label>
              )}
              <label>
                <input type="radio" name="scope" checked={scope === 'tag'} onChange={() => setScope('tag')} /> Everything tagged
              </label>
              {scope === 'tag' && (
                <input
                  className="exchange-tag"
                  aria-label="Tag"
                  list={`${ids}-tags`}
                  value={tag}
                  onChange={(event) => setTag(event.target.value)}
                  placeholder="a tag"
                  autoFocus
                />
              )}
              <datalist id={`${ids}-tags`}>
                {tags.map((t) => (
                  <option key={t} value={t} />
                ))}
              </datalist>
              <label>
                <input type="radio" name="scope" checked={scope === 'all'} onChange={() => setScope('all')} /> The whole notebook
              </label>
            </fieldset>
            <fieldset className="exchange-choices" disabled={running}>
              <legend>Format</legend>
              {offeredFormats().map((key) => (
                <label key={key}>
                  <input type="radio" name="format" value={key} checked={format === key} onChange={() => setFormat(key)} /> {FORMAT_LABELS[key].label}
                  <span className="muted exchange-hint">{FORMAT_LABELS[key].hint}</span>
                </label>
              ))}
            </fieldset>
            {running && (
              <div className="exchange-progress">
                <progress max={progress?.total || 1} value={progress?.done ?? 0} aria-label="Export progress" />
                <span className="muted">{progress ? `${progress.done} of ${progress.total} articles` : 'Reading the notebook…'}</span>
              </div>
            )}
            {message && (
              <p role={message.tone === 'error' ? 'alert' : 'status'} className={`exchange-message ${message.tone}`}>
                {message.text}
              </p>
            )}
            <div className="dialog-actions">
              {running ? (
                <button type="button" onClick={job.cancel}>
                  Cancel export
                </button>
              ) : (
                <Dialog.Close asChild>
                  <button type="button">Close</button>
                </Dialog.Close>
              )}
              <button type="submit" className="primary" disabled={running}>
                Export
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
