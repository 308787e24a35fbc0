import type { IpcMain, WebContents } from 'electron'
import { apiMethods, ipcChannel, type ApiMethod } from '../../shared/api'
import { EVENT_CHANNEL } from '../../shared/events'
import { MAX_API_BODY_BYTES } from '../../shared/limits'
import { fail } from '../../shared/result'
import type { DossierService } from '../service'

/** As in the HTTP API: no method takes more. */
const MAX_ARGS = 8

/**
 * The size a call's arguments would have as an HTTP API body (JSON, bytes as base64), so both
 * shells refuse the same calls. Counting stops once past `limit`. An object reached a second time
 * (shared, or a cycle JSON could not write) is not counted again: what the main process holds is
 * each object once. Iterative, so a deeply nested argument cannot overflow the stack.
 */
export function wireSize(value: unknown, limit: number): number {
  let total = 0
  const seen = new Set<object>()
  const pending: unknown[] = [value]
  while (pending.length > 0 && total <= limit) {
    const item = pending.pop()
    if (typeof item === 'string') total += utf8Length(item) + 2
    else if (typeof item === 'number' || typeof item === 'bigint') total += String(item).length
    else if (typeof item === 'boolean') total += 5
    else if (item === null || item === undefined) total += 4
    else if (ArrayBuffer.isView(item) || item instanceof ArrayBuffer) total += Math.ceil(item.byteLength / 3) * 4 + 12
    else if (typeof item === 'object') {
      total += 2
      if (seen.has(item)) continue
      seen.add(item)
      if (item instanceof Map || item instanceof Set) {
        for (const entry of item) pending.push(entry)
      } else if (Array.isArray(item)) {
        total += item.length
        if (total <= limit) for (const element of item) pending.push(element)
      } else {
        for (const key in item) {
          if (!Object.hasOwn(item, key)) continue
          total += utf8Length(key) + 4
          pending.push((item as Record<string, unknown>)[key])
        }
      }
    }
  }
  return total
}

/** UTF-8 length; short strings counted here, which is faster than a call into Buffer for each. */
function utf8Length(text: string): number {
  if (text.length > 64) return Buffer.byteLength(text, 'utf8')
  let bytes = text.length
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i)
    if (code >= 0x80) bytes += code >= 0x800 && (code < 0xd800 || code > 0xdfff) ? 2 : 1
  }
  return bytes
}

/** Forwards each API method from the window to the service, and nothing else. */
export function registerIpc(
  ipcMain: IpcMain,
  service: DossierService,
  isTrustedSender: (url: string) => boolean,
  maxArgumentBytes: number = MAX_API_BODY_BYTES,
): void {
  for (const method of apiMethods) {
    ipcMain.handle(ipcChannel(method), (event, ...args: unknown[]) => {
      if (!event.senderFrame || !isTrustedSender(event.senderFrame.url)) {
        return fail('invalid-argument', 'Request from an untrusted page refused')
      }
      if (args.length > MAX_ARGS) return fail('invalid-argument', 'Too many arguments')
      // The HTTP API's body bound: the service is never handed more than that shell would take. (Electron
      // has received the message by now; its own IPC cap bounds that.)
      if (wireSize(args, maxArgumentBytes) > maxArgumentBytes) {
        return fail('too-large', `Request too large: the limit is ${+(maxArgumentBytes / 2 ** 20).toFixed(2)} MB`)
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
