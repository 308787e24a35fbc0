// A user's note as Markdown. react-markdown builds React elements and, with
// skipHtml, drops raw HTML outright, so a note can never inject markup; its
// default URL transform already refuses javascript: and data: links.

import Markdown from 'react-markdown'

export function NoteMarkdown({ source }: { source: string }) {
  if (source.trim() === '') return null
  return (
    <div className="note-markdown">
      <Markdown skipHtml components={{ a: ({ href, children }) => <a href={href} target="_blank" rel="noreferrer noopener">{children}</a>, img: ({ alt }) => <span className="muted">[image: {alt}]</span> }}>
        {source}
      </Markdown>
    </div>
  )
}
