import type { HighlightColor } from '../../../shared/notes'
import { ColorPicker } from './ColorPicker'

interface Props {
  at: { top: number; left: number }
  onHighlight(color: HighlightColor): void
  onNote(): void
  onTags(): void
  onLink(): void
}

/** Floats over a text selection in the reader; the same actions have keys H, N, T and L. */
export function SelectionToolbar({ at, onHighlight, onNote, onTags, onLink }: Props) {
  return (
    <div className="selection-toolbar" role="toolbar" aria-label="Selection" style={{ top: at.top, left: at.left }} onMouseDown={(event) => event.preventDefault()}>
      <ColorPicker verb="Highlight" onPick={onHighlight} />
      <button type="button" onClick={onNote} title="Note (N)">Note</button>
      <button type="button" onClick={onTags} title="Tags (T)">Tags</button>
      <button type="button" onClick={onLink} title="Link to… (L)">Link to…</button>
    </div>
  )
}
