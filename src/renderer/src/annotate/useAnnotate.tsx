import { useCallback, useEffect, useMemo, useState, type ReactNode, type RefObject } from 'react'
import { plainText } from '../../../shared/anchoring'
import type { AnchoredAnnotation, LinkEndRef, NewLink } from '../../../shared/api'
import type { HighlightColor } from '../../../shared/notes'
import type { Article } from '../../../shared/types'
import { useApi } from '../api/context'
import { useToasts } from '../ui/toasts'
import { AnnotationEditor } from './AnnotationEditor'
import { LinkDialog } from './LinkDialog'
import type { ReaderMark } from './marks'
import { NotesPanel, type PassageRef } from './NotesPanel'
import { parseAt, passageHash } from './passage-url'
import { SelectionToolbar } from './SelectionToolbar'
import type { TextRange } from './selection'
import { useArticleNotes } from './useArticleNotes'
import { useSelectionRange } from './useSelectionRange'

type Editing = { id: string; focus: 'note' | 'tags'; at?: { top: number; left: number } }
type Linking = { from: LinkEndRef; quote: string }

const typingIn = (target: EventTarget | null) => target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName))
const below = (rect: DOMRect) => ({ top: rect.bottom + 8, left: Math.max(8, Math.min(rect.left, window.innerWidth - 380)) })

/** Everything the reader needs to annotate: marks to draw, a click handler, the side panel and the floating UI. */
export function useAnnotate(article: Article, root: RefObject<HTMLElement | null>) {
  const api = useApi()
  const toasts = useToasts()
  const { annotations, links } = useArticleNotes(article.id)
  const text = useMemo(() => plainText(article.blocks), [article.blocks])
  const selection = useSelectionRange(root, text)
  const [editing, setEditing] = useState<Editing | null>(null)
  const [linking, setLinking] = useState<Linking | null>(null)
  const [flash, setFlash] = useState<TextRange | undefined>(() => parseAt(window.location.hash))

  const fail = useCallback((message: string) => toasts.show({ tone: 'error', message }), [toasts])

  const create = useCallback(async (range: TextRange, color: HighlightColor = 'yellow'): Promise<AnchoredAnnotation | undefined> => {
    const result = await api.createAnnotation(article.id, { ...range, color })
    if (!result.ok) return void fail(result.error.message)
    selection.clear()
    return result.value
  }, [api, article.id, fail, selection])

  const act = useCallback(async (action: 'highlight' | 'note' | 'tags' | 'link', color?: HighlightColor) => {
    const current = selection.current
    if (!current) return
    if (action === 'link') {
      setLinking({ from: { articleId: article.id, ...current.range }, quote: text.slice(current.range.start, current.range.end) })
      selection.clear()
      return
    }
    const created = await create(current.range, color)
    if (created && action !== 'highlight') setEditing({ id: created.id, focus: action, at: below(current.rect) })
  }, [article.id, create, selection, text])

  // H, N, T, L act on the current selection, unless the user is typing.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typingIn(event.target) || !selection.current) return
      const action = ({ h: 'highlight', n: 'note', t: 'tags', l: 'link' } as const)[event.key.toLowerCase()]
      if (!action) return
      event.preventDefault()
      void act(action)
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [act, selection])

  useEffect(() => {
    const onHash = () => setFlash(parseAt(window.location.hash))
    window.addEventListener('hashchange', onHash)
    return () => window.removeEventListener('hashchange', onHash)
  }, [])
  useEffect(() => {
    if (!flash) return
    const timer = window.setTimeout(() => root.current?.querySelector('.hl-flash')?.scrollIntoView({ block: 'center' }), 0)
    return () => window.clearTimeout(timer)
  }, [flash, root])

  const marks = useMemo<ReaderMark[]>(() => {
    const list: ReaderMark[] = []
    for (const a of annotations) {
      if (a.anchor.status === 'anchored') list.push({ id: a.id, start: a.anchor.start, end: a.anchor.end, color: a.color, label: `Highlight: ${a.target.quote.exact}` })
    }
    for (const link of [...links.outgoing, ...links.incoming]) {
      for (const end of ['from', 'to'] as const) {
        const target = link[end]
        if (target.articleId !== article.id || target.annotationId !== undefined) continue
        list.push({ id: `link:${link.id}:${end}`, start: target.position.start, end: target.position.end, color: 'link', label: `Linked passage: ${target.quote.exact}` })
      }
    }
    if (flash) list.push({ id: 'flash', ...flash, color: 'flash', label: '' })
    return list
  }, [annotations, article.id, flash, links])

  const go = useCallback((passage: PassageRef) => {
    const hash = passageHash(passage, passage.articleId === article.id ? article.blocks : undefined)
    if (passage.articleId === article.id) setFlash({ start: passage.start, end: passage.end })
    window.location.hash = hash
  }, [article])

  const openMark = useCallback((mark: ReaderMark, element?: Element | null) => {
    if (mark.color === 'link') return document.querySelector<HTMLElement>('.notes-panel #notes-links')?.focus()
    const rect = element?.getBoundingClientRect()
    setEditing({ id: mark.id, focus: 'note', ...(rect ? { at: below(rect) } : {}) })
  }, [])

  const remove = useCallback(async (id: string) => {
    setEditing(null)
    const deleted = await api.deleteAnnotation(id)
    if (!deleted.ok) return fail(deleted.error.message)
    toasts.show({ tone: 'info', message: 'Highlight deleted.', action: { label: 'Undo', run: () => void api.restoreAnnotation(deleted.value) } })
  }, [api, fail, toasts])

  const createLink = useCallback(async (link: NewLink) => {
    const result = await api.createLink(link)
    if (!result.ok) return result.error.message
    setLinking(null)
    toasts.show({ tone: 'info', message: `Linked: ${result.value.relation.replace(/-/g, ' ')} “${result.value.to.quote.exact}”.` })
    return null
  }, [api, toasts])

  const edited = editing ? annotations.find((a) => a.id === editing.id) : undefined
  const overlay: ReactNode = (
    <>
      {selection.current && !editing && !linking && (
        <SelectionToolbar at={below(selection.current.rect)} onHighlight={(color) => void act('highlight', color)} onNote={() => void act('note')} onTags={() => void act('tags')} onLink={() => void act('link')} />
      )}
      {edited && editing && (
        <AnnotationEditor
          key={edited.id}
          annotation={edited}
          focus={editing.focus}
          {...(editing.at ? { at: editing.at } : {})}
          onSave={(changes) => void api.updateAnnotation(edited.id, changes).then((result) => (result.ok ? changes.color === undefined && setEditing(null) : fail(result.error.message)))}
          onDelete={() => void remove(edited.id)}
          onLink={() => { setEditing(null); setLinking({ from: { annotationId: edited.id }, quote: edited.target.quote.exact }) }}
          onClose={() => setEditing(null)}
        />
      )}
      {linking && <LinkDialog from={linking.from} fromQuote={linking.quote} onCreate={createLink} onClose={() => setLinking(null)} />}
    </>
  )
  const panel = (
    <NotesPanel
      articleId={article.id}
      annotations={annotations}
      links={links}
      onOpenAnnotation={(annotation) => {
        if (annotation.anchor.status === 'anchored') setFlash({ start: annotation.anchor.start, end: annotation.anchor.end })
        setEditing({ id: annotation.id, focus: 'note' })
      }}
      onGo={go}
      onDeleteLink={(link) => void api.deleteLink(link.id).then((result) => {
        if (!result.ok) return fail(result.error.message)
        toasts.show({ tone: 'info', message: 'Link deleted.', action: { label: 'Undo', run: () => void api.restoreLink(result.value) } })
      })}
    />
  )
  return { marks, openMark, overlay, panel }
}
