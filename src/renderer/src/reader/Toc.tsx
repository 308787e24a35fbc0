import type { Block } from '../../../shared/types'

export function Toc({ blocks, current, onGo }: { blocks: Block[]; current?: string; onGo(blockId: string): void }) {
  const headings = blocks.filter((block) => block.type === 'heading')
  if (headings.length === 0) return null
  const minLevel = Math.min(...headings.map((h) => h.level ?? 2))
  return (
    <nav className="toc" aria-label="Contents">
      <h2 className="panel-title">Contents</h2>
      <ol>
        {headings.map((heading) => (
          <li key={heading.id} style={{ paddingInlineStart: `${((heading.level ?? 2) - minLevel) * 0.9}em` }}>
            <a
              href={`#${heading.id}`}
              aria-current={current === heading.id ? 'location' : undefined}
              onClick={(event) => {
                event.preventDefault()
                onGo(heading.id)
              }}
            >
              {heading.text}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  )
}
