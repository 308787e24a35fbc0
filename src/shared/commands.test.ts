import { describe, expect, it } from 'vitest'
import {
  applies,
  COMMANDS,
  commandById,
  isPlainKey,
  MENUS,
  parseShortcut,
  shortcutConflicts,
  shortcutFires,
  shortcutLabel,
  toElectronAccelerator,
  type CommandContext,
  type CommandSpec,
} from './commands'

const ctx = (...names: CommandContext[]) => new Set(names)
const spec = (over: Partial<CommandSpec>): CommandSpec => ({ id: 'x', label: 'X', group: 'G', when: [], menu: 'none', ...over })

describe('the command list', () => {
  it('has unique ids, a label, a known menu and a parseable shortcut for every command', () => {
    expect(new Set(COMMANDS.map((c) => c.id)).size).toBe(COMMANDS.length)
    for (const command of COMMANDS) {
      expect(command.label.trim()).not.toBe('')
      expect([...MENUS, 'none']).toContain(command.menu)
      if (command.shortcut) expect(() => parseShortcut(command.shortcut!)).not.toThrow()
    }
  })

  it('has no two commands on one shortcut that can apply at the same time', () => {
    expect(shortcutConflicts(COMMANDS).map(([a, b]) => `${a.id} / ${b.id}`)).toEqual([])
  })

  it('marks no plain-key shortcut as global, so a letter always reaches a field', () => {
    expect(COMMANDS.filter((c) => c.global && c.shortcut && isPlainKey(c.shortcut)).map((c) => c.id)).toEqual([])
  })

  it('keeps the actions the palette must offer', () => {
    for (const id of ['go.notebook', 'go.map', 'import.files', 'annotate.highlight', 'annotate.note', 'annotate.tags', 'annotate.link']) expect(commandById.get(id)).toBeDefined()
  })
})

describe('parseShortcut', () => {
  it('reads modifiers and the key', () => {
    expect(parseShortcut('mod+shift+p')).toEqual({ modifiers: ['mod', 'shift'], key: 'p' })
    expect(parseShortcut('F6')).toEqual({ modifiers: [], key: 'f6' })
    expect(parseShortcut('mod++')).toEqual({ modifiers: ['mod'], key: '+' })
  })

  it('refuses malformed shortcuts', () => {
    for (const bad of ['', 'mod+', '+mod', 'p+q', 'hyper+x', 'shift+shift+x', 'mod+shift', 'mod+ ', 'ctrl+pgdn']) expect(() => parseShortcut(bad), bad).toThrow()
  })
})

describe('toElectronAccelerator', () => {
  it('writes what Electron accelerators accept', () => {
    expect(toElectronAccelerator('mod+shift+p')).toBe('CommandOrControl+Shift+P')
    expect(toElectronAccelerator('mod+o')).toBe('CommandOrControl+O')
    expect(toElectronAccelerator('shift+f3')).toBe('Shift+F3')
    expect(toElectronAccelerator('alt+shift+arrowdown')).toBe('Alt+Shift+Down')
    expect(toElectronAccelerator('mod+=')).toBe('CommandOrControl+=')
    expect(toElectronAccelerator('mod++')).toBe('CommandOrControl+Plus')
    expect(toElectronAccelerator('space')).toBe('Space')
    expect(toElectronAccelerator('[')).toBe('[')
  })

  it('converts every shortcut in the list', () => {
    for (const command of COMMANDS) if (command.shortcut) expect(toElectronAccelerator(command.shortcut)).toMatch(/^((CommandOrControl|Control|Alt|Shift|Super)\+)*([A-Z0-9]|F\d{1,2}|Up|Down|Left|Right|PageUp|PageDown|Home|End|Enter|Escape|Delete|Backspace|Tab|Space|Plus|[=\-[\]])$/)
  })
})

describe('shortcutLabel', () => {
  it('spells shortcuts for Windows/Linux and macOS', () => {
    expect(shortcutLabel('mod+shift+p')).toBe('Ctrl+Shift+P')
    expect(shortcutLabel('mod+shift+p', true)).toBe('⇧⌘P')
    expect(shortcutLabel('h')).toBe('H')
    expect(shortcutLabel('alt+arrowdown')).toBe('Alt+↓')
    expect(shortcutLabel('escape')).toBe('Esc')
  })
})

describe('when a command applies and its shortcut fires', () => {
  const highlight = commandById.get('annotate.highlight')!
  const palette = commandById.get('palette.open')!
  const edit = commandById.get('article.edit-metadata')!

  it('needs every context in `when`', () => {
    expect(applies(highlight, ctx('reader', 'selection'))).toBe(true)
    expect(applies(highlight, ctx('reader'))).toBe(false)
    expect(applies(highlight, ctx('library', 'selection'))).toBe(false)
  })

  it('never fires a letter while typing in a field or in a dialog', () => {
    expect(shortcutFires(edit, ctx('reader'))).toBe(true)
    expect(shortcutFires(edit, ctx('reader', 'textInput'))).toBe(false)
    expect(shortcutFires(edit, ctx('reader', 'dialog'))).toBe(false)
    expect(shortcutFires(highlight, ctx('reader', 'selection', 'textInput'))).toBe(false)
  })

  it('fires a selection command only with a selection', () => {
    expect(shortcutFires(highlight, ctx('reader'))).toBe(false)
    expect(shortcutFires(highlight, ctx('reader', 'selection'))).toBe(true)
  })

  it('fires global modifier shortcuts anywhere, but not a global plain key', () => {
    expect(shortcutFires(palette, ctx('library', 'textInput', 'dialog'))).toBe(true)
    expect(shortcutFires(spec({ shortcut: 'x', global: true }), ctx('textInput'))).toBe(false)
  })

  it('fires a command made for dialogs inside one', () => {
    expect(shortcutFires(spec({ shortcut: 'mod+enter', when: ['dialog'] }), ctx('dialog'))).toBe(true)
    expect(shortcutFires(spec({ shortcut: 'mod+enter', when: ['dialog'] }), ctx())).toBe(false)
  })

  it('never fires a command without a shortcut', () => {
    expect(shortcutFires(commandById.get('go.map')!, ctx())).toBe(false)
  })
})

describe('shortcutConflicts', () => {
  it('finds two commands on one key in overlapping contexts, whatever the modifier order', () => {
    const found = shortcutConflicts([spec({ id: 'a', shortcut: 'shift+mod+x' }), spec({ id: 'b', shortcut: 'mod+shift+x', when: ['reader'] })])
    expect(found.map(([a, b]) => [a.id, b.id])).toEqual([['a', 'b']])
  })

  it('allows one key in the reader and in the library', () => {
    expect(shortcutConflicts([spec({ id: 'a', shortcut: 't', when: ['reader'] }), spec({ id: 'b', shortcut: 't', when: ['library'] })])).toEqual([])
  })
})
