// Exposes window.dossier, built mechanically from the method list. Nothing else lives here.

import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { apiMethods, ipcChannel } from '../shared/api'
import { EVENT_CHANNEL, type DossierEvent } from '../shared/events'

const methods = Object.fromEntries(
  apiMethods.map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(ipcChannel(method), ...args)]),
)

contextBridge.exposeInMainWorld('dossier', {
  ...methods,
  onEvent(listener: (event: DossierEvent) => void) {
    const forward = (_event: IpcRendererEvent, payload: DossierEvent) => listener(payload)
    ipcRenderer.on(EVENT_CHANNEL, forward)
    return () => ipcRenderer.removeListener(EVENT_CHANNEL, forward)
  },
})
