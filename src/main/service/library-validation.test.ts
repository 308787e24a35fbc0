// The library API at its boundary: every method refuses bad arguments with a
// typed result and leaves the archive as it was.

import { describe, expect, it } from 'vitest'
import type { DossierApi } from '../../shared/api'
import { MAX_FILES_PER_CALL } from '../../shared/limits'
import type { Result } from '../../shared/result'
import { api, article, file, ids, useFreshService, utf8, valueOf } from './library.test-support'

useFreshService()

/** Calls a method with arguments the types would not allow, as a renderer or HTTP client could. */
const callLoosely = (method: keyof DossierApi, args: unknown[]): Promise<Result<unknown>> =>
  (api[method] as unknown as (...a: unknown[]) => Promise<Result<unknown>>)(...args)

const pollution = (): Record<string, unknown> => JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>
const HUGE = 'x'.repeat(1_000_000)

const BAD_CALLS: [keyof DossierApi, unknown[]][] = [
  ['listArticles', ['extra']],
  ['listTrash', [null]],
  ['getPreferences', [{}]],
  ...(['getArticle', 'deleteArticle', 'restoreArticle', 'purgeArticle', 'getReadingPosition', 'cancelJob'] as const).flatMap(
    (method): [keyof DossierApi, unknown[]][] => [
      [method, []],
      [method, [null]],
      [method, [undefined]],
      [method, [42]],
      [method, [['abc']]],
      [method, [{ id: 'abc' }]],
      [method, ['']],
      [method, ['../x']],
      [method, ['..\\x']],
      [method, ['/etc/passwd']],
      [method, ['a/b']],
      [method, ['a.b']],
      [method, ['abc\u0000']],
      [method, ['abc def']],
      [method, ['x'.repeat(65)]],
      [method, [HUGE]],
      [method, ['abc', 'extra']],
    ],
  ),
  ['importFiles', []],
  ['importFiles', [null]],
  ['importFiles', [[]]],
  ['importFiles', ['a.txt']],
  ['importFiles', [{ name: 'a.txt', data: utf8('x') }]],
  ['importFiles', [[{ name: 'a.txt' }]]],
  ['importFiles', [[{ name: 'a.txt', data: 'plain text, not bytes' }]]],
  ['importFiles', [[{ name: 'a.txt', data: [104, 105] }]]],
  ['importFiles', [[{ name: 'a.txt', data: new ArrayBuffer(4) }]]],
  ['importFiles', [[{ name: 'a.txt', data: { $bytes: 'aGk=' } }]]],
  ['importFiles', [[{ name: '', data: utf8('x') }]]],
  ['importFiles', [[{ name: 5, data: utf8('x') }]]],
  ['importFiles', [[{ name: 'x'.repeat(1025), data: utf8('x') }]]],
  ['importFiles', [[null]]],
  ['importFiles', [Array.from({ length: MAX_FILES_PER_CALL + 1 }, (_, i) => file(`f${i}.txt`, article(`Title ${i}`)))]],
  ['importFiles', [[file('a.txt', 'x')], { jobId: '../job' }]],
  ['importFiles', [[file('a.txt', 'x')], { jobId: 'ok', extra: true }]],
  ['importFiles', [[file('a.txt', 'x')], 'job']],
  ['importFiles', [[file('a.txt', 'x')], pollution()]],
  ['updateArticle', ['abc']],
  ['updateArticle', ['abc', null]],
  ['updateArticle', ['abc', { title: 5 }]],
  ['updateArticle', ['abc', { title: HUGE }]],
  ['updateArticle', ['abc', { addedAt: '2020-01-01' }]],
  ['updateArticle', ['abc', { id: 'other' }]],
  ['updateArticle', ['abc', { wordCount: 1 }]],
  ['updateArticle', ['abc', { url: 'javascript:alert(1)' }]],
  ['updateArticle', ['abc', { url: 'file:///etc/passwd' }]],
  ['updateArticle', ['abc', { url: 'https://bank.example@evil.example/login' }]],
  ['updateArticle', ['abc', { url: 'https://user:secret@example.org/' }]],
  ['updateArticle', ['abc', { url: 'https://example.org/a\tb' }]],
  ['updateArticle', ['abc', { url: `https://example.org/${'a'.repeat(2_100)}` }]],
  ['updateArticle', ['abc', { tags: 'one' }]],
  ['updateArticle', ['abc', { tags: [1, 2] }]],
  ['updateArticle', ['abc', { tags: Array.from({ length: 201 }, (_, i) => `t${i}`) }]],
  ['updateArticle', ['abc', pollution()]],
  ['updateArticle', ['abc', JSON.parse('{"constructor": {"prototype": {"polluted": true}}}') as unknown]],
  ['updateArticle', ['../abc', { title: 'x' }]],
  ['setReadingPosition', ['abc']],
  ['setReadingPosition', ['abc', { blockId: 'b0' }]],
  ['setReadingPosition', ['abc', { blockId: 'b0', fraction: 2 }]],
  ['setReadingPosition', ['abc', { blockId: 'b0', fraction: -0.1 }]],
  ['setReadingPosition', ['abc', { blockId: 'b0', fraction: Number.NaN }]],
  ['setReadingPosition', ['abc', { blockId: 'b0', fraction: Number.POSITIVE_INFINITY }]],
  ['setReadingPosition', ['abc', { blockId: 'b0', fraction: '0.5' }]],
  ['setReadingPosition', ['abc', { blockId: HUGE, fraction: 0.5 }]],
  ['setReadingPosition', ['abc', { blockId: 'b0', fraction: 0.5, updatedAt: '2020' }]],
  ['setPreferences', []],
  ['setPreferences', [null]],
  ['setPreferences', [{ theme: 'neon' }]],
  ['setPreferences', [{ fontSize: 1000 }]],
  ['setPreferences', [{ fontSize: 18.5 }]],
  ['setPreferences', [{ lineWidth: 'wide' }]],
  ['setPreferences', [{ userName: HUGE }]],
  ['setPreferences', [{ admin: true }]],
  ['setPreferences', [pollution()]],
]

describe('every method refuses bad arguments with a typed result', () => {
  it.each(BAD_CALLS.map(([method, args], index) => [index, method, args] as const))('#%i %s refuses its bad arguments', async (_index, method, args) => {
    const before = await ids()
    const result = await callLoosely(method, args)
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('invalid-argument')
      expect(result.error.message.length).toBeLessThan(2000)
    }
    expect(await ids()).toEqual(before)
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'aux', 'NUL', 'com1'])('refuses the reserved name "%s" as an id, not a crash', async (id) => {
    for (const method of ['getArticle', 'deleteArticle', 'restoreArticle', 'purgeArticle', 'getReadingPosition'] as const) {
      const result = await api[method](id)
      expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument', message: expect.stringMatching(/not a valid id/) } })
    }
    const update = await api.updateArticle(id, { title: 'x' })
    expect(update).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
  })

  it('refuses a file that carries a path beside its bytes, and imports nothing', async () => {
    const before = valueOf(await api.listArticles()).length
    const result = await callLoosely('importFiles', [[{ name: 'slipped.txt', data: utf8(article('Slipped Path')), path: '/etc/passwd' }]])
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(valueOf(await api.listArticles())).toHaveLength(before)
  })

  it('refuses an empty title as invalid-argument and keeps the old one', async () => {
    const [id] = await ids()
    const result = await api.updateArticle(id!, { title: '   ' })
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } })
    expect(valueOf(await api.getArticle(id!)).title).toBe('Welcome to Dossier')
  })
})
