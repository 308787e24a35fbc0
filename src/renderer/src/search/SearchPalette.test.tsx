// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { DossierBridge } from '../../../shared/api'
import type { DossierEvent } from '../../../shared/events'
import type { Result } from '../../../shared/result'
import type { SearchIndexStatus, SearchRequest, SearchResponse, SearchResultGroup } from '../../../shared/search'
import { ApiProvider } from '../api/context'
import { CommandProvider } from '../palette/commands'
import { SearchPalette } from './SearchPalette'

const snippet = (text: string, word: string) => {
  const start = text.indexOf(word)
  return { text, highlights: [{ start, end: start + word.length }], offset: 0, truncatedStart: false, truncatedEnd: true }
}

const group = (articleId: string, title: string, passages: [string, string][]): SearchResultGroup => ({
  articleId,
  title,
  titleHighlights: [],
  source: 'Dawn',
  publishedAt: '2024-12-25',
  addedAt: '2025-01-01T00:00:00Z',
  tags: [],
  score: 1,
  hits: passages.map(([blockId, text]) => ({ kind: 'passage' as const, blockId, score: 1, snippet: snippet(text, 'Waziristan') })),
})

const TTP = group('ttp', 'TTP Challenge', [
  ['b16', 'operations in Waziristan were ongoing'],
  ['b1', 'soldiers in South Waziristan, claimed'],
])
const PORT = group('port', 'Karachi harbour <b>dredging</b>', [['b2', 'Officials in Waziristan were not consulted']])

interface Pending {
  request: SearchRequest
  resolve(result: Result<SearchResponse>): void
}

let pending: Pending[]
let status: SearchIndexStatus
let listeners: ((event: DossierEvent) => void)[]

const answer = (groups: SearchResultGroup[]): Result<SearchResponse> => ({ ok: true, value: { groups, total: groups.length, complete: status.state === 'ready', status } })

function fakeApi(): DossierBridge {
  const api = {
    search: (request: SearchRequest) => new Promise<Result<SearchResponse>>((resolve) => pending.push({ request, resolve })),
    searchStatus: async () => ({ ok: true, value: status }),
    searchFacets: async () => ({ ok: true, value: { sources: [{ value: 'Dawn', count: 1 }, { value: 'Reuters', count: 4 }], tags: [] } }),
    onEvent: (listener: (event: DossierEvent) => void) => {
      listeners.push(listener)
      return () => undefined
    },
  }
  return api as unknown as DossierBridge
}

function renderPalette() {
  render(
    <ApiProvider api={fakeApi()}>
      <CommandProvider>
        <SearchPalette />
      </CommandProvider>
    </ApiProvider>,
  )
}

async function openAndType(text: string) {
  fireEvent.keyDown(window, { key: 'k', ctrlKey: true })
  const input = await screen.findByRole('combobox', { name: /Search articles/ })
  await userEvent.type(input, text)
  return input
}

beforeAll(() => {
  Element.prototype.scrollIntoView = () => undefined
})
beforeEach(() => {
  pending = []
  listeners = []
  status = { state: 'ready', articles: 2 }
  window.location.hash = ''
})
afterEach(cleanup)

describe('SearchPalette', () => {
  it('opens on Ctrl+K and shows hits grouped under their article, query words in <mark>, markup as text', async () => {
    renderPalette()
    await openAndType('Waziristn')
    await waitFor(() => expect(pending.at(-1)?.request.query).toBe('Waziristn'))
    act(() => pending.at(-1)!.resolve(answer([TTP, PORT])))
    const list = await screen.findByRole('listbox', { name: 'Search results' })
    const groups = within(list).getAllByRole('group')
    expect(groups.map((g) => g.getAttribute('aria-label'))).toEqual(['TTP Challenge', 'Karachi harbour <b>dredging</b>'])
    expect(within(groups[0]!).getAllByRole('option')).toHaveLength(3)
    expect([...groups[0]!.querySelectorAll('mark')].map((m) => m.textContent)).toEqual(['Waziristan', 'Waziristan'])
    expect(list.querySelector('b')).toBeNull()
    expect(within(groups[1]!).getAllByRole('option')[0]!.textContent).toContain('<b>dredging</b>')
    expect(screen.getByText('2 matching articles')).toBeTruthy()
  })

  it('walks the results with arrow keys and opens the chosen passage with the matched words', async () => {
    renderPalette()
    const input = await openAndType('Waziristn')
    await waitFor(() => expect(pending.at(-1)?.request.query).toBe('Waziristn'))
    act(() => pending.at(-1)!.resolve(answer([TTP, PORT])))
    await screen.findByRole('listbox', { name: 'Search results' })
    const active = () => document.getElementById(input.getAttribute('aria-activedescendant') ?? '')
    await waitFor(() => expect(active()?.textContent).toContain('TTP Challenge'))
    await userEvent.keyboard('{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}{ArrowDown}{ArrowUp}')
    expect(active()?.textContent).toContain('Karachi harbour')
    expect(active()?.getAttribute('aria-selected')).toBe('true')
    await userEvent.keyboard('{ArrowDown}{Enter}')
    expect(window.location.hash).toBe('#/article/port?block=b2&q=Waziristan')
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull())
  })

  it('drops an answer that arrives after a newer query was sent', async () => {
    renderPalette()
    const input = await openAndType('Wazir')
    await waitFor(() => expect(pending).toHaveLength(1))
    await userEvent.type(input, 'istan')
    await waitFor(() => expect(pending).toHaveLength(2))
    act(() => pending[1]!.resolve(answer([PORT])))
    await screen.findByRole('group', { name: /Karachi harbour/ })
    act(() => pending[0]!.resolve(answer([TTP])))
    await waitFor(() => expect(screen.getByText('1 matching article')).toBeTruthy())
    expect(screen.queryByRole('group', { name: 'TTP Challenge' })).toBeNull()
  })

  it('shows indexing progress while the index is not ready, and hides it once ready', async () => {
    status = { state: 'rebuilding', done: 3200, total: 10000, articles: 3200 }
    renderPalette()
    await openAndType('Waziristan')
    expect(await screen.findByText(/Indexing 3,200 of 10,000…/)).toBeTruthy()
    act(() => listeners.forEach((l) => l({ type: 'search-status', payload: { state: 'ready', articles: 10000 } })))
    await waitFor(() => expect(screen.queryByText(/Indexing/)).toBeNull())
  })

  it('sends the filters and sort with the query, so they compose', async () => {
    renderPalette()
    await openAndType('floods')
    const source = await screen.findByRole('combobox', { name: 'Source' })
    await screen.findByRole('option', { name: 'Reuters (4)' })
    await userEvent.selectOptions(source, 'Reuters')
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Annotations' }), 'yes')
    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Sort' }), 'newest')
    fireEvent.change(screen.getByLabelText('From'), { target: { value: '2024-01-01' } })
    await waitFor(() =>
      expect(pending.at(-1)?.request).toEqual({ query: 'floods', sort: 'newest', filters: { source: ['Reuters'], hasAnnotations: true, publishedFrom: '2024-01-01' } }),
    )
    expect(screen.getByRole('button', { name: /Filters \(3\)/ })).toBeTruthy()
  })

  it('shows a refused search as its message, not as results', async () => {
    renderPalette()
    await openAndType('x')
    await waitFor(() => expect(pending.at(-1)?.request.query).toBe('x'))
    act(() => pending.at(-1)!.resolve({ ok: false, error: { code: 'invalid-argument', message: 'search: query longer than 1000 characters' } }))
    expect(await screen.findByText('search: query longer than 1000 characters')).toBeTruthy()
    expect(screen.getByRole('listbox', { name: 'Search results' }).children).toHaveLength(0)
  })

  it('sends nothing for a blank query', async () => {
    renderPalette()
    await openAndType('   ')
    await screen.findByText(/Type to search/)
    expect(pending).toHaveLength(0)
  })
})
