import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { describe, expect, it } from 'vitest'
import { apiMethods, ipcChannel } from '../../shared/api'
import type { DossierService } from '../service'
import { registerIpc } from './ipc'
import { isAppUrl } from './security'

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => unknown

function fakeIpc() {
  const handlers = new Map<string, Handler>()
  const ipc = { handle: (channel: string, handler: Handler) => void handlers.set(channel, handler) } as unknown as IpcMain
  return { ipc, handlers }
}

function fakeService(calls: unknown[][]): DossierService {
  const api = Object.fromEntries(apiMethods.map((method) => [method, async (...args: unknown[]) => (calls.push([method, ...args]), { ok: true, value: method })]))
  return { api } as unknown as DossierService
}

const from = (url: string | null) => ({ senderFrame: url === null ? null : { url } }) as unknown as IpcMainInvokeEvent

describe('IPC registration', () => {
  it('answers exactly the API methods, one channel each, and nothing else', () => {
    const { ipc, handlers } = fakeIpc()
    registerIpc(ipc, fakeService([]), (url) => isAppUrl(url))
    expect([...handlers.keys()].sort()).toEqual(apiMethods.map(ipcChannel).sort())
  })

  it('forwards a call from the app’s own page to the service with its arguments', async () => {
    const calls: unknown[][] = []
    const { ipc, handlers } = fakeIpc()
    registerIpc(ipc, fakeService(calls), (url) => isAppUrl(url))
    const answer = await handlers.get(ipcChannel('getArticle'))!(from('app://dossier/'), 'abc123')
    expect(answer).toEqual({ ok: true, value: 'getArticle' })
    expect(calls).toEqual([['getArticle', 'abc123']])
  })

  it.each([
    ['a web page', 'https://evil.example/'],
    ['a file', 'file:///etc/passwd'],
    ['a look-alike app host', 'app://dossier.evil/'],
    ['a frameless sender', null],
  ])('refuses a call from %s with a typed error, and the service is never reached', async (_what, url) => {
    const calls: unknown[][] = []
    const { ipc, handlers } = fakeIpc()
    registerIpc(ipc, fakeService(calls), (sender) => isAppUrl(sender))
    const answer = await handlers.get(ipcChannel('deleteArticle'))!(from(url), 'abc123')
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(calls).toEqual([])
  })
})
