import { describe, expect, it } from 'vitest'
import { brownArchive, brownTexts, detokenize, mixPlan, parseTagged, splitToken } from './brown'

// A tag as the corpus writes them, left behind after a word: "jury/nn", "Atlanta/np-tl", "said/vbd".
const TAG_RESIDUE = /\p{L}\/(?:at|nns?|nps?\$?|vb[dgnz]?|jj[rst]?|in|cc|cs|rb|cd|pps|ppo|md|be[dnz]?|hv[dz]?|to|wdt|dt|ap|ql)(?:-tl|-hl)?(?=\s|$)/u

describe('the Brown corpus as articles', () => {
  it('strips tags, rebuilds quotes and punctuation, and capitalises a sentence that starts in lower case', () => {
    const sentence = 'however/wrb ,/, the/at jury/nn said/vbd ``/`` no/at evidence/nn \'\'/\'\' was/bedz found/vbn in/in 1-1/2/cd hours/nns ./.'.split(' ').map(splitToken)
    expect(detokenize(sentence)).toBe('However, the jury said "no evidence" was found in 1-1/2 hours.')
  })

  it('reads a line opening with a tab as a new paragraph and leaves headlines out', () => {
    const file = '\n\n\tThe/at jury/nn met/vbd ./.\nIt/pps adjourned/vbd ./.\n\n\nMerger/nn-hl proposed/vbn-hl\n\tA/at second/od paragraph/nn ./.\n'
    expect(parseTagged(file).paragraphs).toEqual(['The jury met. It adjourned.', 'A second paragraph.'])
  })

  it('parses all 500 texts with no tag left in any paragraph', () => {
    const texts = brownTexts()
    expect(texts).toHaveLength(500)
    const residue = texts.flatMap((t) => t.paragraphs).filter((p) => TAG_RESIDUE.test(p))
    expect(residue.slice(0, 3)).toEqual([])
    expect(TAG_RESIDUE.test('The jury/nn said')).toBe(true)
  })

  it('builds the same articles for the same seed and different ones for another', () => {
    const a = brownArchive(40, 7)
    expect(brownArchive(40, 7)).toEqual(a)
    expect(brownArchive(40, 8).map((x) => x.text)).not.toEqual(a.map((x) => x.text))
    for (const article of a) {
      expect(article.title.length).toBeGreaterThan(0)
      expect(article.byline).toMatch(/^\S+ \S+$/)
      expect(article.source).toBeDefined()
      expect(article.tags).toHaveLength(1)
      expect(article.wordCount).toBeGreaterThanOrEqual(700)
      expect(article.text).toBe(article.blocks.map((b) => b.text).join('\n\n'))
    }
  })

  it('mixes paragraphs of every text, neighbours from different texts', () => {
    const texts = brownTexts()
    const plan = mixPlan(60, 3, texts)
    const used = new Set(plan.flat().map(([t]) => t))
    expect(used.size).toBe(texts.length)
    for (const refs of plan) for (let i = 1; i < refs.length; i++) expect(refs[i]![0]).not.toBe(refs[i - 1]![0])
  })
})
