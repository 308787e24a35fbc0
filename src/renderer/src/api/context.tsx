import { createContext, useContext, useEffect, type ReactNode } from 'react'
import type { DossierBridge } from '../../../shared/api'
import type { DossierEvent } from '../../../shared/events'

const ApiContext = createContext<DossierBridge | null>(null)

export function ApiProvider({ api, children }: { api: DossierBridge; children: ReactNode }) {
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>
}

export function useApi(): DossierBridge {
  const api = useContext(ApiContext)
  if (!api) throw new Error('useApi outside ApiProvider')
  return api
}

export function useDossierEvent(listener: (event: DossierEvent) => void): void {
  const api = useApi()
  useEffect(() => api.onEvent(listener), [api, listener])
}
