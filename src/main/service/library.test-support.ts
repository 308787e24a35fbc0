// Helpers shared by the library service's test files.

import type { ImportFile } from '../../shared/api'
import type { Result } from '../../shared/result'

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
export const file = (name: string, text: string): ImportFile => ({ name, data: utf8(text) })
export const article = (title: string, body = 'A paragraph long enough to be an article body about the matter at hand.'): string => `${title}\n\n${body}\n`

export function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}
