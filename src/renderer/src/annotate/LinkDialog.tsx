import * as Dialog from '@radix-ui/react-dialog'
import { useEffect, useState } from 'react'
import { blockStarts } from '../../../shared/anchoring'
import type { LinkEndRef, NewLink } from '../../../shared/api'
import { LINK_RELATIONS } from '../../../shared/notes'
import type { Article } from '../../../shared/types'
import { useApi } from '../api/context'
import { useLinkTargets, type TargetOption } from './useLinkTargets'

const CUSTOM = '__custom__'

interface Props {
  /** The passage the link starts from, and its words for the heading. */
  from: LinkEndRef
  fromQuote: string
  onCreate(link: NewLink): Promise<string | null>
  onClose(): void
}

/** The plain-text range of a block, narrowed to `words` when given; an error message when the words are not in it. */
export function targetRange(article: Article, blockId: string, words: string): { start: number; end: number } | string {
  const index = article.blocks.findIndex((block) => block.id === blockId)
  const block = article.blocks[index]
  if (!block) return 'That passage is no longer in the article.'
  const start = blockStarts(article.blocks)[index] ?? 0
  const wanted = words.trim()
  if (wanted === '') return { start, end: start + block.text.length }
  const at = block.text.toLowerCase().indexOf(wanted.toLowerCase())
  return at < 0 ? `“${wanted}” is not in the chosen passage.` : { start: start + at, end: start + at + wanted.length }
}

/** Finds a target passage anywhere in the archive and links the selection to it with a relation and a note. */
export function LinkDialog({ from, fromQuote, onCreate, onClose }: Props) {
  const api = useApi()
  const [query, setQuery] = useState('')
  const [article, setArticle] = useState<Article | null>(null)
  const [target, setTarget] = useState<TargetOption | null>(null)
  const [words, setWords] = useState('')
  const [relations, setRelations] = useState<string[]>([...LINK_RELATIONS])
  const [relation, setRelation] = useState<string>('supports')
  const [custom, setCustom] = useState('')
  const [note, setNote] = useState('')
  const [error, setError] = useState<string | null>(null)
  const { options, busy } = useLinkTargets(query, article)

  useEffect(() => {
    void api.listRelations().then((result) => result.ok && setRelations(result.value))
  }, [api])

  const pick = async (option: TargetOption) => {
    setError(null)
    if (option.blockId === undefined || !article || article.id !== option.articleId) {
      const loaded = await api.getArticle(option.articleId)
      if (!loaded.ok) return setError(loaded.error.message)
      setArticle(loaded.value)
      setQuery('')
    }
    if (option.blockId !== undefined) setTarget(option)
  }

  const create = async () => {
    if (!target?.blockId || !article) return setError('Choose the passage to link to.')
    const range = targetRange(article, target.blockId, words)
    if (typeof range === 'string') return setError(range)
    const label = relation === CUSTOM ? custom.trim() : relation
    if (label === '') return setError('Name the relation.')
    const failure = await onCreate({ from, to: { articleId: article.id, ...range }, relation: label, note })
    if (failure) setError(failure)
  }

  return (
    <Dialog.Root open onOpenChange={(open) => !open && onClose()}>
      <Dialog.Portal>
        <Dialog.Overlay className="dialog-overlay" />
        <Dialog.Content className="dialog link-dialog" aria-describedby={undefined}>
          <Dialog.Title>Link “{fromQuote.length > 80 ? `${fromQuote.slice(0, 80)}…` : fromQuote}” to…</Dialog.Title>
          <label className="field">
            <span>{article ? `Find a passage in “${article.title}”` : 'Search the archive for a passage'}</span>
            <input autoFocus type="search" value={query} onChange={(event) => setQuery(event.target.value)} placeholder="words in the passage, or an article title" />
          </label>
          {article && (
            <button type="button" className="link-button" onClick={() => { setArticle(null); setTarget(null) }}>← All articles</button>
          )}
          <ul className="target-list" aria-label="Passages" aria-busy={busy}>
            {options.slice(0, 60).map((option) => (
              <li key={option.key}>
                <button type="button" className="target-option" aria-pressed={target?.key === option.key && target.articleId === option.articleId} onClick={() => void pick(option)}>
                  {!article && <strong>{option.title}</strong>}
                  {option.text ? <span className="target-text">{option.text}</span> : <span className="muted"> — choose a passage</span>}
                </button>
              </li>
            ))}
            {!busy && options.length === 0 && <li className="muted">Nothing found.</li>}
          </ul>
          {target && (
            <label className="field">
              <span>Exact words within the passage (optional; the whole passage otherwise)</span>
              <input value={words} onChange={(event) => setWords(event.target.value)} />
            </label>
          )}
          <div className="field-row">
            <label className="field">
              <span>Relation</span>
              <select value={relation} onChange={(event) => setRelation(event.target.value)}>
                {relations.map((value) => <option key={value} value={value}>{value.replace(/-/g, ' ')}</option>)}
                <option value={CUSTOM}>custom label…</option>
              </select>
            </label>
            {relation === CUSTOM && (
              <label className="field">
                <span>Custom relation</span>
                <input value={custom} maxLength={64} onChange={(event) => setCustom(event.target.value)} />
              </label>
            )}
          </div>
          <label className="field">
            <span>Note (optional, Markdown)</span>
            <textarea rows={2} value={note} onChange={(event) => setNote(event.target.value)} />
          </label>
          {error && <p className="form-error" role="alert">{error}</p>}
          <div className="editor-actions">
            <button type="button" className="primary" onClick={() => void create()} disabled={!target}>Create link</button>
            <Dialog.Close asChild><button type="button">Cancel</button></Dialog.Close>
          </div>
        </Dialog.Content>
      </Dialog.Portal>
    </Dialog.Root>
  )
}
