import { describe, expect, it } from 'vitest'
import type { Annotation } from '../../../shared/notes'
import { exportJson } from '../export/json-ld'
import type { NotesSelection } from '../export/selection'
import { OPTIONS, sampleSelection } from '../export/test-fixtures'
import { parseSharedNotes, type ParsedShare } from './parse-shared-notes'
import { applyMergePlan, isEmptyPlan, planMerge, type MergeState } from './plan-merge'

const EMPTY: MergeState = { articles: [], annotations: [], links: [] }

async function share(selection: NotesSelection = sampleSelection()): Promise<ParsedShare> {
  const file = await exportJson(selection, OPTIONS)
  return parseSharedNotes(new TextEncoder().encode(file.data as string), 'colleague.json')
}

/** The sample without its link to an article outside the export. */
function closedSelection(): NotesSelection {
  const selection = sampleSelection()
  return { ...selection, links: selection.links.filter((l) => l.id !== 'l3') }
}

const stateOf = (selection: NotesSelection): MergeState => ({
  articles: selection.articles.map(({ blocks: _b, ...meta }) => meta),
  annotations: selection.annotations,
  links: selection.links,
})

describe('planMerge', () => {
  it('round trip: export, parse and merge into an empty archive gives the same notes', async () => {
    const selection = closedSelection()
    const plan = planMerge(EMPTY, await share(selection))
    expect(plan.skipped).toEqual([])
    expect(plan.addArticles.map((a) => a.id).sort()).toEqual(['art-grid', 'art-prices', 'art-prices-2'])
    expect(plan.addArticles.every((a) => a.blocks.length > 0)).toBe(true)
    const after = applyMergePlan(EMPTY, plan)
    expect(new Set(after.annotations)).toEqual(new Set(selection.annotations))
    expect(new Set(after.links)).toEqual(new Set(selection.links))
  })

  it('importing the same file twice changes nothing the second time', async () => {
    const incoming = await share(closedSelection())
    const once = applyMergePlan(EMPTY, planMerge(EMPTY, incoming))
    const again = planMerge(once, incoming)
    expect(isEmptyPlan(again)).toBe(true)
    expect(again.unchanged).toEqual({ articles: 3, annotations: 4, links: 2 })
    expect(again.conflicts).toEqual([])
    expect(applyMergePlan(once, again)).toEqual(once)
  })

  it('skips notes whose article is neither in the file nor in the archive, naming it', async () => {
    const plan = planMerge(EMPTY, await share())
    expect(plan.skipped).toEqual([
      { kind: 'link', id: 'l3', reason: 'its article “An article left out” is neither in the file nor in this archive' },
    ])
  })

  it('keeps notes on an article the archive holds even when the file does not describe it', async () => {
    const selection = closedSelection()
    const incoming = await share(selection)
    const grid = incoming.articles.find((a) => a.id === 'art-grid')
    const withoutGrid = { ...incoming, articles: incoming.articles.filter((a) => a.id !== 'art-grid') }
    const plan = planMerge({ ...EMPTY, articles: grid ? [grid] : [] }, withoutGrid)
    expect(plan.addAnnotations.map((a) => a.id).sort()).toEqual(['a1', 'a2', 'a3', 'a4'])
  })

  it('moves incoming notes onto an article already held under another id, by URL or by text', async () => {
    const incoming = await share(closedSelection())
    const grid = incoming.articles.find((a) => a.id === 'art-grid')
    const prices = incoming.articles.find((a) => a.id === 'art-prices')
    if (grid === undefined || prices === undefined) throw new Error('fixture')
    const mine: MergeState = {
      articles: [
        { ...grid, id: 'my-grid', url: 'https://www.example.org/grid', contentHash: 'other' },
        { ...prices, id: 'my-prices', url: undefined },
      ],
      annotations: [],
      links: [],
    }
    const plan = planMerge(mine, incoming)
    expect(plan.matchedArticles).toEqual([
      { incomingId: 'art-grid', existingId: 'my-grid', by: 'url' },
      { incomingId: 'art-prices', existingId: 'my-prices', by: 'content' },
    ])
    expect(plan.addArticles.map((a) => a.id)).toEqual(['art-prices-2'])
    const a1 = plan.addAnnotations.find((a) => a.id === 'a1')
    expect(a1?.target.articleId).toBe('my-grid')
    const l1 = plan.addLinks.find((l) => l.id === 'l1')
    expect([l1?.from.articleId, l1?.to.articleId]).toEqual(['my-grid', 'my-prices'])
  })

  it('skips an incoming article it cannot add because the file carries no text', async () => {
    const incoming = await share(closedSelection())
    const stripped = { ...incoming, articles: incoming.articles.map(({ blocks: _b, ...meta }) => meta) }
    const plan = planMerge(EMPTY, stripped)
    expect(plan.addArticles).toEqual([])
    expect(plan.skipped.filter((s) => s.kind === 'article')).toHaveLength(3)
    expect(plan.skipped.find((s) => s.id === 'art-grid')?.reason).toMatch(/does not carry its text/)
    expect(plan.addAnnotations).toEqual([])
  })
})

describe('planMerge conflicts', () => {
  async function edited(local: Partial<Annotation>, shared: Partial<Annotation>) {
    const selection = closedSelection()
    const mine = stateOf(selection)
    mine.annotations = mine.annotations.map((a) => (a.id === 'a1' ? { ...a, ...local } : a))
    const theirs = {
      ...selection,
      annotations: selection.annotations.map((a) => (a.id === 'a1' ? { ...a, ...shared } : a)),
    }
    const plan = planMerge(mine, await share(theirs))
    return { mine, plan }
  }

  it('newest shared edit wins and the local version is kept in history and reported', async () => {
    const { plan } = await edited(
      { note: 'mine', modified: '2024-03-05T00:00:00.000Z' },
      { note: 'theirs', author: 'Ben', modified: '2024-03-06T00:00:00.000Z' },
    )
    expect(plan.replaceAnnotations).toHaveLength(1)
    const merged = plan.replaceAnnotations[0]
    expect(merged?.note).toBe('theirs')
    expect(merged?.author).toBe('Ben')
    expect(merged?.history).toEqual([
      { note: 'mine', tags: ['storage', 'to verify'], color: 'yellow', author: 'Ana', modified: '2024-03-05T00:00:00.000Z' },
    ])
    expect(plan.conflicts).toMatchObject([{ kind: 'annotation', id: 'a1', winner: 'incoming' }])
  })

  it('newest local edit wins and the shared version is kept in history; re-importing adds nothing more', async () => {
    const { mine, plan } = await edited(
      { note: 'mine', modified: '2024-03-07T00:00:00.000Z' },
      { note: 'theirs', modified: '2024-03-06T00:00:00.000Z' },
    )
    const merged = plan.replaceAnnotations[0]
    expect(merged?.note).toBe('mine')
    expect(merged?.history?.map((h) => h.note)).toEqual(['theirs'])
    expect(plan.conflicts).toMatchObject([{ winner: 'current' }])
    const after = applyMergePlan(mine, plan)
    const selection = closedSelection()
    const theirs = {
      ...selection,
      annotations: selection.annotations.map((a) => (a.id === 'a1' ? { ...a, note: 'theirs', modified: '2024-03-06T00:00:00.000Z' } : a)),
    }
    expect(isEmptyPlan(planMerge(after, await share(theirs)))).toBe(true)
  })

  it('keeps the local version on a tie', async () => {
    const { plan } = await edited({ note: 'mine' }, { note: 'theirs' })
    expect(plan.replaceAnnotations[0]?.note).toBe('mine')
    expect(plan.conflicts[0]?.winner).toBe('current')
  })

  it('replaces a link with the newer shared version and reports what it replaced', async () => {
    const selection = closedSelection()
    const mine = stateOf(selection)
    const theirs = {
      ...selection,
      links: selection.links.map((l) => (l.id === 'l1' ? { ...l, relation: 'elaborates', modified: '2024-04-01T00:00:00.000Z' } : l)),
    }
    const plan = planMerge(mine, await share(theirs))
    expect(plan.replaceLinks.map((l) => [l.id, l.relation])).toEqual([['l1', 'elaborates']])
    expect(plan.conflicts[0]?.message).toMatch(/was “supports”/)
  })
})
