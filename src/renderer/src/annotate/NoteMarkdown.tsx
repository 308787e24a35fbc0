import Markdown, { type Components } from 'react-markdown'
import { safeHref } from '../reader/inline'

// Links in notes open outside the app and only when safe; images would fetch, so they show as their text.
const components: Components = {
  a: ({ href, children }) => {
    const safe = safeHref(href)
    return safe ? <a href={safe} target="_blank" rel="noopener noreferrer">{children}</a> : <span>{children}</span>
  },
  img: ({ alt }) => <span>{alt ?? ''}</span>,
}

/** A note's Markdown as React elements: raw HTML in it is shown as text, never run. */
export function NoteMarkdown({ source }: { source: string }) {
  return (
    <div className="note-markdown">
      <Markdown skipHtml components={components}>{source}</Markdown>
    </div>
  )
}
