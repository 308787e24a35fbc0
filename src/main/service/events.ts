import type { DossierEvent, DossierEventMap, DossierEventName } from '../../shared/events'

type Listener = (event: DossierEvent) => void

/** Fan-out of service events to the shells (IPC to windows, SSE to browsers). */
export class EventBus {
  private readonly listeners = new Set<Listener>()

  emit<K extends DossierEventName>(type: K, payload: DossierEventMap[K]): void {
    const event = { type, payload } as DossierEvent
    for (const listener of this.listeners) listener(event)
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
