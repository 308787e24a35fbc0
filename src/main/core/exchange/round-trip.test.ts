import fc from 'fast-check'
import { isSafeId } from '../../../shared/ids'
import { describe, expect, it } from 'vitest'
import { HIGHLIGHT_COLORS, LINK_RELATIONS, type Annotation, type PassageLink, type PassageTarget } from '../../../shared/notes'
import { exportJson } from '../export/json-ld'
import { OPTIONS, sampleSelection } from '../export/test-fixtures'
import { parseSharedNotes } from './parse-shared-notes'
import { applyMergePlan, isEmptyPlan, planMerge } from './plan-merge'

const ARTICLE_IDS = ['art-grid', 'art-prices', 'art-prices-2']
const iso = fc
  .date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
  .map((d) => d.toISOString())
const target: fc.Arbitrary<PassageTarget> = fc
  .record({
    articleId: fc.constantFrom(...ARTICLE_IDS),
    exact: fc.string({ minLength: 1, maxLength: 30 }),
    prefix: fc.string({ maxLength: 10 }),
    suffix: fc.string({ maxLength: 10 }),
    // Within the shortest sample article (52 characters).
    start: fc.nat(20),
    length: fc.nat(20),
  })
  .map(({ articleId, exact, prefix, suffix, start, length }) => ({
    articleId,
    quote: { type: 'TextQuoteSelector' as const, exact, prefix, suffix },
    position: { type: 'TextPositionSelector' as const, start, end: start + length },
  }))
const version = fc.record({
  note: fc.string({ maxLength: 40 }),
  tags: fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 }),
  color: fc.constantFrom(...HIGHLIGHT_COLORS),
  author: fc.string({ maxLength: 10 }),
  modified: iso,
})
const annotation = (id: string): fc.Arbitrary<Annotation> =>
  fc
    .record({ target, created: iso, version, history: fc.array(version, { maxLength: 2 }) })
    .map(({ target: t, created, version: v, history }) => ({
      id,
      target: t,
      created,
      ...v,
      ...(history.length > 0 ? { history } : {}),
    }))
const link = (id: string, annotationIds: string[]): fc.Arbitrary<PassageLink> =>
  fc
    .record({
      from: target,
      to: target,
      fromAnn: fc.option(fc.constantFrom(...annotationIds, 'x'), { nil: undefined }),
      relation: fc.oneof(fc.constantFrom(...LINK_RELATIONS), fc.string({ minLength: 1, maxLength: 12 })),
      note: fc.string({ maxLength: 30 }),
      author: fc.string({ maxLength: 10 }),
      created: iso,
      modified: iso,
    })
    .map(({ from, to, fromAnn, ...rest }) => ({ id, from: fromAnn === undefined ? from : { ...from, annotationId: fromAnn }, to, ...rest }))

const notebook = fc
  .uniqueArray(fc.stringMatching(/^[A-Za-z0-9_-]{1,12}$/).filter(isSafeId), { minLength: 1, maxLength: 8 })
  .chain((ids) =>
    fc.record({
      annotations: fc.tuple(...ids.map(annotation)),
      links: fc.tuple(...ids.slice(0, 3).map((id) => link(`l-${id}`, ids))),
    }),
  )

describe('JSON export → parseSharedNotes → planMerge', () => {
  it('brings any notebook into an empty archive unchanged, and a second import changes nothing', async () => {
    const articles = sampleSelection().articles
    await fc.assert(
      fc.asyncProperty(notebook, async ({ annotations, links }) => {
        const file = await exportJson({ articles, annotations, links }, OPTIONS)
        const parsed = parseSharedNotes(new TextEncoder().encode(file.data as string), 'n.json')
        expect(parsed.skipped).toEqual([])
        const empty = { articles: [], annotations: [], links: [] }
        const once = applyMergePlan(empty, planMerge(empty, parsed))
        expect(new Set(once.annotations)).toEqual(new Set(annotations))
        // A link end names its annotation only while that annotation exists.
        const known = new Set(annotations.map((a) => a.id))
        const expectedLinks = links.map((l) => {
          if (l.from.annotationId === undefined || known.has(l.from.annotationId)) return l
          const { annotationId: _x, ...from } = l.from
          return { ...l, from }
        })
        expect(new Set(once.links)).toEqual(new Set(expectedLinks))
        expect(isEmptyPlan(planMerge(once, parsed))).toBe(true)
      }),
      { numRuns: 60 },
    )
  })
})
