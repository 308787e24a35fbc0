import { useMemo, useRef, type CSSProperties, type RefObject } from 'react'
import { blockStarts } from '../../../shared/anchoring'
import type { Article } from '../../../shared/types'
import { useAnnotate } from '../annotate/useAnnotate'
import { FindInArticle } from '../search/FindInArticle'
import { usePreferences } from '../app/preferences'
import { BlockView } from './BlockView'
import { safeWebLink } from '../../../shared/links'
import { EditMetadataButton } from './MetadataDialog'
import { ReaderSettings } from './ReaderSettings'
import { Toc } from './Toc'
import { useArticle } from './useArticle'
import { useReadingPosition } from './useReadingPosition'

const dateFormat = new Intl.DateTimeFormat(undefined, { year: 'numeric', month: 'long', day: 'numeric' })

function formatDate(value: string | undefined): string | undefined {
  if (!value) return undefined
  const date = new Date(value)
  return Number.isNaN(date.getTime()) ? value : dateFormat.format(date)
}

interface Props {
  id: string
  blockId?: string
  /** Words a search hit matched, marked in the text. */
  query?: string
  onBack(): void
  onDelete(id: string, title: string): void
}

export function ReaderView({ id, blockId, query, onBack, onDelete }: Props) {
  const { article, error } = useArticle(id)
  const scroller = useRef<HTMLDivElement>(null)
  const current = useReadingPosition(article, scroller, blockId)

  if (error) {
    return (
      <div className="empty-state" role="alert">
        <h2>This article cannot be opened</h2>
        <p>{error.message}</p>
        <button type="button" onClick={onBack}>Back to the library</button>
      </div>
    )
  }
  if (!article) return <div className="loading" aria-busy="true">Opening…</div>
  return (
    <>
      <ArticleReader article={article} scroller={scroller} current={current} onBack={onBack} onDelete={onDelete} />
      <FindInArticle container={scroller} terms={query} />
    </>
  )
}

interface ArticleProps {
  article: Article
  scroller: RefObject<HTMLDivElement | null>
  current: string | undefined
  onBack(): void
  onDelete(id: string, title: string): void
}

function ArticleReader({ article, scroller, current, onBack, onDelete }: ArticleProps) {
  const { preferences } = usePreferences()
  const { marks, openMark, overlay, panel } = useAnnotate(article, scroller)
  const offsets = useMemo(() => {
    const starts = blockStarts(article.blocks)
    return new Map(article.blocks.map((block, index) => [block.id, starts[index] ?? 0]))
  }, [article.blocks])
  const meta = [article.byline, article.source, formatDate(article.publishedAt)].filter(Boolean)
  const style = { '--reader-size': `${preferences.fontSize}px`, '--reader-measure': `${preferences.lineWidth}ch` } as CSSProperties
  const firstIsTitle = article.blocks[0]?.type === 'heading' && article.blocks[0].text.trim() === article.title.trim()
  const blocks = firstIsTitle ? article.blocks.slice(1) : article.blocks

  return (
    <div className="reader-layout">
      <aside className="reader-toc">
        <Toc blocks={blocks} current={current} onGo={(target) => document.getElementById(target)?.scrollIntoView({ behavior: 'smooth', block: 'start' })} />
      </aside>
      <div className="reader-main">
        <div className="toolbar reader-toolbar">
          <button type="button" className="toolbar-button" onClick={onBack} aria-label="Back to the library">
            ← Library
          </button>
          <span className="toolbar-spacer" />
          <EditMetadataButton article={article} />
          <ReaderSettings />
          <button type="button" className="toolbar-button" onClick={() => onDelete(article.id, article.title)}>
            Delete
          </button>
        </div>
        <div className="reader-scroll" ref={scroller} tabIndex={-1}>
          <article className="reader" style={style} lang={article.language}>
            <header className="reader-header">
              <h1 id={firstIsTitle ? article.blocks[0]!.id : undefined} data-block={firstIsTitle ? article.blocks[0]!.id : undefined}>{article.title}</h1>
              {meta.length > 0 && <p className="byline">{meta.join(' · ')}</p>}
              <p className="reading-meta">
                {article.wordCount.toLocaleString()} words · {article.readingMinutes} min read
                {safeWebLink(article.url) && (
                  <>
                    {' · '}
                    <a href={safeWebLink(article.url)} target="_blank" rel="noopener noreferrer">original</a>
                  </>
                )}
              </p>
            </header>
            {blocks.map((block) => (
              <BlockView key={block.id} block={block} articleId={article.id} offset={offsets.get(block.id)} marks={marks} onOpenMark={openMark} />
            ))}
          </article>
        </div>
      </div>
      {panel}
      {overlay}
    </div>
  )
}

