import type { IpcMain, WebContents } from 'electron'
import { apiMethods, ipcChannel, type ApiMethod } from '../../shared/api'
import { EVENT_CHANNEL } from '../../shared/events'
import { fail } from '../../shared/result'
import type { DossierService } from '../service'

/** Forwards each API method from the window to the service, and nothing else. */
export function registerIpc(ipcMain: IpcMain, service: DossierService, isTrustedSender: (url: string) => boolean): void {
  for (const method of apiMethods) {
    ipcMain.handle(ipcChannel(method), (event, ...args: unknown[]) => {
      if (!event.senderFrame || !isTrustedSender(event.senderFrame.url)) {
        return fail('invalid-argument', 'Request from an untrusted page refused')
      }
      const call = service.api[method as ApiMethod] as (...a: unknown[]) => Promise<unknown>
      return call(...args)
    })
  }
}

export function forwardEvents(service: DossierService, contents: WebContents): () => void {
  return service.events.subscribe((event) => {
    if (!contents.isDestroyed()) contents.send(EVENT_CHANNEL, event)
  })
}
