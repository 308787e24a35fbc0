// The renderer's one door to the archive: window.dossier in Electron, or the
// same methods over HTTP in browser mode — both derived from apiMethods.

import { apiMethods, type DossierBridge } from '../../../shared/api'
import type { DossierEvent } from '../../../shared/events'
import { fail, type Result } from '../../../shared/result'
import { decodeWire, encodeWire } from '../../../shared/wire'

declare global {
  interface Window {
    dossier?: DossierBridge
  }
}

async function call(method: string, args: unknown[]): Promise<Result<unknown>> {
  let response: Response
  try {
    response = await fetch(`/api/${method}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: encodeWire({ args }),
      credentials: 'same-origin',
    })
  } catch {
    return fail('network', 'Dossier’s local server is not answering. Is `dossier serve` still running?')
  }
  if (response.status === 401) return fail('invalid-argument', 'This page has no access token: open the address that `dossier serve` printed.')
  if (!response.ok) return fail('internal', `The local server refused the request (${response.status} ${await response.text()})`)
  return decodeWire(await response.text()) as Result<unknown>
}

function httpBridge(): DossierBridge {
  const methods = Object.fromEntries(apiMethods.map((method) => [method, (...args: unknown[]) => call(method, args)]))
  const listeners = new Set<(event: DossierEvent) => void>()
  let source: EventSource | undefined
  return {
    ...(methods as unknown as Omit<DossierBridge, 'onEvent'>),
    onEvent(listener) {
      listeners.add(listener)
      source ??= new EventSource('/api/events')
      source.onmessage = (message: MessageEvent<string>) => {
        const event = JSON.parse(message.data) as DossierEvent
        for (const each of listeners) each(event)
      }
      return () => {
        listeners.delete(listener)
        if (listeners.size === 0) {
          source?.close()
          source = undefined
        }
      }
    },
  }
}

export function createBridge(): DossierBridge {
  return window.dossier ?? httpBridge()
}
