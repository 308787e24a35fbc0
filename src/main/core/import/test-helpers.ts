// Shared by the importer tests: read fixtures, run an import and collect its failure.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { DossierFailure } from '../../../shared/result'
import type { ImportedDocument } from '../../../shared/types'
import { importDocument, type ImportContext } from './index'

export const fixturePath = (name: string): string => join(__dirname, 'fixtures', name)
export const readFixture = (name: string): Uint8Array => new Uint8Array(readFileSync(fixturePath(name)))
export const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)

export function importText(name: string, text: string, context?: ImportContext): Promise<ImportedDocument> {
  return importDocument({ name, data: utf8(text) }, context)
}

/** The DossierFailure an import rejects with; fails the test if it resolves or throws anything else. */
export async function failureOf(promise: Promise<unknown>): Promise<DossierFailure> {
  try {
    await promise
  } catch (error) {
    if (error instanceof DossierFailure) return error
    throw new Error(`expected a DossierFailure, got ${String(error)}`, { cause: error })
  }
  throw new Error('expected the import to fail, but it succeeded')
}

export const textsOf = (doc: ImportedDocument, type?: string): string[] =>
  doc.blocks.filter((b) => type === undefined || b.type === type).map((b) => b.text)
