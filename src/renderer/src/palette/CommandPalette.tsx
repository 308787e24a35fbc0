import { Command as Cmdk } from 'cmdk'
import { useEffect, useState } from 'react'
import { useCommands } from './commands'

/** Ctrl/Cmd+Shift+P lists every action, as in VS Code. */
export function CommandPalette() {
  const [open, setOpen] = useState(false)
  const commands = useCommands()
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if ((event.ctrlKey || event.metaKey) && event.shiftKey && event.key.toLowerCase() === 'p') {
        event.preventDefault()
        setOpen((current) => !current)
      }
    }
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [])
  const groups = [...new Set(commands.map((command) => command.group ?? 'General'))]
  return (
    <Cmdk.Dialog open={open} onOpenChange={setOpen} label="Command palette" overlayClassName="dialog-overlay" contentClassName="dialog palette">
      <Cmdk.Input placeholder="Type a command…" className="palette-input" />
      <Cmdk.List className="palette-list">
        <Cmdk.Empty>No command matches.</Cmdk.Empty>
        {groups.map((group) => (
          <Cmdk.Group key={group} heading={group}>
            {commands
              .filter((command) => (command.group ?? 'General') === group)
              .map((command) => (
                <Cmdk.Item
                  key={command.id}
                  value={`${group} ${command.title}`}
                  onSelect={() => {
                    setOpen(false)
                    command.run()
                  }}
                  className="menu-item"
                >
                  <span>{command.title}</span>
                  {command.shortcut && <span className="shortcut">{command.shortcut}</span>}
                </Cmdk.Item>
              ))}
          </Cmdk.Group>
        ))}
      </Cmdk.List>
    </Cmdk.Dialog>
  )
}
