// A user's note as Markdown, wherever notes are shown (notes panel, editor
// preview, Notebook). react-markdown builds React elements and, with skipHtml,
// drops raw HTML outright; links are kept only if the shared link policy allows
// them, so a merged note cannot plant a //host, app-relative or script link.

import { lazy, Suspense } from 'react'
import type { Components } from 'react-markdown'
import { safeLink } from '../../../shared/links'

// The Markdown stack (about 400 KB) loads with the first note shown; until then the note is its plain text.
const Markdown = lazy(() => import('react-markdown'))

// Links open outside the app; images would fetch, so they show as their description.
const components: Components = {
  a: ({ href, children }) => {
    const safe = safeLink(href)
    return safe ? <a href={safe} target="_blank" rel="noopener noreferrer">{children}</a> : <span>{children}</span>
  },
  img: ({ alt }) => <span>{alt ?? ''}</span>,
}

/** A note's Markdown as React elements: raw HTML in it is dropped, never run. */
export function NoteMarkdown({ source }: { source: string }) {
  if (source.trim() === '') return null
  return (
    <div className="note-markdown">
      <Suspense fallback={<p className="note-markdown-plain">{source}</p>}>
        <Markdown skipHtml components={components}>
          {source}
        </Markdown>
      </Suspense>
    </div>
  )
}
