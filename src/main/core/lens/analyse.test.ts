import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { analyseArticle, MAX_ANALYSED_CHARS } from './analyse'
import { MAX_ENTITIES } from './entities'
import { MAX_FIGURES } from './figures'
import { MAX_QUOTES } from './quotes'
import { ANALYSER_VERSION } from './types'

const fixture = readFileSync(join(__dirname, '../../../test-support/fixtures/pakistan-ttp-challenge.txt'), 'utf8')
const analysis = analyseArticle({ text: fixture, publishedAt: '2024-12-27' })

const quoteStarting = (start: string) => analysis.quotes.find((q) => q.kind === 'direct' && q.text.startsWith(start))

describe('analyseArticle on the fixture', () => {
  it('attributes the five direct quotations to their speakers, "he added" to the one before', () => {
    expect(quoteStarting('cowardly act')?.speaker?.name).toBe('AIG')
    expect(quoteStarting('The Pakistani side')?.speaker?.name).toBe('Enayatullah Khowarazami')
    expect(quoteStarting('The Islamic Emirate')?.speaker?.name).toBe('Enayatullah Khowarazami')
    expect(quoteStarting('The TTP, with 6,000')?.speaker?.name).toBe('Usman Iqbal Jadoon')
    expect(quoteStarting('Afghanistan, under Taliban rule')?.speaker?.name).toBe('Sami Yousafzai')
    expect(analysis.quotes.filter((q) => q.kind === 'direct')).toHaveLength(5)
  })

  it('gives the speaker the role the article states', () => {
    expect(quoteStarting('The Pakistani side')?.speaker?.role).toBe('spokesperson for Afghanistan’s Defence Ministry')
    expect(quoteStarting('The TTP, with 6,000')?.speaker?.role).toBe('Pakistani diplomat')
  })

  it('tells reported speech from direct quotation', () => {
    const reported = analysis.quotes.filter((q) => q.kind === 'reported')
    expect(reported.find((q) => q.text.startsWith('thousands of TTP fighters'))?.speaker?.name).toBe('Pakistan')
    expect(reported.find((q) => q.text.startsWith('at least 46 people'))?.speaker?.name).toMatch(/Taliban spokesperson/)
  })

  it('anchors every item on the exact text it names', () => {
    const items = [...analysis.quotes.map((q) => q.target), ...analysis.figures.map((f) => f.target), ...analysis.events.map((e) => e.target), ...analysis.entities.flatMap((e) => e.mentions)]
    expect(items.length).toBeGreaterThan(50)
    for (const t of items) expect(fixture.slice(t.position.start, t.position.end)).toBe(t.quote.exact)
  })

  it('flags the Taliban count (at least 46) against Pakistan’s (over 30) as contested', () => {
    const f46 = analysis.figures.find((f) => f.value === 46)!
    const f30 = analysis.figures.find((f) => f.value === 30)!
    expect(f46.qualifier).toBe('at least')
    expect(f30.qualifier).toBe('over')
    expect(f46.source?.name).toMatch(/Taliban spokesperson/)
    const group = analysis.groups.find((g) => g.figureIds.includes(f46.id))
    expect(group?.figureIds).toContain(f30.id)
    expect(group?.contested).toBe(true)
  })

  it('credits figures to their sources: "according to", "X reported", a quote’s speaker', () => {
    expect(analysis.figures.find((f) => f.value === 570)?.source?.name).toMatch(/Interior Ministry/)
    expect(analysis.figures.find((f) => f.value === 856)?.source?.name).toMatch(/PICSS/)
    expect(analysis.figures.find((f) => f.value === 6000)?.source?.name).toBe('Usman Iqbal Jadoon')
    expect(analysis.figures.find((f) => f.text === '$54 million')).toMatchObject({ value: 54_000_000, unit: '$' })
  })

  it('keeps a breakdown out of the totals it breaks down', () => {
    expect(analysis.figures.find((f) => f.value === 15)?.part).toBe(true)
    const contested = analysis.groups.filter((g) => g.contested).flatMap((g) => g.figureIds)
    expect(contested).not.toContain(analysis.figures.find((f) => f.value === 15)!.id)
  })

  it('merges aliases: AIG with the Afghan Interim Government, PICSS with its full name', () => {
    const aig = analysis.entities.find((e) => e.name === 'Afghan Interim Government')
    expect(aig?.type).toBe('organization')
    expect(aig?.aliases).toContain('AIG')
    expect(analysis.entities.find((e) => e.aliases.includes('PICSS'))?.name).toBe('Pakistan Institute for Conflict and Security Studies')
    expect(analysis.entities.filter((e) => e.name === 'AIG')).toHaveLength(0)
  })

  it('finds the people compromise misses beside reporting verbs and roles', () => {
    const people = analysis.entities.filter((e) => e.type === 'person').map((e) => e.name)
    expect(people).toEqual(expect.arrayContaining(['Enayatullah Khowarazami', 'Usman Iqbal Jadoon', 'Sami Yousafzai']))
    expect(analysis.entities.find((e) => e.name === 'Paktika')?.type).toBe('place')
  })

  it('resolves dates against the publication date, with their precision', () => {
    const at = (text: string) => analysis.events.filter((e) => e.text === text).map((e) => e.date)
    expect(at('December 24')[0]).toEqual({ start: '2024-12-24', end: '2024-12-24', precision: 'day' })
    expect(at('March 2024')[0]).toEqual({ start: '2024-03-01', end: '2024-03-31', precision: 'month' })
    expect(at('1996–2001')[0]).toEqual({ start: '1996-01-01', end: '2001-12-31', precision: 'year' })
    expect(at('last week')[0]?.precision).toBe('approximate')
    expect(at('the previous year')[0]?.start).toBe('2023-01-01')
    expect(analysis.events.find((e) => e.text === 'December 24')?.event).toMatch(/Barmal district/)
    expect(analysis.version).toBe(ANALYSER_VERSION)
  })
})

describe('dates chrono misreads', () => {
  it('reads no weekday into "sat", "SAT" or "sun-drenched", and no date into durations, scores or 9/11', () => {
    const text = 'The committee sat for hours. He took the SAT twice. A sun-drenched square. The talks went on for two years. The final score was 15 - 1. After 9/11 the rules changed.'
    expect(analyseArticle({ text, publishedAt: '2024-05-10' }).events).toEqual([])
  })

  it('resolves a bare weekday to the one before publication, as past-tense news means', () => {
    const events = analyseArticle({ text: 'The minister resigned on Tuesday.', publishedAt: '2024-05-10' }).events
    expect(events.map((e) => e.date)).toEqual([{ start: '2024-05-07', end: '2024-05-07', precision: 'day' }])
  })

  it('leaves out relative dates when the article has no publication date', () => {
    const events = analyseArticle({ text: 'Talks began last week and resumed on Tuesday. The treaty was signed in 1996.' }).events
    expect(events.map((e) => e.text)).toEqual(['1996'])
  })
})

describe('quotations beyond the fixture', () => {
  it('carries an unattributed quote paragraph to the last speaker and reads straight quotes', () => {
    const text = '"We will rebuild the bridge," Mayor Ana Ruiz said on Monday.\n\n"It will take two years and cost $4 million."\n\nOther officials disagreed.'
    const quotes = analyseArticle({ text, publishedAt: '2024-05-10' }).quotes.filter((q) => q.kind === 'direct')
    expect(quotes.map((q) => q.speaker?.name)).toEqual(['Ana Ruiz', 'Ana Ruiz'])
  })

  it('takes a quote block’s speaker from the paragraph that introduces it', () => {
    const blocks = [
      { type: 'paragraph', text: 'In a statement, police chief Daniel Okoro wrote:' },
      { type: 'quote', text: 'The investigation remains open and we ask witnesses to come forward.' },
    ]
    const text = blocks.map((b) => b.text).join('\n\n')
    const quotes = analyseArticle({ text, blocks }).quotes.filter((q) => q.kind === 'direct')
    expect(quotes).toHaveLength(1)
    expect(quotes[0]?.speaker?.name).toBe('Daniel Okoro')
  })
})

describe('bad input stays bounded', () => {
  it('returns nothing for no text', () => {
    expect(analyseArticle({ text: '' })).toMatchObject({ entities: [], quotes: [], figures: [], events: [] })
    expect(analyseArticle({ text: ' \n\n ', publishedAt: 'not a date' }).quotes).toEqual([])
  })

  it('reads at most its limit of a megabyte of numbers, and caps the figures', () => {
    const text = Array.from({ length: 150_000 }, (_, i) => `${i} ${i % 7}`).join(' ')
    expect(text.length).toBeGreaterThan(1_000_000)
    const result = analyseArticle({ text })
    expect(result.truncated).toBe(true)
    expect(result.figures.length).toBeLessThanOrEqual(MAX_FIGURES)
    for (const f of result.figures) expect(f.target.position.end).toBeLessThanOrEqual(MAX_ANALYSED_CHARS)
  }, 120_000)

  it('drops a quote mark that never closes instead of quoting the rest of the article', () => {
    const text = 'The spokesman said: “This will never close, and everything after it is the article. ' + 'More words follow here. '.repeat(2000)
    const result = analyseArticle({ text })
    expect(result.quotes.filter((q) => q.kind === 'direct')).toEqual([])
  }, 120_000)

  it('caps ten thousand names', () => {
    const first = ['Ahmed', 'Maria', 'John', 'Li', 'Olga', 'Kwame', 'Priya', 'Tomas', 'Fatima', 'Hiro']
    const text = Array.from({ length: 10_000 }, (_, i) => `${first[i % 10]} Name${i.toString(36)} said.`).join(' ')
    const result = analyseArticle({ text })
    expect(result.entities.length).toBeLessThanOrEqual(MAX_ENTITIES)
    expect(result.quotes.length).toBeLessThanOrEqual(MAX_QUOTES)
  }, 120_000)
})
