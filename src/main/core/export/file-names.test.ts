import { describe, expect, it } from 'vitest'
import { FileNamer, MAX_NAME_CHARS, safeFileStem } from './file-names'

describe('safeFileStem', () => {
  it('removes path separators so a title can never escape the export folder', () => {
    expect(safeFileStem('../../etc/passwd')).toBe('etc passwd')
    expect(safeFileStem('a\\b/c')).toBe('a b c')
  })

  it('replaces characters Windows forbids and control characters', () => {
    expect(safeFileStem('What? A "quote": <x> | y*\u0000z')).toBe('What A quote x y z')
  })

  it('suffixes Windows reserved names', () => {
    expect(safeFileStem('CON')).toBe('CON_')
    expect(safeFileStem('lpt1')).toBe('lpt1_')
    expect(safeFileStem('Conference')).toBe('Conference')
  })

  it('drops leading and trailing dots and falls back to Untitled for an empty title', () => {
    expect(safeFileStem('...hidden.')).toBe('hidden')
    expect(safeFileStem('  ///  ')).toBe('Untitled')
    expect(safeFileStem('')).toBe('Untitled')
  })

  it('never starts a name with -, =, + or @, which read as an option or a formula', () => {
    expect(safeFileStem('-rf /')).toBe('rf')
    expect(safeFileStem('=SUM(A1)')).toBe('SUM(A1)')
    expect(safeFileStem('+1 for storage')).toBe('1 for storage')
    expect(safeFileStem('@home')).toBe('home')
    expect(safeFileStem(' .-=+@ x')).toBe('x')
    expect(safeFileStem('\u200B-x')).toBe('x')
    expect(safeFileStem('--')).toBe('Untitled')
    expect(safeFileStem('a-b=c')).toBe('a-b=c')
  })

  it('caps long titles without splitting a character', () => {
    const stem = safeFileStem('😀'.repeat(300))
    expect([...stem]).toHaveLength(MAX_NAME_CHARS)
    expect(stem).toBe('😀'.repeat(MAX_NAME_CHARS))
  })
})

describe('FileNamer', () => {
  it('numbers names that collide, ignoring case', () => {
    const namer = new FileNamer()
    expect(namer.name('Report', 'md')).toBe('Report.md')
    expect(namer.name('report', 'md')).toBe('report (2).md')
    expect(namer.name('Report', 'md')).toBe('Report (3).md')
    expect(namer.name('Report', 'csv')).toBe('Report.csv')
  })
})
