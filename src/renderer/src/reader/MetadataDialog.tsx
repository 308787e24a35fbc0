// Correcting an article's title, byline, source, date, URL and tags. Corrected fields are kept
// when the same article is imported again (the archive records which ones were edited).
import * as Dialog from '@radix-ui/react-dialog'
import { useEffect, useMemo, useState, type FormEvent } from 'react'
import type { MetadataPatch } from '../../../shared/api/library'
import { safeWebLink } from '../../../shared/links'
import type { ArticleMeta } from '../../../shared/types'
import { useApi } from '../api/context'
import { useRegisterCommands, type Command } from '../palette/commands'

type Fields = { title: string; byline: string; source: string; publishedAt: string; url: string; tags: string }
type Errors = Partial<Record<keyof Fields, string>>

const fieldsOf = (article: ArticleMeta): Fields => ({
  title: article.title,
  byline: article.byline ?? '',
  source: article.source ?? '',
  publishedAt: article.publishedAt ?? '',
  url: article.url ?? '',
  tags: article.tags.join(', '),
})

const tagsOf = (text: string): string[] => [...new Set(text.split(',').map((t) => t.trim()).filter(Boolean))]

/** The same limits the service enforces, said in words next to the field. */
export function validate(fields: Fields): Errors {
  const errors: Errors = {}
  if (fields.title.trim() === '') errors.title = 'An article needs a title.'
  else if (fields.title.length > 500) errors.title = 'Keep the title under 500 characters.'
  if (fields.byline.length > 500) errors.byline = 'Keep the byline under 500 characters.'
  if (fields.source.length > 300) errors.source = 'Keep the source under 300 characters.'
  const date = fields.publishedAt.trim()
  if (date !== '' && !(/^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(date) && !Number.isNaN(Date.parse(date)))) {
    errors.publishedAt = 'Write the date as YYYY-MM-DD, for example 2024-11-12.'
  }
  const url = fields.url.trim()
  // The shared link policy: the address is shown as a link, so it must be one the reader may follow.
  if (url !== '' && safeWebLink(url) === undefined) errors.url = 'Enter a web address starting with https:// or http://.'
  const tags = tagsOf(fields.tags)
  if (tags.some((t) => t.length > 100)) errors.tags = 'Each tag must be under 100 characters.'
  else if (tags.length > 200) errors.tags = 'An article can have at most 200 tags.'
  return errors
}

function patchOf(article: ArticleMeta, fields: Fields): MetadataPatch {
  const before = fieldsOf(article)
  const patch: MetadataPatch = {}
  for (const key of ['title', 'byline', 'source', 'publishedAt', 'url'] as const) {
    if (fields[key].trim() !== before[key]) patch[key] = fields[key].trim()
  }
  const tags = tagsOf(fields.tags)
  if (tags.join('\u0000') !== article.tags.join('\u0000')) patch.tags = tags
  return patch
}

const LABELS: Record<keyof Fields, string> = { title: 'Title', byline: 'Byline', source: 'Source', publishedAt: 'Published', url: 'URL', tags: 'Tags' }
const HINTS: Partial<Record<keyof Fields, string>> = { publishedAt: 'YYYY-MM-DD', tags: 'Separated by commas' }

/** The toolbar button, its E shortcut and palette command, and the dialog they open. */
export function EditMetadataButton({ article }: { article: ArticleMeta }) {
  const [open, setOpen] = useState(false)
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null
      const typing = target?.closest('input, textarea, select, [contenteditable="true"], [role="dialog"]')
      if (event.key.toLowerCase() !== 'e' || event.ctrlKey || event.metaKey || event.altKey || typing) return
      event.preventDefault()
      setOpen(true)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  const commands = useMemo<Command[]>(() => [{ id: 'article.edit-metadata', group: 'Article', title: 'Edit details (title, byline, date, tags…)', shortcut: 'E', run: () => setOpen(true) }], [])
  useRegisterCommands('metadata', commands)
  return (
    <>
      <button type="button" className="toolbar-button" onClick={() => setOpen(true)} aria-keyshortcuts="E" title="Edit details (E)">
        Edit details
      </button>
      {open && <MetadataDialog article={article} onClose={() => setOpen(false)} />}
    </>
  )
}

function MetadataDialog({ article, onClose }: { article: ArticleMeta; onClose(): void }) {
  const api = useApi()
  const [fields, setFields] = useState<Fields>(() => fieldsOf(article))
  const [errors, setErrors] = useState<Errors>({})
  const [failure, setFailure] = useState<string>()
  const [saving, setSaving] = useState(false)

  const submit = async (event: FormEvent) => {
    event.preventDefault()
    const found = validate(fields)
    setErrors(found)
    if (Object.keys(found).length > 0) {
      document.getElementById(`meta-${Object.keys(found)[0]}`)?.focus()
      return
    }
    const patch = patchOf(article, fields)
    if (Object.keys(patch).length === 0) return onClose()
    setSaving(true)
    const result = await api.updateArticle(article.id, patch)
    setSaving(false)
    if (result.ok) onClose()
    else setFailure(result.error.message)
  }

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog metadata-dialog" aria-describedby="meta-intro">
          <Dialog.Title>Edit details</Dialog.Title>
          <p id="meta-intro" className="muted">Your corrections are kept even if this article is imported again.</p>
          <form onSubmit={(event) => void submit(event)} noValidate>
            {(Object.keys(LABELS) as (keyof Fields)[]).map((key) => (
              <label key={key} className="field">
                <span>
                  {LABELS[key]}
                  {HINTS[key] && <span className="field-hint"> · {HINTS[key]}</span>}
                </span>
                <input
                  id={`meta-${key}`}
                  type={key === 'url' ? 'url' : 'text'}
                  value={fields[key]}
                  onChange={(event) => setFields({ ...fields, [key]: event.target.value })}
                  aria-invalid={errors[key] ? true : undefined}
                  aria-describedby={errors[key] ? `meta-${key}-error` : undefined}
                />
                {errors[key] && (
                  <span id={`meta-${key}-error`} className="field-error">
                    {errors[key]}
                  </span>
                )}
              </label>
            ))}
            {failure && (
              <p role="alert" className="field-error">
                {failure}
              </p>
            )}
            <div className="dialog-actions">
              <Dialog.Close asChild>
                <button type="button">Cancel</button>
              </Dialog.Close>
              <button type="submit" className="primary" disabled={saving}>
                {saving ? 'Saving…' : 'Save'}
              </button>
            </div>
          </form>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
