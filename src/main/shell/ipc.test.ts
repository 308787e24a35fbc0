import type { IpcMain, IpcMainInvokeEvent } from 'electron'
import { describe, expect, it } from 'vitest'
import { apiMethods, ipcChannel } from '../../shared/api'
import type { DossierService } from '../service'
import { MAX_API_BODY_BYTES } from '../../shared/limits'
import { encodeWire } from '../../shared/wire'
import { registerIpc, wireSize } from './ipc'
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

describe('IPC argument size', () => {
  const LIMIT = 64 * 1024

  it('refuses a call whose arguments exceed the limit with an error naming it, before the service sees it', async () => {
    const calls: unknown[][] = []
    const { ipc, handlers } = fakeIpc()
    registerIpc(ipc, fakeService(calls), (url) => isAppUrl(url), LIMIT)
    const answer = await handlers.get(ipcChannel('importFiles'))!(from('app://dossier/'), [{ name: 'big.txt', data: new Uint8Array(LIMIT) }])
    expect(answer).toEqual({ ok: false, error: { code: 'too-large', message: 'Request too large: the limit is 0.06 MB' } })
    expect(calls).toEqual([])
  })

  it('refuses an oversized string argument too', async () => {
    const calls: unknown[][] = []
    const { ipc, handlers } = fakeIpc()
    registerIpc(ipc, fakeService(calls), (url) => isAppUrl(url), LIMIT)
    const answer = await handlers.get(ipcChannel('search'))!(from('app://dossier/'), 'é'.repeat(LIMIT / 2))
    expect(answer).toMatchObject({ ok: false, error: { code: 'too-large' } })
    expect(calls).toEqual([])
  })

  it('passes a call just under the limit through whole', async () => {
    const calls: unknown[][] = []
    const { ipc, handlers } = fakeIpc()
    registerIpc(ipc, fakeService(calls), (url) => isAppUrl(url), LIMIT)
    const data = new Uint8Array(LIMIT / 2)
    const answer = await handlers.get(ipcChannel('importFiles'))!(from('app://dossier/'), [{ name: 'fits.txt', data }])
    expect(answer).toEqual({ ok: true, value: 'importFiles' })
    expect(calls).toEqual([['importFiles', [{ name: 'fits.txt', data }]]])
  })

  it('refuses more arguments than any method takes', async () => {
    const calls: unknown[][] = []
    const { ipc, handlers } = fakeIpc()
    registerIpc(ipc, fakeService(calls), (url) => isAppUrl(url))
    const answer = await handlers.get(ipcChannel('getArticle'))!(from('app://dossier/'), ...Array.from({ length: 9 }, (_, i) => i))
    expect(answer).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(calls).toEqual([])
  })

  it('by default allows the largest file import accepts, as the HTTP API does', () => {
    const largest = [[{ name: 'big.pdf', data: new Uint8Array(64 * 1024 * 1024) }]]
    expect(wireSize(largest, MAX_API_BODY_BYTES)).toBeLessThanOrEqual(MAX_API_BODY_BYTES)
  })

  it.each([
    ['text and numbers', ['abc', 12.5, true, null, { deep: ['ü', -3, false] }]],
    ['bytes', [{ name: 'x', data: new Uint8Array([1, 2, 3, 4, 5, 6, 7]) }]],
    ['an empty call', []],
  ])('measures %s within a few bytes of their HTTP body', (_what, args) => {
    const http = encodeWire({ args }).length
    const measured = wireSize(args, Infinity)
    expect(Math.abs(measured - http)).toBeLessThanOrEqual(16)
  })

  it.each(['plain', 'é', 'Über – “quoted”', '中文', '🙂 and 𝄞', 'x'.repeat(63) + '€', '€'.repeat(100)])('counts %s in UTF-8 bytes', (text) => {
    expect(wireSize(text, Infinity)).toBe(Buffer.byteLength(text, 'utf8') + 2)
  })

  it('stops counting a huge argument once past the limit, and is not fooled by a cycle or deep nesting', () => {
    const cyclic: unknown[] = []
    cyclic.push(cyclic, 'x'.repeat(100))
    expect(wireSize(cyclic, 1000)).toBeLessThan(1000)
    let deep: unknown[] = ['x'.repeat(2000)]
    for (let i = 0; i < 200_000; i++) deep = [deep]
    expect(wireSize(deep, 1000)).toBeGreaterThan(1000)
    expect(wireSize(new Array(10_000_000).fill(0), 1000)).toBeGreaterThan(1000)
  })
})
