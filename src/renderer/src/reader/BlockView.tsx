import type { Block } from '../../../shared/types'
import { HighlightedText } from '../annotate/HighlightedText'
import type { ReaderMark } from '../annotate/marks'

interface Props {
  block: Block
  articleId: string
  /** Article offset of the block's text: selections map to plain-text offsets through it. */
  offset?: number
  marks?: readonly ReaderMark[]
  onOpenMark?(mark: ReaderMark, element: Element): void
}

const NO_MARKS: readonly ReaderMark[] = []

/** One passage of an article, rendered as React elements (never as imported HTML). */
export function BlockView({ block, articleId, offset, marks = NO_MARKS, onOpenMark = () => undefined }: Props) {
  const content = <HighlightedText text={block.text} inline={block.marks} offset={offset ?? 0} marks={offset === undefined ? NO_MARKS : marks} onOpen={onOpenMark} />
  const common = {
    id: block.id,
    'data-block': block.id,
    ...(offset === undefined ? {} : { 'data-offset': offset, 'data-length': block.text.length }),
  }
  const page = block.page !== undefined ? <span className="page-marker" data-nontext="" aria-label={`page ${block.page}`}>p. {block.page}</span> : null
  switch (block.type) {
    case 'heading': {
      const level = Math.min(6, Math.max(2, (block.level ?? 2) + 1))
      const Tag = `h${level}` as 'h2'
      return <Tag {...common} className="block block-heading">{content}</Tag>
    }
    case 'list-item':
      return (
        <div {...common} className={`block block-list-item${block.ordered ? ' ordered' : ''}`} role="listitem" style={{ marginInlineStart: `${(block.depth ?? 0) * 1.5}em` }}>
          {content}
        </div>
      )
    case 'quote':
      return <blockquote {...common} className="block block-quote">{content}{page}</blockquote>
    case 'caption':
      return <p {...common} className="block block-caption">{content}</p>
    case 'preformatted':
      return <pre {...common} className="block block-pre">{block.text}</pre>
    case 'figure':
      return (
        <figure {...common} className="block block-figure">
          {block.asset && <img src={`/media/${encodeURIComponent(articleId)}/${encodeURIComponent(block.asset)}`} alt={block.text} loading="lazy" />}
          {block.text && <figcaption>{content}</figcaption>}
        </figure>
      )
    case 'table-row':
      return (
        <div {...common} className="block block-table-row" role="row">
          {/* Cells are joined by tabs in the block's text; the tabs keep selection offsets true. */}
          {(block.cells ?? [block.text]).map((cell, index) => (
            <span key={index} role="cell">{index > 0 ? '\t' : ''}{cell}</span>
          ))}
        </div>
      )
    default:
      return <p {...common} className="block block-paragraph">{content}{page}</p>
  }
}
