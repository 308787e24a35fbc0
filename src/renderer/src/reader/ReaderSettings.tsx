import * as Popover from '@radix-ui/react-popover'
import type { Theme } from '../../../shared/types'
import { usePreferences } from '../app/preferences'

const THEMES: { value: Theme; label: string }[] = [
  { value: 'light', label: 'Light' },
  { value: 'sepia', label: 'Sepia' },
  { value: 'dark', label: 'Dark' },
]

export function ReaderSettings() {
  const { preferences, update } = usePreferences()
  return (
    <Popover.Root>
      <Popover.Trigger asChild>
        <button type="button" className="toolbar-button" aria-label="Reading settings" title="Reading settings">
          Aa
        </button>
      </Popover.Trigger>
      <Popover.Portal>
        <Popover.Content className="popover reader-settings" sideOffset={6} align="end">
          <label>
            Text size <output>{preferences.fontSize}px</output>
            <input type="range" aria-label="Text size" min={14} max={28} value={preferences.fontSize} onChange={(e) => update({ fontSize: Number(e.target.value) })} />
          </label>
          <label>
            Line width <output>{preferences.lineWidth} characters</output>
            <input type="range" aria-label="Line width" min={48} max={96} step={2} value={preferences.lineWidth} onChange={(e) => update({ lineWidth: Number(e.target.value) })} />
          </label>
          <fieldset>
            <legend>Theme</legend>
            <div className="theme-choices">
              {THEMES.map((theme) => (
                <label key={theme.value} className={`theme-choice theme-${theme.value}`}>
                  <input type="radio" name="theme" value={theme.value} checked={preferences.theme === theme.value} onChange={() => update({ theme: theme.value })} />
                  {theme.label}
                </label>
              ))}
            </div>
          </fieldset>
        </Popover.Content>
      </Popover.Portal>
    </Popover.Root>
  )
}
