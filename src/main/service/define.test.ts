import { afterEach, describe, expect, it, vi } from 'vitest'
import { z } from 'zod'
import { DossierFailure, type Result } from '../../shared/result'
import { defineApi, describeIssues, toResult } from './define'

interface TinyApi {
  echo(text: string): Promise<Result<string>>
  add(a: number, b: number): Promise<Result<number>>
  fail(kind: string): Promise<Result<boolean>>
}

const errno = (code: string): Error => Object.assign(new Error(code), { code })

function tinyApi(): { api: TinyApi; calls: unknown[][] } {
  const calls: unknown[][] = []
  const api = defineApi<TinyApi>(
    {
      echo: z.tuple([z.string().max(10)]),
      add: z.tuple([z.number(), z.number()]),
      fail: z.tuple([z.string()]),
    },
    {
      echo: (text) => {
        calls.push([text])
        return text
      },
      add: async (a, b) => a + b,
      fail: (kind) => {
        if (kind === 'dossier') throw new DossierFailure('not-found', 'No such thing', 'a.txt')
        if (kind === 'full') throw errno('ENOSPC')
        if (kind === 'readonly') throw errno('EROFS')
        if (kind === 'denied') throw errno('EACCES')
        if (kind === 'string') throw 'a thrown string'
        if (kind === 'undefined') throw undefined
        throw new TypeError('boom')
      },
    },
  )
  return { api, calls }
}

afterEach(() => {
  vi.restoreAllMocks()
})

describe('defineApi', () => {
  it('answers a good call with ok and the value, sync or async', async () => {
    const { api } = tinyApi()
    expect(await api.echo('hi')).toEqual({ ok: true, value: 'hi' })
    expect(await api.add(2, 3)).toEqual({ ok: true, value: 5 })
  })

  it.each([
    ['a wrong type', [5]],
    ['a missing argument', []],
    ['an extra argument', ['hi', 'there']],
    ['null', [null]],
    ['a string over the limit', ['x'.repeat(11)]],
    ['an object', [{ toString: () => 'hi' }]],
  ])('refuses %s with invalid-argument and never calls the implementation', async (_what, args) => {
    const { api, calls } = tinyApi()
    const echo = api.echo as unknown as (...a: unknown[]) => Promise<Result<string>>
    const result = await echo(...args)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-argument')
      expect(result.error.message).toMatch(/^echo: /)
    }
    expect(calls).toEqual([])
  })

  it('passes a DossierFailure through as its typed error, file included', async () => {
    const { api } = tinyApi()
    expect(await api.fail('dossier')).toEqual({ ok: false, error: { code: 'not-found', message: 'No such thing', file: 'a.txt' } })
  })

  it.each([
    ['full', 'io-error', /disk is full/],
    ['readonly', 'io-error', /cannot be written/],
    ['denied', 'io-error', /cannot be written/],
  ])('turns a %s disk error into %s with a plain message', async (kind, code, message) => {
    const { api } = tinyApi()
    const result = await api.fail(kind)
    expect(result).toMatchObject({ ok: false, error: { code } })
    if (!result.ok) expect(result.error.message).toMatch(message)
  })

  it.each(['type-error', 'string', 'undefined'])('turns an unexpected throw (%s) into internal, not a rejection', async (kind) => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined)
    const { api } = tinyApi()
    const result = await api.fail(kind)
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } })
    if (!result.ok) expect(result.error.message).not.toContain('boom')
    expect(log).toHaveBeenCalled()
  })

  it('defines only the methods that have schemas', () => {
    const { api } = tinyApi()
    expect(Object.keys(api).sort()).toEqual(['add', 'echo', 'fail'])
    expect(Object.hasOwn(api, 'constructor')).toBe(false)
  })
})

describe('describeIssues', () => {
  it('names the argument position and keeps at most three issues', () => {
    const schema = z.tuple([z.string(), z.string(), z.string(), z.string()])
    const parsed = schema.safeParse([1, 2, 3, 4])
    expect(parsed.success).toBe(false)
    if (parsed.success) return
    const text = describeIssues(parsed.error)
    expect(text.split('; ')).toHaveLength(3)
    expect(text).toContain('argument 0: ')
    expect(text).not.toContain('argument 3: ')
  })
})

describe('toResult', () => {
  it('keeps a DossierFailure without a file free of a file key', () => {
    expect(toResult(new DossierFailure('conflict', 'Changed elsewhere'))).toEqual({ ok: false, error: { code: 'conflict', message: 'Changed elsewhere' } })
  })
})
