import { useEffect, useRef, useState, type KeyboardEvent } from 'react'
import type { Annotation, HighlightColor } from '../../../shared/notes'
import { ColorPicker } from './ColorPicker'
import { NoteMarkdown } from './NoteMarkdown'

export const parseTags = (text: string): string[] => text.split(',').map((tag) => tag.trim()).filter(Boolean)

interface Props {
  annotation: Annotation
  /** Where to show it (viewport coordinates of the highlight); centred when absent. */
  at?: { top: number; left: number }
  /** Which field takes focus first. */
  focus?: 'note' | 'tags'
  onSave(changes: { note?: string; tags?: string[]; color?: HighlightColor }): void
  onDelete(): void
  onLink(): void
  onClose(): void
}

/** Edits one highlight: colour (applied at once), Markdown note with a safe preview, tags, delete, link. */
export function AnnotationEditor({ annotation, at, focus = 'note', onSave, onDelete, onLink, onClose }: Props) {
  const [note, setNote] = useState(annotation.note)
  const [tags, setTags] = useState(annotation.tags.join(', '))
  const noteField = useRef<HTMLTextAreaElement>(null)
  const tagsField = useRef<HTMLInputElement>(null)
  useEffect(() => {
    ;(focus === 'tags' ? tagsField : noteField).current?.focus()
  }, [focus])
  const dirty = note !== annotation.note || tags !== annotation.tags.join(', ')
  const save = () => onSave({ note, tags: parseTags(tags) })
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault()
      onClose()
    } else if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault()
      save()
    }
  }
  const style = at ? { top: at.top, left: at.left } : undefined
  return (
    <div className={`annotation-editor${at ? '' : ' centred'}`} role="dialog" aria-label="Edit highlight" style={style} onKeyDown={onKey}>
      <blockquote className="editor-quote">{annotation.target.quote.exact}</blockquote>
      <ColorPicker value={annotation.color} onPick={(color) => onSave({ color })} />
      <label className="field">
        <span>Note (Markdown)</span>
        <textarea ref={noteField} value={note} rows={4} onChange={(event) => setNote(event.target.value)} />
      </label>
      {note.trim() !== '' && (
        <div className="note-preview" aria-label="Note preview">
          <NoteMarkdown source={note} />
        </div>
      )}
      <label className="field">
        <span>Tags (comma separated)</span>
        <input ref={tagsField} value={tags} onChange={(event) => setTags(event.target.value)} onKeyDown={(event) => event.key === 'Enter' && save()} />
      </label>
      <div className="editor-actions">
        <button type="button" className="primary" onClick={save} disabled={!dirty}>Save</button>
        <button type="button" onClick={onLink}>Link to…</button>
        <button type="button" className="danger" onClick={onDelete}>Delete</button>
        <span className="toolbar-spacer" />
        <button type="button" onClick={onClose} aria-label="Close">Close</button>
      </div>
    </div>
  )
}
