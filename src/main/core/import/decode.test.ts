import { describe, expect, it } from 'vitest'
import { decodeText, detectEncoding, looksBinary } from './decode'

const utf16 = (text: string, bigEndian: boolean, bom: boolean): Uint8Array => {
  const out: number[] = bom ? (bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]) : []
  for (const ch of text) {
    const c = ch.charCodeAt(0)
    out.push(...(bigEndian ? [c >> 8, c & 0xff] : [c & 0xff, c >> 8]))
  }
  return Uint8Array.from(out)
}

describe('decodeText', () => {
  it('decodes Windows-1252 accents and curly quotes instead of garbling them', () => {
    // "café “quoted” – done" as Windows-1252 bytes
    const bytes = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x75, 0x6f, 0x74, 0x65, 0x64, 0x94, 0x20, 0x96, 0x20, 0x64, 0x6f, 0x6e, 0x65])
    expect(detectEncoding(bytes).encoding).toBe('windows-1252')
    expect(decodeText(bytes)).toBe('café “quoted” – done')
  })

  it('decodes UTF-16 LE and BE with a byte-order mark and drops the mark', () => {
    expect(decodeText(utf16('Résumé “x”', false, true))).toBe('Résumé “x”')
    expect(decodeText(utf16('Résumé “x”', true, true))).toBe('Résumé “x”')
  })

  it('recognises UTF-16 LE text that has no byte-order mark', () => {
    expect(decodeText(utf16('Plain English text here', false, false))).toBe('Plain English text here')
  })

  it('keeps valid UTF-8 as UTF-8 and strips its BOM', () => {
    const bytes = new TextEncoder().encode('\uFEFFcafé ✓')
    expect(detectEncoding(bytes)).toEqual({ encoding: 'utf-8', bomLength: 3 })
    expect(decodeText(bytes)).toBe('café ✓')
  })
})

describe('looksBinary', () => {
  it('flags text with NUL bytes or many control codes, and passes ordinary text with tabs and line ends', () => {
    expect(looksBinary('abc\u0000def')).toBe(true)
    expect(looksBinary('\u0001\u0002\u0003\u0004abc')).toBe(true)
    expect(looksBinary('Name\tValue\r\nOne\t1\n')).toBe(false)
  })
})
