import { createContext, useCallback, useContext, useEffect, useState, type ReactNode } from 'react'
import { DEFAULT_PREFERENCES, type Preferences } from '../../../shared/types'
import { useApi } from '../api/context'
import { useToasts } from '../ui/toasts'

interface PreferencesState {
  preferences: Preferences
  update(patch: Partial<Preferences>): void
}

const PreferencesContext = createContext<PreferencesState | null>(null)

export function PreferencesProvider({ children }: { children: ReactNode }) {
  const api = useApi()
  const toasts = useToasts()
  const [preferences, setPreferences] = useState<Preferences>(DEFAULT_PREFERENCES)
  useEffect(() => {
    void api.getPreferences().then((result) => result.ok && setPreferences(result.value))
  }, [api])
  useEffect(() => {
    document.documentElement.dataset['theme'] = preferences.theme
  }, [preferences.theme])
  const update = useCallback(
    (patch: Partial<Preferences>) => {
      setPreferences((current) => ({ ...current, ...patch }))
      void api.setPreferences(patch).then((result) => {
        if (!result.ok) toasts.show({ tone: 'error', message: result.error.message })
      })
    },
    [api, toasts],
  )
  return <PreferencesContext.Provider value={{ preferences, update }}>{children}</PreferencesContext.Provider>
}

export function usePreferences(): PreferencesState {
  const state = useContext(PreferencesContext)
  if (!state) throw new Error('usePreferences outside PreferencesProvider')
  return state
}
