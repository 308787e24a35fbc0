import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anchorTarget } from './anchor'
import { describeRange } from './describe'
import { REPORT_BLOCKS } from './fixture.test-data'
import { plainText } from './text-map'

const text = plainText(REPORT_BLOCKS)

function targetOf(source: string, phrase: string, occurrence = 0) {
  let at = -1
  for (let i = 0; i <= occurrence; i++) at = source.indexOf(phrase, at + 1)
  if (at < 0) throw new Error(`fixture lacks ${phrase}`)
  return { at, ...describeRange(source, at, at + phrase.length) }
}

describe('anchorTarget', () => {
  it('anchors by position when the text is unchanged', () => {
    const target = targetOf(text, 'at least 46 people')
    expect(anchorTarget(text, target)).toEqual({
      status: 'anchored',
      start: target.at,
      end: target.at + 'at least 46 people'.length,
      method: 'position',
    })
  })

  it('re-anchors by quote when text was inserted before the passage', () => {
    const target = targetOf(text, 'over 30 militants')
    const shifted = 'Updated at 09:00 with a statement from Islamabad.\n\n' + text
    const state = anchorTarget(shifted, target)
    expect(state).toMatchObject({ status: 'anchored', method: 'quote' })
    if (state.status !== 'anchored') return
    expect(shifted.slice(state.start, state.end)).toBe('over 30 militants')
  })

  it('re-anchors fuzzily when a word inside the quote was changed', () => {
    const phrase = 'at least 46 people were killed in Pakistani air strikes'
    const target = targetOf(text, phrase)
    const edited = text.replace('were killed', 'died')
    const state = anchorTarget(edited, target)
    expect(state).toMatchObject({ status: 'anchored', method: 'fuzzy' })
    if (state.status !== 'anchored') return
    expect(edited.slice(state.start, state.end)).toContain('46 people died in Pakistani air strikes')
  })

  it('picks the right copy of a repeated quote by its context', () => {
    const target = targetOf(text, 'the strikes continued until dawn', 1)
    // Remove the first copy's sentence opening so the second copy moves onto
    // other offsets; the stored position no longer holds the quote in context.
    const changed = text.replace('Residents said ', 'Witnesses told reporters that ')
    const state = anchorTarget(changed, target)
    expect(state.status).toBe('anchored')
    if (state.status !== 'anchored') return
    const second = changed.indexOf('the strikes continued until dawn', changed.indexOf('governor'))
    expect(state.start).toBe(second)
    // Without any stored position, context alone decides.
    expect(anchorTarget(changed, { quote: target.quote })).toMatchObject({ status: 'anchored', start: second })
    const first = targetOf(text, 'the strikes continued until dawn', 0)
    expect(anchorTarget(changed, { quote: first.quote })).toMatchObject({
      start: changed.indexOf('the strikes continued until dawn'),
    })
  })

  it('does not take another copy of a repeated quote that moved onto the old position', () => {
    const source = 'alpha said it. beta said it. end'
    const target = { ...describeRange(source, 20, 27) } // second "said it"
    const moved = 'Updated: ' + 'x'.repeat(5) + source // the first copy now sits at 20
    expect(moved.slice(20, 27)).toBe('said it')
    const state = anchorTarget(moved, target)
    expect(state).toMatchObject({ status: 'anchored' })
    if (state.status !== 'anchored') return
    expect(state.start).toBe(moved.lastIndexOf('said it'))
  })

  it('reports a passage that was removed as orphaned', () => {
    const target = targetOf(text, 'most of them women and children')
    const removed = text.replace(', most of them women and children,', '')
    expect(anchorTarget(removed, target)).toEqual({ status: 'orphaned' })
  })

  it('reports orphaned for empty text, empty quotes and malformed targets', () => {
    const target = targetOf(text, 'Kabul')
    expect(anchorTarget('', target)).toEqual({ status: 'orphaned' })
    expect(anchorTarget(text, { quote: { type: 'TextQuoteSelector', exact: '', prefix: '', suffix: '' } })).toEqual({
      status: 'orphaned',
    })
    expect(anchorTarget(text, JSON.parse('{"quote":null}'))).toEqual({ status: 'orphaned' })
    expect(anchorTarget(text, JSON.parse('{"quote":{"exact":5}}'))).toEqual({ status: 'orphaned' })
  })

  it('ignores a stored position outside the text and finds the quote instead', () => {
    const target = targetOf(text, 'no civilians were harmed')
    const state = anchorTarget(text, { ...target, position: { type: 'TextPositionSelector', start: -4, end: 1e9 } })
    expect(state).toMatchObject({ status: 'anchored', method: 'quote', start: target.at })
  })

  it('does not fuzzily match similar wording elsewhere once the passage and its context are gone', () => {
    const source = 'Intro text here. The army said over 30 militants were killed overnight. Closing words follow.\n\nLater: police said over 20 militants were killed in total, officials added.'
    const phrase = 'over 30 militants were killed'
    const at = source.indexOf(phrase)
    const target = describeRange(source, at, at + phrase.length)
    const without = source.replace('The army said over 30 militants were killed overnight. ', '')
    expect(anchorTarget(without, target)).toEqual({ status: 'orphaned' })
    // With its surroundings kept, the same edit inside the quote is still found.
    const edited = source.replace('over 30 militants', 'over 31 militants')
    expect(anchorTarget(edited, target)).toMatchObject({ status: 'anchored', method: 'fuzzy', start: at })
  })

  it('does not fuzzily match a short quote that is gone', () => {
    const target = targetOf(text, 'dawn')
    expect(anchorTarget(text.replaceAll('dawn', 'noon'), target)).toEqual({ status: 'orphaned' })
  })
})

describe('anchorTarget properties', () => {
  const texts = fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', 'é', 'Z'), maxLength: 200 })

  it('returns the described range on unchanged text', () => {
    fc.assert(
      fc.property(texts, fc.nat(), fc.nat(), (source, a, b) => {
        fc.pre(source.length > 0)
        const start = a % source.length
        const end = start + 1 + (b % (source.length - start))
        const state = anchorTarget(source, describeRange(source, start, end))
        expect(state).toEqual({ status: 'anchored', start, end, method: 'position' })
      }),
    )
  })

  it('finds a text equal to the quote when the position is lost', () => {
    fc.assert(
      fc.property(texts, fc.nat(), fc.nat(), (source, a, b) => {
        fc.pre(source.length > 0)
        const start = a % source.length
        const end = start + 1 + (b % (source.length - start))
        const { quote } = describeRange(source, start, end)
        const state = anchorTarget(source, { quote })
        expect(state.status).toBe('anchored')
        if (state.status === 'anchored') expect(source.slice(state.start, state.end)).toBe(quote.exact)
      }),
    )
  })

  it('never throws on arbitrary text and targets', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.anything(), fc.string(), fc.string(), fc.integer(), fc.integer(), (source, junk, exact, prefix, start, end) => {
        expect(() => anchorTarget(source, junk as never)).not.toThrow()
        const state = anchorTarget(source, {
          quote: { type: 'TextQuoteSelector', exact, prefix, suffix: prefix },
          position: { type: 'TextPositionSelector', start, end },
        })
        if (state.status === 'anchored') {
          expect(0 <= state.start && state.start <= state.end && state.end <= source.length).toBe(true)
        }
      }),
    )
  })
})

describe('anchorTarget with quote-only selectors (prefix and suffix are optional in the W3C model)', () => {
  const quoteOnly = (exact: string) => ({ quote: { type: 'TextQuoteSelector', exact } as never })

  it('anchors exactly where a quote without prefix or suffix occurs once', () => {
    const phrase = 'over 30 militants'
    const state = anchorTarget(text, quoteOnly(phrase))
    expect(state).toMatchObject({ status: 'anchored', method: 'quote', start: text.indexOf(phrase) })
  })

  it('anchors a quote-only selector fuzzily when a word of it was changed', () => {
    const phrase = 'at least 46 people were killed in Pakistani air strikes'
    const edited = text.replace('were killed', 'died')
    const state = anchorTarget(edited, quoteOnly(phrase))
    expect(state).toMatchObject({ status: 'anchored', method: 'fuzzy' })
  })

  it('accepts null context as empty, and orphans a quote-only selector whose text is gone', () => {
    const phrase = 'over 30 militants'
    expect(anchorTarget(text, { quote: { type: 'TextQuoteSelector', exact: phrase, prefix: null, suffix: null } as never })).toMatchObject({ status: 'anchored' })
    expect(anchorTarget(text, quoteOnly('a sentence this report never contained at all'))).toEqual({ status: 'orphaned' })
  })

  it('still orphans a selector whose context is not text', () => {
    expect(anchorTarget(text, { quote: { type: 'TextQuoteSelector', exact: 'over 30 militants', prefix: 7 } as never })).toEqual({ status: 'orphaned' })
  })
})
