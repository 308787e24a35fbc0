// Lets anything (the library's search field, a command) open the search
// palette with a query, without threading a context through the app.

type Listener = (query: string | undefined) => void
const listeners = new Set<Listener>()

export function openSearchPalette(query?: string): void {
  for (const listener of listeners) listener(query)
}

export function onOpenSearchPalette(listener: Listener): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}
