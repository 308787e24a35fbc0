import * as DropdownMenu from '@radix-ui/react-dropdown-menu'

export function ImportMenu({ onFiles, onFolder, onWeb }: { onFiles(): void; onFolder(): void; onWeb?(): void }) {
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger asChild>
        <button type="button" className="primary">Import ▾</button>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content className="menu" align="end" sideOffset={6}>
          <DropdownMenu.Item className="menu-item" onSelect={onFiles}>
            Files… <span className="shortcut">Ctrl+O</span>
          </DropdownMenu.Item>
          <DropdownMenu.Item className="menu-item" onSelect={onFolder}>
            A folder…
          </DropdownMenu.Item>
          {onWeb && (
            <DropdownMenu.Item className="menu-item" onSelect={onWeb}>
              Fetch from the web…
            </DropdownMenu.Item>
          )}
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  )
}
