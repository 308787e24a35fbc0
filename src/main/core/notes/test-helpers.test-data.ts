// Shared set-up for the notes store tests: a temporary archive folder, a clock
// the test moves, and the fixture report's plain text.

import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach } from 'vitest'
import { plainText } from '../../../shared/anchoring'
import { REPORT_BLOCKS } from '../../../shared/anchoring/fixture.test-data'
import { NotesStore, type NotesStoreOptions } from './notes-store'

export const REPORT = plainText(REPORT_BLOCKS)
export const OTHER = 'Kabul, Wednesday. Officials said at least 46 people died, contradicting Islamabad, which said over 30 militants.'

const folders: string[] = []
const stores: NotesStore[] = []
afterEach(async () => {
  // Background backups must finish before their folder goes.
  await Promise.all(stores.splice(0).map((store) => store.close()))
  await Promise.all(folders.splice(0).map((dir) => rm(dir, { recursive: true, force: true })))
})

/** NotesStore.open, closed after the test. */
export async function openNotes(dir: string, options?: NotesStoreOptions): ReturnType<typeof NotesStore.open> {
  const opened = await NotesStore.open(dir, options)
  stores.push(opened.store)
  return opened
}

export async function tempArchive(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'dossier-notes-'))
  folders.push(dir)
  return dir
}

export class TestClock {
  private at = Date.parse('2025-03-01T09:00:00.000Z')
  readonly now = (): Date => new Date(this.at)
  advance(ms: number): void {
    this.at += ms
  }
}

/** The range of the n-th occurrence of `phrase` in `text`. */
export function rangeOf(text: string, phrase: string, occurrence = 0): { start: number; end: number } {
  let at = -1
  for (let i = 0; i <= occurrence; i++) at = text.indexOf(phrase, at + 1)
  if (at < 0) throw new Error(`fixture lacks "${phrase}"`)
  return { start: at, end: at + phrase.length }
}
