// One Notebook entry: a highlight (quote, note, tags, colour) or a link (both
// quotes and the relation between them), with author, article and date.

import type { LinkEntry, NotebookAnnotation } from '../../../shared/api/notes'
import type { PassageTarget } from '../../../shared/notes'
import type { NotebookEntry } from './entries'
import { relationLabel } from './entries'
import { NoteMarkdown } from '../annotate/NoteMarkdown'

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'short', day: 'numeric' })
const when = (iso: string) => dateFormat.format(new Date(iso))

interface Props {
  entry: NotebookEntry
  onOpen(target: PassageTarget): void
}

function AnnotationEntry({ item, onOpen }: { item: NotebookAnnotation; onOpen: Props['onOpen'] }) {
  return (
    <>
      <div className="entry-meta">
        <span className={`swatch swatch-${item.color}`} aria-hidden="true" />
        <span className="visually-hidden">{item.color} highlight in </span>
        <button type="button" tabIndex={-1} className="link-button entry-article" onClick={() => onOpen(item.target)}>
          {item.articleTitle || 'Missing article'}
        </button>
        {item.articleTrashed && <span className="entry-flag">in trash</span>}
        <span className="muted">· {item.author || 'unknown author'} · {when(item.created)}</span>
      </div>
      <blockquote className="entry-quote">{item.target.quote.exact}</blockquote>
      <NoteMarkdown source={item.note} />
      {item.tags.length > 0 && (
        <div className="entry-tags">
          {item.tags.map((tag) => (
            <span key={tag} className="tag">{tag}</span>
          ))}
        </div>
      )}
    </>
  )
}

function LinkEntryView({ item, onOpen }: { item: LinkEntry; onOpen: Props['onOpen'] }) {
  const end = (side: 'from' | 'to') => {
    const title = (side === 'from' ? item.fromTitle : item.toTitle) || 'Missing article'
    const orphaned = side === 'from' ? item.fromOrphaned : item.toOrphaned
    return (
      <div className="link-end">
        <button type="button" tabIndex={-1} className="link-button entry-article" onClick={() => onOpen(item[side])}>
          {title}
        </button>
        {orphaned && <span className="entry-flag">passage not found</span>}
        <blockquote className="entry-quote">{item[side].quote.exact}</blockquote>
      </div>
    )
  }
  return (
    <>
      <div className="entry-meta">
        <span className={`relation-badge relation-${item.relation === 'contradicts' ? 'contradicts' : 'other'}`}>{relationLabel(item.relation)}</span>
        {item.broken && <span className="entry-flag">broken link</span>}
        <span className="muted">{item.author || 'unknown author'} · {when(item.created)}</span>
      </div>
      <div className="link-ends">
        {end('from')}
        <span className="link-arrow" aria-label={relationLabel(item.relation)}>→</span>
        {end('to')}
      </div>
      <NoteMarkdown source={item.note} />
    </>
  )
}

export function NotebookEntryView({ entry, onOpen }: Props) {
  return entry.kind === 'annotation' ? <AnnotationEntry item={entry.item} onOpen={onOpen} /> : <LinkEntryView item={entry.item} onOpen={onOpen} />
}
