import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DossierFailure } from '../../../shared/result'
import { exportJson } from '../export/json-ld'
import { OPTIONS, sampleSelection } from '../export/test-fixtures'
import { MAX_SHARE_BYTES, parseSharedNotes } from './parse-shared-notes'

/** A notes file as Dossier wrote it before format 2 (a `dossier` block outside the @context), made from the sample notebook. */
const V1_FILE = readFileSync(join(__dirname, '../../../test-support/fixtures/dossier-notes-v1.json'), 'utf8')

const encode = (value: unknown): Uint8Array => new TextEncoder().encode(typeof value === 'string' ? value : JSON.stringify(value))

async function exported(): Promise<Record<string, unknown> & { first: { items: Record<string, unknown>[] }; articles: Record<string, unknown>[] }> {
  const file = await exportJson(sampleSelection(), OPTIONS)
  return JSON.parse(file.data as string)
}

function failure(run: () => unknown): DossierFailure {
  try {
    run()
  } catch (error) {
    if (error instanceof DossierFailure) return error
    throw error
  }
  throw new Error('expected a DossierFailure')
}

describe('parseSharedNotes', () => {
  it('reads back every annotation and link of an export exactly', async () => {
    const selection = sampleSelection()
    const parsed = parseSharedNotes(encode(await exported()), 'notes.json')
    expect(parsed.skipped).toEqual([])
    expect(parsed.formatVersion).toBe(2)
    expect(parsed.articles.map((a) => a.id).sort()).toEqual(selection.articles.map((a) => a.id).sort())
    expect(new Set(parsed.annotations)).toEqual(new Set(selection.annotations))
    expect(new Set(parsed.links)).toEqual(new Set(selection.links))
    expect(parsed.referencedArticles).toEqual([{ id: 'art-outside', title: 'An article left out' }])
  })

  it('reads a file of the old format 1 to the same notes as the new format', async () => {
    const selection = sampleSelection()
    const old = parseSharedNotes(encode(V1_FILE), 'old.json')
    const current = parseSharedNotes(encode(await exported()), 'new.json')
    expect(old.skipped).toEqual([])
    expect(old.formatVersion).toBe(1)
    expect(old.exportedAt).toBe(current.exportedAt)
    expect(old.appVersion).toBe(current.appVersion)
    expect(old.articles).toEqual(current.articles)
    expect(old.referencedArticles).toEqual(current.referencedArticles)
    expect(new Set(old.annotations)).toEqual(new Set(selection.annotations))
    expect(new Set(old.links)).toEqual(new Set(selection.links))
  })

  it('refuses a truncated file, naming it and saying it looks truncated', async () => {
    const text = JSON.stringify(await exported())
    const error = failure(() => parseSharedNotes(encode(text.slice(0, text.length / 2)), 'half.json'))
    expect(error.code).toBe('parse-failed')
    expect(error.file).toBe('half.json')
    expect(error.message).toMatch(/half\.json.*truncated/)
  })

  it('refuses an empty file, a binary file and JSON that is not a Dossier export', () => {
    expect(failure(() => parseSharedNotes(new Uint8Array(), 'e.json')).code).toBe('empty-file')
    expect(failure(() => parseSharedNotes(new Uint8Array([0xff, 0xfe, 0x00, 0x81]), 'b.json')).message).toMatch(/b\.json is not UTF-8/)
    const foreign = failure(() => parseSharedNotes(encode({ type: 'AnnotationCollection', items: [] }), 'other.json'))
    expect(foreign.code).toBe('unsupported-format')
    expect(foreign.message).toMatch(/other\.json is not a Dossier notes export/)
    expect(failure(() => parseSharedNotes(encode('null'), 'n.json')).code).toBe('unsupported-format')
  })

  it('refuses a file from a newer format, naming both versions', async () => {
    const doc = await exported()
    doc.formatVersion = 7
    const error = failure(() => parseSharedNotes(encode(doc), 'future.json'))
    expect(error.code).toBe('unsupported-format')
    expect(error.message).toMatch(/future\.json.*format 7.*format 2/)
    const old = JSON.parse(V1_FILE) as { dossier: { formatVersion: number } }
    old.dossier.formatVersion = 3
    expect(failure(() => parseSharedNotes(encode(old), 'future-v1.json')).message).toMatch(/format 3/)
  })

  it('refuses a file over the size cap before reading it', () => {
    const error = failure(() => parseSharedNotes(new Uint8Array(MAX_SHARE_BYTES + 1), 'huge.json'))
    expect(error.code).toBe('too-large')
    expect(error.message).toMatch(/huge\.json is 64\.0 MB/)
  })

  it('skips tampered items, saying which and why, and keeps the rest', async () => {
    const doc = await exported()
    const items = doc.first.items
    const a1 = items.find((i) => i.id === 'urn:dossier:annotation:a1') as Record<string, unknown>
    a1.created = 'yesterday'
    const a3 = items.find((i) => i.id === 'urn:dossier:annotation:a3') as Record<string, unknown>
    a3.color = 'octarine'
    const l1 = items.find((i) => i.id === 'urn:dossier:link:l1') as Record<string, unknown>
    l1.body = []
    items.push({ ...items[1] })
    items.push('not an object' as unknown as Record<string, unknown>)
    const parsed = parseSharedNotes(encode(doc), 'tampered.json')
    const reason = (kind: string, id: string | undefined): string =>
      parsed.skipped.find((s) => s.kind === kind && s.id === id)?.reason ?? 'not skipped'
    expect(parsed.skipped).toHaveLength(5)
    expect(reason('annotation', 'a1')).toMatch(/created/)
    expect(reason('annotation', 'a3')).toMatch(/color/)
    expect(reason('link', 'l1')).toMatch(/no passage/)
    expect(reason('annotation', 'a2')).toMatch(/twice/)
    expect(reason('annotation', undefined)).toMatch(/item 9 is not a valid annotation/)
    expect(parsed.annotations.map((a) => a.id).sort()).toEqual(['a2', 'a4'])
  })

  it('skips an article whose text no longer matches its content hash', async () => {
    const doc = await exported()
    const article = doc.articles[0] as { blocks: { text: string }[] }
    article.blocks[0] = { ...article.blocks[0], text: 'Rewritten by someone else.' }
    const parsed = parseSharedNotes(encode(doc), 'edited.json')
    expect(parsed.skipped).toHaveLength(1)
    expect(parsed.skipped[0]?.reason).toMatch(/content hash/)
    expect(parsed.articles).toHaveLength(2)
  })

  it('skips an annotation whose position lies beyond the text the file carries', async () => {
    const doc = await exported()
    const a4 = doc.first.items.find((i) => i.id === 'urn:dossier:annotation:a4') as { target: { selector: Record<string, unknown>[] } }
    a4.target.selector[1] = { type: 'TextPositionSelector', start: 10, end: 99_999 }
    const parsed = parseSharedNotes(encode(doc), 'moved.json')
    expect(parsed.skipped).toEqual([{ kind: 'annotation', id: 'a4', reason: expect.stringMatching(/past the end/) }])
    expect(parsed.annotations.map((a) => a.id).sort()).toEqual(['a1', 'a2', 'a3'])
  })
})
