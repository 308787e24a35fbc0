// Every action registers here, so the command palette lists all of them and
// each stays reachable from the keyboard.

import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react'

export interface Command {
  id: string
  title: string
  /** Shown beside the title, e.g. "Ctrl+O". */
  shortcut?: string
  group?: string
  run(): void
}

interface CommandRegistry {
  commands: Command[]
  register(owner: string, commands: Command[]): () => void
}

const CommandContext = createContext<CommandRegistry | null>(null)

export function CommandProvider({ children }: { children: ReactNode }) {
  const [owners, setOwners] = useState<Map<string, Command[]>>(new Map())
  const register = useCallback((owner: string, commands: Command[]) => {
    setOwners((current) => new Map(current).set(owner, commands))
    return () =>
      setOwners((current) => {
        const next = new Map(current)
        next.delete(owner)
        return next
      })
  }, [])
  const value = useMemo(() => ({ commands: [...owners.values()].flat(), register }), [owners, register])
  return <CommandContext.Provider value={value}>{children}</CommandContext.Provider>
}

export function useCommands(): Command[] {
  const registry = useContext(CommandContext)
  if (!registry) throw new Error('useCommands outside CommandProvider')
  return registry.commands
}

/** Registers commands while the calling component is mounted; pass a memoised array. */
export function useRegisterCommands(owner: string, commands: Command[]): void {
  const registry = useContext(CommandContext)
  if (!registry) throw new Error('useRegisterCommands outside CommandProvider')
  const { register } = registry
  useEffect(() => register(owner, commands), [register, owner, commands])
}
