import type { Block } from '../../../shared/types'
import { renderInline } from './inline'

/** One passage of an article, rendered as React elements (never as imported HTML). */
export function BlockView({ block, articleId }: { block: Block; articleId: string }) {
  const content = renderInline(block.text, block.marks)
  const common = { id: block.id, 'data-block': block.id }
  const page = block.page !== undefined ? <span className="page-marker" aria-label={`page ${block.page}`}>p. {block.page}</span> : null
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
          {(block.cells ?? [block.text]).map((cell, index) => (
            <span key={index} role="cell">{cell}</span>
          ))}
        </div>
      )
    default:
      return <p {...common} className="block block-paragraph">{content}{page}</p>
  }
}
