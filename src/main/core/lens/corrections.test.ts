import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyseArticle } from './analyse'
import { applyCorrections } from './corrections'

const fixture = readFileSync(join(__dirname, '../../../test-support/fixtures/pakistan-ttp-challenge.txt'), 'utf8')
const analysis = analyseArticle({ text: fixture, publishedAt: '2024-12-27' })
const byName = (a: typeof analysis, name: string) => a.entities.find((e) => e.name === name)

describe('applyCorrections', () => {
  it('renames an entity and carries the new name to its quotations', () => {
    const fixed = applyCorrections(analysis, [{ kind: 'rename', entity: 'Usman Iqbal Jadoon', name: 'Usman Jadoon' }])
    expect(byName(fixed, 'Usman Jadoon')?.aliases).toContain('Usman Iqbal Jadoon')
    expect(fixed.quotes.find((q) => q.text.startsWith('The TTP, with 6,000'))?.speaker?.name).toBe('Usman Jadoon')
    expect(fixed.figures.find((f) => f.value === 6000)?.source?.name).toBe('Usman Jadoon')
  })

  it('changes a wrong type', () => {
    expect(byName(analysis, 'Paktika')?.type).toBe('place')
    const fixed = applyCorrections(analysis, [{ kind: 'retype', entity: 'Paktika', type: 'organization' }])
    expect(byName(fixed, 'Paktika')?.type).toBe('organization')
  })

  it('dismisses a false entity and drops it as a speaker', () => {
    const fixed = applyCorrections(analysis, [{ kind: 'dismiss', entity: 'Sami Yousafzai' }])
    expect(byName(fixed, 'Sami Yousafzai')).toBeUndefined()
    expect(fixed.quotes.find((q) => q.text.startsWith('Afghanistan, under Taliban rule'))?.speaker).toBeUndefined()
  })

  it('merges two entities, the mentions and counts of both kept', () => {
    const kabul = byName(analysis, 'Kabul')!
    const islamabad = byName(analysis, 'Islamabad')!
    const fixed = applyCorrections(analysis, [{ kind: 'merge', entity: 'Islamabad', into: 'Kabul' }])
    expect(byName(fixed, 'Islamabad')).toBeUndefined()
    expect(byName(fixed, 'Kabul')).toMatchObject({ count: kabul.count + islamabad.count, aliases: expect.arrayContaining(['Islamabad']) })
  })

  it('splits an alias back out with its own mentions', () => {
    const aig = byName(analysis, 'Afghan Interim Government')!
    const fixed = applyCorrections(analysis, [{ kind: 'split', entity: 'Afghan Interim Government', alias: 'AIG' }])
    const split = byName(fixed, 'AIG')!
    expect(split.mentions.every((m) => m.quote.exact === 'AIG')).toBe(true)
    expect(split.count + byName(fixed, 'Afghan Interim Government')!.count).toBe(aig.count)
    expect(byName(fixed, 'Afghan Interim Government')!.aliases).not.toContain('AIG')
  })

  it('survives re-analysis: corrections name entities, not ids, and skip what is absent', () => {
    const corrections = [{ kind: 'rename', entity: 'Sami Yousafzai', name: 'Sami Yusufzai' }, { kind: 'dismiss', entity: 'Nobody Here' }] as const
    const again = analyseArticle({ text: fixture, publishedAt: '2024-12-27' })
    expect(byName(applyCorrections(again, corrections), 'Sami Yusufzai')).toBeDefined()
    expect(applyCorrections(again, corrections).entities).toHaveLength(again.entities.length)
  })
})
