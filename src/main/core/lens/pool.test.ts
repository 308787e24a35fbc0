import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { AnalysisPool } from './pool'

const fixture = readFileSync(join(__dirname, '../../../test-support/fixtures/pakistan-ttp-challenge.txt'), 'utf8')
const pools: AnalysisPool[] = []
const pool = (options: ConstructorParameters<typeof AnalysisPool>[0] = {}): AnalysisPool => {
  const made = new AnalysisPool(options)
  pools.push(made)
  return made
}

afterEach(async () => {
  for (const made of pools.splice(0)) await made.close()
})

describe('AnalysisPool', { timeout: 120_000 }, () => {
  it('analyses an article in the worker thread', async () => {
    const analysis = await pool().analyse({ text: fixture, publishedAt: '2024-12-27' })
    expect(analysis.quotes.find((q) => q.text.startsWith('The Islamic Emirate'))?.speaker?.name).toBe('Enayatullah Khowarazami')
    expect(analysis.groups.some((g) => g.contested)).toBe(true)
  })

  it('refuses an article past its time limit and analyses the next in a fresh worker', async () => {
    const analyser = pool({ timeLimitMs: 1 })
    const long = Array.from({ length: 3000 }, (_, i) => `Officials said ${i} people were moved on Tuesday.`).join('\n\n')
    await expect(analyser.analyse({ text: long })).rejects.toThrow(/longer than/)
    const relaxed = pool()
    await expect(relaxed.analyse({ text: 'Mayor Ana Ruiz said the bridge will reopen.' })).resolves.toMatchObject({ version: expect.any(Number) })
  })

  it('stops the analysis in hand when cancelled', async () => {
    const controller = new AbortController()
    const work = pool().analyse({ text: fixture }, controller.signal)
    controller.abort()
    await expect(work).rejects.toThrow(/cancelled/)
  })
})
