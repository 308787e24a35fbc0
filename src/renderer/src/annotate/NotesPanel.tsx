import type { AnchoredAnnotation, ArticleLinks, LinkEntry } from '../../../shared/api'
import type { PassageTarget } from '../../../shared/notes'
import { NoteMarkdown } from './NoteMarkdown'

export type PassageRef = { articleId: string; start: number; end: number }

const refOf = (target: PassageTarget): PassageRef => ({ articleId: target.articleId, start: target.position.start, end: target.position.end })
const relationLabel = (relation: string) => relation.replace(/-/g, ' ')

interface Props {
  articleId: string
  annotations: AnchoredAnnotation[]
  links: ArticleLinks
  onOpenAnnotation(annotation: AnchoredAnnotation): void
  /** Scroll to a passage of this article, or open another article at it. */
  onGo(passage: PassageRef): void
  onDeleteLink(link: LinkEntry): void
}

function LinkItem({ link, direction, onGo, onDelete }: { link: LinkEntry; direction: 'out' | 'in'; onGo: Props['onGo']; onDelete(): void }) {
  const here = direction === 'out' ? link.from : link.to
  const there = direction === 'out' ? link.to : link.from
  const title = direction === 'out' ? link.toTitle : link.fromTitle
  const lost = link.broken || (direction === 'out' ? link.toOrphaned : link.fromOrphaned)
  return (
    <li className={`link-item${link.broken ? ' broken' : ''}`}>
      <p className="link-relation">
        <span className="relation-badge">{relationLabel(link.relation)}</span>
        {direction === 'in' ? ' — from ' : ' → '}
        <span className="link-title">{title}</span>
        {link.broken && <span className="broken-flag"> (broken: the article is in the trash or deleted)</span>}
      </p>
      <p className="link-quote muted">“{here.quote.exact}”</p>
      <button type="button" className="link-go" disabled={lost} onClick={() => onGo(refOf(there))} aria-label={`Go to “${there.quote.exact}” in ${title}`}>
        “{there.quote.exact}”
      </button>
      {link.note && <NoteMarkdown source={link.note} />}
      <button type="button" className="link-button" onClick={onDelete} aria-label={`Delete link ${relationLabel(link.relation)} to “${there.quote.exact}”`}>Delete link</button>
    </li>
  )
}

/** The right-hand panel: the article's highlights in reading order, then its links and backlinks. */
export function NotesPanel({ articleId, annotations, links, onOpenAnnotation, onGo, onDeleteLink }: Props) {
  const anchored = annotations.filter((a) => a.anchor.status === 'anchored')
  const orphaned = annotations.filter((a) => a.anchor.status === 'orphaned')
  // A link inside this article is both outgoing and incoming: list it once, as outgoing.
  const incoming = links.incoming.filter((link) => link.from.articleId !== articleId)
  return (
    <aside className="notes-panel" aria-label="Notes">
      <section aria-labelledby="notes-highlights">
        <h2 id="notes-highlights">Highlights <span className="muted">{annotations.length}</span></h2>
        {annotations.length === 0 && <p className="muted">Select text to highlight it (H), add a note (N) or link it (L).</p>}
        <ol className="annotation-list">
          {anchored.map((annotation) => (
            <li key={annotation.id}>
              <button type="button" className={`annotation-item swatch-edge-${annotation.color}`} onClick={() => onOpenAnnotation(annotation)}>
                <span className="annotation-quote">“{annotation.target.quote.exact}”</span>
                {annotation.tags.length > 0 && <span className="annotation-tags">{annotation.tags.map((tag) => <span key={tag} className="tag">{tag}</span>)}</span>}
              </button>
              {annotation.note && <NoteMarkdown source={annotation.note} />}
            </li>
          ))}
        </ol>
        {orphaned.length > 0 && (
          <>
            <h3>Not found in the current text</h3>
            <ol className="annotation-list orphaned">
              {orphaned.map((annotation) => (
                <li key={annotation.id}>
                  <button type="button" className="annotation-item" onClick={() => onOpenAnnotation(annotation)}>
                    <span className="annotation-quote">“{annotation.target.quote.exact}”</span>
                    <span className="muted"> (orphaned)</span>
                  </button>
                </li>
              ))}
            </ol>
          </>
        )}
      </section>
      <section aria-labelledby="notes-links">
        <h2 id="notes-links">Links <span className="muted">{links.outgoing.length}</span></h2>
        <ul className="link-list">
          {links.outgoing.map((link) => <LinkItem key={link.id} link={link} direction="out" onGo={onGo} onDelete={() => onDeleteLink(link)} />)}
        </ul>
        <h2 id="notes-backlinks">Backlinks <span className="muted">{incoming.length}</span></h2>
        <ul className="link-list" aria-labelledby="notes-backlinks">
          {incoming.map((link) => <LinkItem key={link.id} link={link} direction="in" onGo={onGo} onDelete={() => onDeleteLink(link)} />)}
        </ul>
      </section>
    </aside>
  )
}
