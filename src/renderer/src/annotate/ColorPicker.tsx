import { HIGHLIGHT_COLORS, type HighlightColor } from '../../../shared/notes'

interface Props {
  value?: HighlightColor
  onPick(color: HighlightColor): void
  /** Shown before each colour's name, e.g. "Highlight" → "Highlight yellow". */
  verb?: string
}

/** One button per colour; the current one is pressed. */
export function ColorPicker({ value, onPick, verb = 'Colour' }: Props) {
  return (
    <div className="color-picker" role="group" aria-label="Highlight colour">
      {HIGHLIGHT_COLORS.map((color) => (
        <button
          key={color}
          type="button"
          className={`swatch swatch-${color}`}
          aria-label={`${verb} ${color}`}
          title={`${verb} ${color}`}
          aria-pressed={value === undefined ? undefined : value === color}
          onClick={() => onPick(color)}
        />
      ))}
    </div>
  )
}
