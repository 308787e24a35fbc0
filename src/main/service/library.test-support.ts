// Helpers shared by the library service's test files.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach } from 'vitest'
import type { DossierApi, ImportFile } from '../../shared/api'
import type { Result } from '../../shared/result'
import { openService, type DossierService } from '.'

export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
export const file = (name: string, text: string): ImportFile => ({ name, data: utf8(text) })
export const article = (title: string, body = 'A paragraph long enough to be an article body about the matter at hand.'): string => `${title}\n\n${body}\n`

export function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}

export let dir: string
export let service: DossierService
export let api: DossierApi

/** Each test of the calling file gets a service over a fresh archive. */
export function useFreshService(): void {
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dossier-service-'))
    service = await openService(dir)
    api = service.api
  })

  afterEach(async () => {
    await service.close()
    await rm(dir, { recursive: true, force: true })
  })
}

/** Closes the service and opens the same archive again, as a restart would. */
export async function reopenService(): Promise<void> {
  await service.close()
  service = await openService(dir)
  api = service.api
}

export const ids = async (): Promise<string[]> => valueOf(await api.listArticles()).map((meta) => meta.id)
