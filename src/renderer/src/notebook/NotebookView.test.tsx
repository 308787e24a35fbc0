// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DossierBridge } from '../../../shared/api'
import type { Article } from '../../../shared/types'
import { ApiProvider } from '../api/context'
import { ToastProvider } from '../ui/toasts'
import { annotation, FORTY_SIX, KABUL_46, link, THIRTY } from './notes.test-data'
import { NotebookView } from './NotebookView'

const notes = {
  annotations: [
    annotation({ id: 'h30', at: THIRTY, tags: ['casualties'], note: 'ISPR says **over 30**', color: 'yellow' }),
    annotation({ id: 'h46', at: FORTY_SIX, tags: ['claims'], note: 'Taliban figure <img src=x onerror="window.hacked=1"> <script>window.hacked=1</script>', color: 'pink', created: '2025-03-03T12:00:00.000Z' }),
  ],
  links: [link({ id: 'l1', from: THIRTY, to: KABUL_46, relation: 'contradicts', note: 'Counts differ' })],
}

const article = (id: string): Article =>
  ({ id, title: 'Report', blocks: [{ id: 'p0', type: 'paragraph', text: 'x'.repeat(100) }, { id: 'p1', type: 'paragraph', text: 'y'.repeat(400) }] }) as unknown as Article

function fakeApi(data = notes): DossierBridge {
  const api = {
    listAllAnnotations: async () => ({ ok: true, value: data.annotations }),
    listAllLinks: async () => ({ ok: true, value: data.links }),
    getArticle: async (id: string) => ({ ok: true, value: article(id) }),
    onEvent: () => () => undefined,
  }
  return api as unknown as DossierBridge
}

async function show(api = fakeApi()) {
  render(
    <ApiProvider api={api}>
      <ToastProvider>
        <NotebookView />
      </ToastProvider>
    </ApiProvider>,
  )
  return screen.findByRole('listbox', { name: 'Notes' })
}

const options = () => within(screen.getByRole('listbox', { name: 'Notes' })).getAllByRole('option')

// jsdom lays nothing out: give the list a window's height so the virtualiser renders rows.
beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 900 })
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 })
})

afterEach(() => {
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight')
  Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth')
  cleanup()
  window.location.hash = ''
})

describe('Notebook view', () => {
  it('lists every highlight and link with its quote, note, tags and relation', async () => {
    const list = await show()
    expect(options()).toHaveLength(3)
    // Notes render as Markdown once its module has loaded (it is loaded on demand).
    expect(await within(list).findByText('over 30', { selector: 'strong' })).toBeTruthy()
    expect(within(list).getByText('contradicts')).toBeTruthy()
    expect(within(list).getByText('casualties')).toBeTruthy()
    expect(screen.getByText('3 notes')).toBeTruthy()
  })

  it('renders a note’s HTML as nothing, never as markup', async () => {
    const list = await show()
    expect(list.querySelector('img, script')).toBeNull()
    expect(within(list).getByText(/Taliban figure/)).toBeTruthy()
  })

  it('filters by tag, then by relation, and clears', async () => {
    await show()
    fireEvent.change(screen.getByLabelText('Tag'), { target: { value: 'casualties' } })
    expect(options().map((o) => o.getAttribute('aria-label'))).toEqual(['Highlight: over 30 militants'])
    expect(screen.getByText('1 of 3 notes')).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Tag'), { target: { value: '' } })
    fireEvent.change(screen.getByLabelText('Relation'), { target: { value: 'contradicts' } })
    expect(options().map((o) => o.getAttribute('aria-label'))).toEqual(['Link, contradicts: over 30 militants'])
    fireEvent.click(screen.getByRole('button', { name: 'Clear filters' }))
    expect(options()).toHaveLength(3)
  })

  it('says so when no note matches the search', async () => {
    await show()
    fireEvent.change(screen.getByLabelText('Search notes'), { target: { value: 'no such words anywhere' } })
    expect(screen.getByText('No note matches these filters.')).toBeTruthy()
  })

  it('moves with the arrows and opens the passage’s block with Enter', async () => {
    const list = await show()
    expect(list.getAttribute('aria-activedescendant')).toBe('note-h46')
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    expect(list.getAttribute('aria-activedescendant')).toBe('note-h30')
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    expect(list.getAttribute('aria-activedescendant')).toBe('note-h30')
    await act(async () => {
      fireEvent.keyDown(list, { key: 'Enter' })
    })
    // THIRTY starts at 120: past block p0 (100 characters and a separator), so in p1.
    expect(window.location.hash).toBe('#/article/report?block=p1')
  })

  it('opens a link’s other end with Shift+Enter', async () => {
    const list = await show()
    fireEvent.keyDown(list, { key: 'ArrowDown' })
    await act(async () => {
      fireEvent.keyDown(list, { key: 'Enter', shiftKey: true })
    })
    expect(window.location.hash).toBe('#/article/kabul?block=p0')
  })

  it('invites the first note when the archive has none', async () => {
    render(
      <ApiProvider api={fakeApi({ annotations: [], links: [] })}>
        <ToastProvider>
          <NotebookView />
        </ToastProvider>
      </ApiProvider>,
    )
    expect(await screen.findByRole('heading', { name: 'No notes yet' })).toBeTruthy()
  })

  it('reports notes that cannot be loaded', async () => {
    const api = { ...fakeApi(), listAllLinks: async () => ({ ok: false, error: { code: 'io-error', message: 'disk gone' } }) }
    render(
      <ApiProvider api={api as unknown as DossierBridge}>
        <ToastProvider>
          <NotebookView />
        </ToastProvider>
      </ApiProvider>,
    )
    expect((await screen.findByRole('alert')).textContent).toContain('disk gone')
  })
})
