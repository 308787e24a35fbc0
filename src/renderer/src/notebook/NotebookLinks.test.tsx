// @vitest-environment jsdom
// A merged note's links in the Notebook go through the shared link policy, as in
// the reader's notes panel: only absolute http(s) and mailto links are clickable.
import { cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DossierBridge } from '../../../shared/api'
import { ApiProvider } from '../api/context'
import { ToastProvider } from '../ui/toasts'
import { annotation, KABUL_46, link, THIRTY } from './notes.test-data'
import { NotebookView } from './NotebookView'

const HOSTILE = [
  ['host', '//evil.example/x'],
  ['slashes', '\\\\evil.example\\x'],
  ['root', '/api/deleteArticle'],
  ['dot', './x'],
  ['js', 'javascript:window.hacked=1'],
  ['JS', 'JaVaScRiPt:window.hacked=1'],
  ['tabbed', 'java%09script:window.hacked=1'],
  ['data', 'data:text/html,<script>window.hacked=1</script>'],
  ['vb', 'vbscript:msgbox(1)'],
  ['file', 'file:///etc/passwd'],
  ['app', 'app://dossier/index.html'],
  ['creds', 'https://bank.example@evil.example/'],
] as const
const note = `${HOSTILE.map(([name, href]) => `[${name}](${href})`).join(' ')} [web](https://example.org/ok) [mail](mailto:sara@example.org)`

function fakeApi(): DossierBridge {
  const api = {
    listAllAnnotations: async () => ({ ok: true, value: [annotation({ id: 'h30', at: THIRTY, note })] }),
    listAllLinks: async () => ({ ok: true, value: [link({ id: 'l1', from: THIRTY, to: KABUL_46, relation: 'cites', note: '[linkhost](//evil.example/y) [linkok](https://example.org/l)' })] }),
    getArticle: async () => ({ ok: false, error: { code: 'not-found', message: 'none' } }),
    onEvent: () => () => undefined,
  }
  return api as unknown as DossierBridge
}

beforeEach(() => {
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 900 })
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 })
})

afterEach(() => {
  Reflect.deleteProperty(HTMLElement.prototype, 'clientHeight')
  Reflect.deleteProperty(HTMLElement.prototype, 'clientWidth')
  cleanup()
})

describe('Notebook note links', () => {
  it('renders protocol-relative, app-relative, script and other unsafe links as text, and web and mail links as links', async () => {
    render(
      <ApiProvider api={fakeApi()}>
        <ToastProvider>
          <NotebookView />
        </ToastProvider>
      </ApiProvider>,
    )
    const list = await screen.findByRole('listbox', { name: 'Notes' })
    await within(list).findByText('web')
    for (const [name] of HOSTILE) {
      expect(within(list).getByText(name).closest('a'), name).toBeNull()
    }
    expect(within(list).getByText('linkhost').closest('a')).toBeNull()
    const hrefs = [...list.querySelectorAll('a')].map((a) => a.getAttribute('href'))
    expect(hrefs.sort()).toEqual(['https://example.org/l', 'https://example.org/ok', 'mailto:sara@example.org'])
    expect(within(list).getByRole('link', { name: 'web' }).getAttribute('rel')).toContain('noopener')
  })
})
