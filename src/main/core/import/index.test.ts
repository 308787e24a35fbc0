import { describe, expect, it } from 'vitest'
import { MAX_IMPORT_BYTES, MAX_TEXT_IMPORT_BYTES } from '../../../shared/limits'
import { describeFormat, importDocument } from './index'
import { failureOf, importText, utf8 } from './test-helpers'

describe('importDocument: bad input is refused with a reason that names the file', () => {
  it('refuses an empty file', async () => {
    const failure = await failureOf(importDocument({ name: 'notes.txt', data: new Uint8Array() }))
    expect(failure.code).toBe('empty-file')
    expect(failure.file).toBe('notes.txt')
    expect(failure.message).toContain('notes.txt is empty')
  })

  it('refuses a whitespace-only file as empty', async () => {
    const failure = await failureOf(importText('blank.md', ' \n\t\r\n  \n'))
    expect(failure.code).toBe('empty-file')
    expect(failure.message).toMatch(/^blank\.md /)
  })

  it('refuses a PNG named .txt, saying what it really is', async () => {
    const png = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])
    const failure = await failureOf(importDocument({ name: 'article.txt', data: png }))
    expect(failure.code).toBe('unsupported-format')
    expect(failure.message).toContain('article.txt is a PNG image')
  })

  it('refuses a ZIP and a Windows executable whatever their names', async () => {
    const zip = await failureOf(importDocument({ name: 'a.md', data: Uint8Array.from([0x50, 0x4b, 3, 4, 20, 0]) }))
    const exe = await failureOf(importDocument({ name: 'b.txt', data: Uint8Array.from([0x4d, 0x5a, 0x90, 0, 3, 0]) }))
    expect([zip.code, exe.code]).toEqual(['unsupported-format', 'unsupported-format'])
    expect(exe.message).toContain('Windows program')
  })

  it('refuses unknown binary content as binary-file', async () => {
    const data = Uint8Array.from({ length: 600 }, (_, i) => (i * 7919) % 256)
    const failure = await failureOf(importDocument({ name: 'data.txt', data }))
    expect(failure.code).toBe('binary-file')
  })

  it('refuses text with an extension Dossier does not import', async () => {
    const failure = await failureOf(importText('table.csv', 'a,b\n1,2\n'))
    expect(failure.code).toBe('unsupported-format')
    expect(failure.message).toContain('table.csv is a .csv file')
  })

  it('refuses files over the size limits, stating the limit', async () => {
    const huge = new Uint8Array(MAX_IMPORT_BYTES + 1)
    huge.set(utf8('%PDF-1.7\n'))
    const tooBig = await failureOf(importDocument({ name: 'big.pdf', data: huge }))
    expect(tooBig.code).toBe('too-large')
    expect(tooBig.message).toContain('64 MB')
    const text = new Uint8Array(MAX_TEXT_IMPORT_BYTES + 1).fill(0x61)
    const tooMuchText = await failureOf(importDocument({ name: 'long.txt', data: text }))
    expect(tooMuchText.code).toBe('too-large')
    expect(tooMuchText.message).toContain('16 MB')
  })

  it('refuses a .pdf that is not a PDF as damaged', async () => {
    const failure = await failureOf(importText('report.pdf', 'just some words'))
    expect(failure.code).toBe('parse-failed')
    expect(failure.message).toContain('report.pdf')
  })

  it('refuses text that is nothing but site boilerplate as having no article text', async () => {
    const failure = await failureOf(importText('c.txt', 'Add a Comment\n\nYour email address will not be published. Required fields are marked *\n'))
    expect(failure.code).toBe('no-text')
  })
})

describe('describeFormat: content first, extension second', () => {
  it('sees a PDF named .txt as a PDF', () => {
    expect(describeFormat('report.txt', utf8('%PDF-1.4\n1 0 obj'))).toBe('pdf')
  })

  it('sees an HTML page named .md or .txt as HTML', () => {
    expect(describeFormat('page.md', utf8('<!DOCTYPE html><html><body><p>x</p></body></html>'))).toBe('html')
    expect(describeFormat('page.txt', utf8('\n  <html lang="en"><head><title>t</title></head></html>'))).toBe('html')
  })

  it('trusts the extension for text that is not HTML, and has no answer for refused files', () => {
    expect(describeFormat('notes.md', utf8('# Notes'))).toBe('markdown')
    expect(describeFormat('notes.txt', utf8('# Notes'))).toBe('text')
    expect(describeFormat('README', utf8('Plain words'))).toBe('text')
    expect(describeFormat('notes.txt', new Uint8Array())).toBeUndefined()
    expect(describeFormat('x.png', Uint8Array.from([0x89, 0x50, 0x4e, 0x47]))).toBeUndefined()
  })
})

describe('importDocument: encodings', () => {
  it('imports a Windows-1252 text with its accents and curly quotes intact', async () => {
    const bytes = Uint8Array.from([...utf8('Caf'), 0xe9, ...utf8(' society\n\nThey said '), 0x93, ...utf8('no'), 0x94, ...utf8(' to the caf'), 0xe9, 0x2e])
    const doc = await importDocument({ name: 'cafe.txt', data: bytes })
    expect(doc.title).toBe('Café society')
    expect(doc.blocks[0]?.text).toBe('They said “no” to the café.')
  })

  it('imports a UTF-16 LE text with a BOM', async () => {
    const text = 'Résumé of events\n\nThe naïve plan failed.'
    const bytes = new Uint8Array(2 + text.length * 2)
    bytes.set([0xff, 0xfe])
    for (let i = 0; i < text.length; i++) bytes.set([text.charCodeAt(i) & 0xff, text.charCodeAt(i) >> 8], 2 + i * 2)
    const doc = await importDocument({ name: 'utf16.txt', data: bytes })
    expect(doc.title).toBe('Résumé of events')
    expect(doc.blocks.map((b) => b.text)).toEqual(['The naïve plan failed.'])
  })
})
