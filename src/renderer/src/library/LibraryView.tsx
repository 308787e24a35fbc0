import type { ReactNode } from 'react'
import type { ArticleMeta } from '../../../shared/types'
import { LibraryTable } from './LibraryTable'
import { useArticles } from './useArticles'

interface Props {
  which: 'library' | 'trash'
  onOpen(article: ArticleMeta): void
  onDelete(article: ArticleMeta): void
  onRestore(article: ArticleMeta): void
  onImport(): void
  importMenu: ReactNode
}

export function LibraryView({ which, onOpen, onDelete, onRestore, onImport, importMenu }: Props) {
  const { articles, error } = useArticles(which)
  if (error) return <div className="empty-state" role="alert"><h2>The library cannot be read</h2><p>{error.message}</p></div>
  if (!articles) return <div className="loading" aria-busy="true">Loading the library…</div>
  const trash = which === 'trash'
  return (
    <section className="library" aria-labelledby="library-title">
      <div className="toolbar">
        <h1 id="library-title" className="view-title">{trash ? 'Trash' : 'Library'}</h1>
        <span className="muted">{articles.length.toLocaleString()} {articles.length === 1 ? 'article' : 'articles'}</span>
        <span className="toolbar-spacer" />
        {!trash && importMenu}
      </div>
      {articles.length === 0 ? (
        <div className="empty-state">
          {trash ? (
            <p>The trash is empty. Deleted articles wait here, with their notes, until you remove them for good.</p>
          ) : (
            <>
              <h2>Your library is empty</h2>
              <p>Drop saved web pages, Markdown, text or PDF files here, or choose Import.</p>
              <button type="button" className="primary" onClick={onImport}>Import files…</button>
            </>
          )}
        </div>
      ) : (
        <LibraryTable
          articles={articles}
          onOpen={onOpen}
          onDelete={trash ? onRestore : onDelete}
          deleteLabel={trash ? 'Restore' : 'Delete'}
        />
      )}
    </section>
  )
}
