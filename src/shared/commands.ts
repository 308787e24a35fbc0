// The command registry's data: every action the app offers, with its label, default
// shortcut, where it applies and where it sits in the application menu. The renderer's
// keymap and palette and the desktop menu are all built from this one list, so a
// shortcut shown anywhere is the one that runs. Imports nothing runtime-specific.
//
// Extending: add an entry (ids are stable, never renamed); add fields rather than
// changing the meaning of existing ones.

/**
 * A context a command can require. All listed must hold for it to apply.
 * reader: an article is open. library: the library or trash list is shown.
 * selection: text is selected in the open article. dialog: a dialog is open.
 * textInput: focus is in an editable field.
 */
export type CommandContext = 'reader' | 'library' | 'dialog' | 'textInput' | 'selection'

export const MENUS = ['File', 'Edit', 'View', 'Window', 'Help'] as const
export type MenuName = (typeof MENUS)[number]

export interface CommandSpec {
  /** Stable: menus, tests and other code refer to it. */
  readonly id: string
  readonly label: string
  /** The palette's heading for it. */
  readonly group: string
  /**
   * The default shortcut: modifiers then one key, joined by "+", lower case, e.g.
   * "mod+shift+p", "h", "shift+j", "f6", "alt+arrowdown". "mod" is Cmd on macOS and
   * Ctrl elsewhere. Keys are KeyboardEvent.key values in lower case ("arrowdown",
   * "pagedown", "escape", "delete", "enter", "f3"), "space" for the space bar, or one
   * printable character.
   */
  readonly shortcut?: string
  /** Contexts that must all hold for the command to apply; empty means anywhere. */
  readonly when: readonly CommandContext[]
  /**
   * The shortcut also fires while focus is in an editable field or a dialog. Only for
   * shortcuts with Ctrl/Cmd or a function key: a plain letter must always reach the field.
   */
  readonly global?: boolean
  /** Where the application menu shows it; "none" keeps it out of the menu (palette only). */
  readonly menu: MenuName | 'none'
}

export const COMMANDS: readonly CommandSpec[] = [
  // File
  { id: 'import.files', label: 'Import files…', group: 'Import', shortcut: 'mod+o', when: [], menu: 'File' },
  { id: 'import.folder', label: 'Import a folder…', group: 'Import', when: [], menu: 'File' },
  { id: 'import.web', label: 'Fetch from the web…', group: 'Import', when: [], menu: 'File' },
  { id: 'exchange.export', label: 'Export notes…', group: 'Notes', when: [], menu: 'File' },
  { id: 'exchange.backup', label: 'Back up, restore or merge a colleague’s notes…', group: 'Archive', when: [], menu: 'File' },
  { id: 'article.edit-metadata', label: 'Edit details (title, byline, date, tags…)', group: 'Article', shortcut: 'e', when: ['reader'], menu: 'File' },
  { id: 'article.delete', label: 'Move this article to the trash', group: 'Article', when: ['reader'], menu: 'File' },

  // Edit
  { id: 'annotate.highlight', label: 'Highlight the selection', group: 'Annotate', shortcut: 'h', when: ['reader', 'selection'], menu: 'Edit' },
  { id: 'annotate.note', label: 'Add a note to the selection', group: 'Annotate', shortcut: 'n', when: ['reader', 'selection'], menu: 'Edit' },
  { id: 'annotate.tags', label: 'Tag the selection', group: 'Annotate', shortcut: 't', when: ['reader', 'selection'], menu: 'Edit' },
  { id: 'annotate.link', label: 'Link the selection to another passage…', group: 'Annotate', shortcut: 'l', when: ['reader', 'selection'], menu: 'Edit' },
  { id: 'find.in-article', label: 'Find in article', group: 'Find', shortcut: 'mod+f', when: ['reader'], global: true, menu: 'Edit' },
  { id: 'find.next', label: 'Find next', group: 'Find', shortcut: 'f3', when: ['reader'], global: true, menu: 'none' },
  { id: 'find.previous', label: 'Find previous', group: 'Find', shortcut: 'shift+f3', when: ['reader'], global: true, menu: 'none' },
  { id: 'search.open', label: 'Search everything', group: 'Find', shortcut: 'mod+k', when: [], global: true, menu: 'Edit' },
  { id: 'library.select-all', label: 'Select all articles', group: 'Library', shortcut: 'mod+a', when: ['library'], menu: 'none' },
  { id: 'library.delete-selected', label: 'Move the selected articles to the trash', group: 'Library', shortcut: 'delete', when: ['library'], menu: 'none' },

  // Reading: the passage cursor selects text without a mouse.
  { id: 'cursor.next-sentence', label: 'Select the next sentence', group: 'Passage cursor', shortcut: 'j', when: ['reader'], menu: 'none' },
  { id: 'cursor.previous-sentence', label: 'Select the previous sentence', group: 'Passage cursor', shortcut: 'k', when: ['reader'], menu: 'none' },
  { id: 'cursor.extend-sentence', label: 'Extend the selection by a sentence', group: 'Passage cursor', shortcut: 'shift+j', when: ['reader'], menu: 'none' },
  { id: 'cursor.shrink-sentence', label: 'Shrink the selection by a sentence', group: 'Passage cursor', shortcut: 'shift+k', when: ['reader'], menu: 'none' },
  { id: 'cursor.next-paragraph', label: 'Select the next paragraph', group: 'Passage cursor', shortcut: 'alt+arrowdown', when: ['reader'], menu: 'none' },
  { id: 'cursor.previous-paragraph', label: 'Select the previous paragraph', group: 'Passage cursor', shortcut: 'alt+arrowup', when: ['reader'], menu: 'none' },
  { id: 'cursor.extend-paragraph', label: 'Extend the selection by a paragraph', group: 'Passage cursor', shortcut: 'alt+shift+arrowdown', when: ['reader'], menu: 'none' },
  { id: 'cursor.clear', label: 'Clear the selection', group: 'Passage cursor', shortcut: 'escape', when: ['reader', 'selection'], menu: 'none' },

  // View
  { id: 'view.toggle-contents', label: 'Show or hide the contents list', group: 'View', shortcut: '[', when: ['reader'], menu: 'View' },
  { id: 'view.toggle-notes', label: 'Show or hide the notes panel', group: 'View', shortcut: ']', when: ['reader'], menu: 'View' },
  { id: 'theme.light', label: 'Theme: Light', group: 'Reading', when: [], menu: 'View' },
  { id: 'theme.sepia', label: 'Theme: Sepia', group: 'Reading', when: [], menu: 'View' },
  { id: 'theme.dark', label: 'Theme: Dark', group: 'Reading', when: [], menu: 'View' },
  { id: 'text.larger', label: 'Larger text', group: 'Reading', shortcut: 'mod+=', when: [], menu: 'View' },
  { id: 'text.smaller', label: 'Smaller text', group: 'Reading', shortcut: 'mod+-', when: [], menu: 'View' },
  { id: 'measure.wider', label: 'Wider lines', group: 'Reading', when: [], menu: 'View' },
  { id: 'measure.narrower', label: 'Narrower lines', group: 'Reading', when: [], menu: 'View' },

  // Window: where to go and which region has focus.
  { id: 'go.library', label: 'Library', group: 'Go to', when: [], menu: 'Window' },
  { id: 'go.notebook', label: 'Notebook', group: 'Go to', when: [], menu: 'Window' },
  { id: 'go.map', label: 'Map', group: 'Go to', when: [], menu: 'Window' },
  { id: 'go.trash', label: 'Trash', group: 'Go to', when: [], menu: 'Window' },
  { id: 'region.next', label: 'Focus the next region', group: 'Go to', shortcut: 'f6', when: [], global: true, menu: 'Window' },
  { id: 'region.previous', label: 'Focus the previous region', group: 'Go to', shortcut: 'shift+f6', when: [], global: true, menu: 'Window' },
  { id: 'palette.open', label: 'Command palette', group: 'Go to', shortcut: 'mod+shift+p', when: [], global: true, menu: 'Window' },
]

export const commandById: ReadonlyMap<string, CommandSpec> = new Map(COMMANDS.map((command) => [command.id, command]))

const MODIFIERS = ['mod', 'ctrl', 'alt', 'shift', 'meta'] as const
type Modifier = (typeof MODIFIERS)[number]

export interface ParsedShortcut {
  modifiers: Modifier[]
  key: string
}

/** Splits "mod+shift+p" into modifiers and key; throws on a malformed shortcut ("mod+", "p+q", "hyper+x"). */
export function parseShortcut(shortcut: string): ParsedShortcut {
  const text = shortcut.toLowerCase()
  // "+" itself can be the key: "mod++".
  const plusKey = text.endsWith('++') || text === '+'
  const parts = plusKey ? [...(text === '+' ? [] : text.slice(0, -2).split('+')), '+'] : text.split('+')
  if (parts.some((part) => part === '' || /\s/.test(part))) throw new Error(`Malformed shortcut "${shortcut}"`)
  const key = parts.pop()
  if (!key) throw new Error(`Malformed shortcut "${shortcut}"`)
  const modifiers: Modifier[] = []
  for (const part of parts) {
    if (!(MODIFIERS as readonly string[]).includes(part)) throw new Error(`Unknown modifier "${part}" in "${shortcut}"`)
    if (modifiers.includes(part as Modifier)) throw new Error(`Repeated modifier "${part}" in "${shortcut}"`)
    modifiers.push(part as Modifier)
  }
  if ((MODIFIERS as readonly string[]).includes(key)) throw new Error(`Shortcut "${shortcut}" has no key`)
  if (key.length > 1 && !NAMED_KEYS.has(key)) throw new Error(`Unknown key "${key}" in "${shortcut}"`)
  return { modifiers, key }
}

/** Named keys: the lower-case KeyboardEvent.key, and how Electron's accelerators spell it. */
const NAMED_KEYS = new Map<string, { accelerator: string; label: string }>([
  ['arrowup', { accelerator: 'Up', label: '↑' }],
  ['arrowdown', { accelerator: 'Down', label: '↓' }],
  ['arrowleft', { accelerator: 'Left', label: '←' }],
  ['arrowright', { accelerator: 'Right', label: '→' }],
  ['pageup', { accelerator: 'PageUp', label: 'PageUp' }],
  ['pagedown', { accelerator: 'PageDown', label: 'PageDown' }],
  ['home', { accelerator: 'Home', label: 'Home' }],
  ['end', { accelerator: 'End', label: 'End' }],
  ['enter', { accelerator: 'Enter', label: 'Enter' }],
  ['escape', { accelerator: 'Escape', label: 'Esc' }],
  ['delete', { accelerator: 'Delete', label: 'Delete' }],
  ['backspace', { accelerator: 'Backspace', label: 'Backspace' }],
  ['tab', { accelerator: 'Tab', label: 'Tab' }],
  ['space', { accelerator: 'Space', label: 'Space' }],
  ...Array.from({ length: 12 }, (_, i) => [`f${i + 1}`, { accelerator: `F${i + 1}`, label: `F${i + 1}` }] as const),
])

/** True for a shortcut without Ctrl/Cmd/Alt/Meta and no function key: such a key types text in a field. */
export function isPlainKey(shortcut: string): boolean {
  const { modifiers, key } = parseShortcut(shortcut)
  return !modifiers.some((m) => m !== 'shift') && !/^f\d+$/.test(key)
}

const ACCELERATOR_MODIFIER: Record<Modifier, string> = { mod: 'CommandOrControl', ctrl: 'Control', alt: 'Alt', shift: 'Shift', meta: 'Super' }

/**
 * The shortcut as an Electron accelerator ("mod+shift+p" → "CommandOrControl+Shift+P").
 * A plain-key shortcut (see isPlainKey) should be shown in the menu without registering
 * it (registerAccelerator: false), so the renderer's keymap decides whether it fires.
 */
export function toElectronAccelerator(shortcut: string): string {
  const { modifiers, key } = parseShortcut(shortcut)
  const named = NAMED_KEYS.get(key)
  const keyPart = named ? named.accelerator : key === '+' ? 'Plus' : key.toUpperCase()
  return [...modifiers.map((m) => ACCELERATOR_MODIFIER[m]), keyPart].join('+')
}

/** How a shortcut is written for people: "Ctrl+Shift+P", or "⌘⇧P" on macOS. */
export function shortcutLabel(shortcut: string, mac = false): string {
  const { modifiers, key } = parseShortcut(shortcut)
  const named = NAMED_KEYS.get(key)
  const keyPart = named ? named.label : key.toUpperCase()
  if (mac) {
    const symbols: Record<Modifier, string> = { mod: '⌘', ctrl: '⌃', alt: '⌥', shift: '⇧', meta: '⌘' }
    const order: Modifier[] = ['ctrl', 'alt', 'shift', 'mod', 'meta']
    return order.filter((m) => modifiers.includes(m)).map((m) => symbols[m]).join('') + keyPart
  }
  const words: Record<Modifier, string> = { mod: 'Ctrl', ctrl: 'Ctrl', alt: 'Alt', shift: 'Shift', meta: 'Meta' }
  return [...modifiers.map((m) => words[m]), keyPart].join('+')
}

/** Whether the command applies in the given contexts (all of its `when` must hold). */
export function applies(command: CommandSpec, active: ReadonlySet<CommandContext>): boolean {
  return command.when.every((context) => active.has(context))
}

/**
 * Whether the command's shortcut may fire now. Inside an editable field or a dialog only
 * commands made for it (`when` names that context) or `global` ones fire, and a plain
 * key never does: the keystroke belongs to the field.
 */
export function shortcutFires(command: CommandSpec, active: ReadonlySet<CommandContext>): boolean {
  if (!command.shortcut || !applies(command, active)) return false
  for (const guarded of ['textInput', 'dialog'] as const) {
    if (!active.has(guarded) || command.when.includes(guarded)) continue
    if (!command.global || isPlainKey(command.shortcut)) return false
  }
  return true
}

/** Pairs of commands with the same shortcut that can apply at the same time. */
export function shortcutConflicts(commands: readonly CommandSpec[]): [CommandSpec, CommandSpec][] {
  const exclusive: [CommandContext, CommandContext][] = [['reader', 'library']]
  const canOverlap = (a: CommandSpec, b: CommandSpec) => !exclusive.some(([x, y]) => (a.when.includes(x) && b.when.includes(y)) || (a.when.includes(y) && b.when.includes(x)))
  const normal = (shortcut: string) => {
    const { modifiers, key } = parseShortcut(shortcut)
    return [...[...modifiers].sort(), key].join('+')
  }
  const conflicts: [CommandSpec, CommandSpec][] = []
  const withKeys = commands.filter((c) => c.shortcut)
  for (let i = 0; i < withKeys.length; i++) {
    for (let j = i + 1; j < withKeys.length; j++) {
      const a = withKeys[i]!
      const b = withKeys[j]!
      if (normal(a.shortcut!) === normal(b.shortcut!) && canOverlap(a, b)) conflicts.push([a, b])
    }
  }
  return conflicts
}
