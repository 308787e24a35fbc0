// Imported content is hostile. Pages and Markdown carrying scripts, handlers,
// javascript:/data: links, SVG with script, exfiltrating CSS, frames, forms,
// meta refresh, base href and remote images are imported through the UI and
// read: nothing may run (a canary the pages would set stays unset), nothing may
// be fetched (the app fixture fails the test on any request leaving the app),
// and only http(s)/mailto links remain. A control first proves the fixtures do
// run and fetch when rendered as HTML, so these checks can fail.

import { readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import MarkdownIt from 'markdown-it'
import type { Locator, Page } from '@playwright/test'
import { ROOT, expect, test } from './support/app'

const FOLDER = join(ROOT, 'e2e', 'fixtures', 'hostile')
const PAGE_TITLE = 'Harbour Authority Under Pressure'
const NOTES_TITLE = 'Field notes with raw HTML'
const HOSTILE_NOTE = '**Check** <script>window.__pwned="note script"</script> <img src="http://exfil.invalid/note.png" onerror="window.__pwned=1"> [js](javascript:window.__pwned=2) [ok](https://example.org/ok) [host](//exfil.invalid/host) ![img](http://exfil.invalid/note-md.png) <iframe src="http://exfil.invalid/note-frame"></iframe>'

const canary = (page: Page): Promise<unknown> => page.evaluate(() => Reflect.get(window, '__pwned'))

/**
 * Renders `html` in a page of its own, as a browser would, and reports what ran
 * (every value assigned to the canary) and what it tried to fetch (all aborted).
 */
async function renderAsHtml(page: Page, html: string): Promise<{ ran: string[]; foreign: string[] }> {
  const ran: string[] = []
  const foreign: string[] = []
  await page.route('**/*', (route) => {
    foreign.push(route.request().url())
    return route.abort()
  })
  await page.exposeFunction('reportCanary', (value: unknown) => void ran.push(String(value)))
  // document.open keeps the Window, so this setter sees every script setContent runs.
  await page.evaluate(() =>
    Object.defineProperty(window, '__pwned', { configurable: true, set: (value: unknown) => void Reflect.get(window, 'reportCanary')(value) }),
  )
  await page.setContent(html, { waitUntil: 'commit' }).catch(() => undefined)
  await expect.poll(() => ran.length).toBeGreaterThan(0)
  return { ran, foreign }
}

/** Nothing in `scope` that could run, fetch or navigate: no active elements, no handlers, no unsafe links or styles. */
async function expectInert(scope: Locator): Promise<void> {
  await expect(scope.locator('script, iframe, frame, object, embed, form, input, button[formaction], style, link, meta, base, video, audio, svg script, noscript')).toHaveCount(0)
  const problems = await scope.evaluate((root) => {
    const found: string[] = []
    for (const element of [root, ...root.querySelectorAll('*')]) {
      for (const attribute of element.attributes) {
        const name = attribute.name.toLowerCase()
        const value = attribute.value.trim().toLowerCase()
        if (name.startsWith('on')) found.push(`${element.tagName} ${name}`)
        if (name === 'style' && value.includes('url(')) found.push(`${element.tagName} style url`)
        if (['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'xlink:href', 'data'].includes(name)) {
          const allowed = name === 'href' ? /^(https?:|mailto:)/ : /^\/media\//
          if (!allowed.test(value)) found.push(`${element.tagName} ${name}=${value.slice(0, 60)}`)
        }
      }
    }
    return found
  })
  expect(problems, 'active or unsafe markup in the rendered content').toEqual([])
}

test('control: the hostile fixtures do run script and fetch from elsewhere when rendered as HTML', async ({ browser }) => {
  const context = await browser.newContext()
  try {
    const pageHtml = await renderAsHtml(await context.newPage(), await readFile(join(FOLDER, 'hostile-page.html'), 'utf8'))
    expect(pageHtml.ran).toContain('head script')
    await expect.poll(() => pageHtml.foreign.filter((url) => url.startsWith('http://exfil.invalid/')).length).toBeGreaterThan(3)
    const markdown = new MarkdownIt({ html: true }).render(await readFile(join(FOLDER, 'hostile-notes.md'), 'utf8'))
    const notesHtml = await renderAsHtml(await context.newPage(), markdown)
    expect(notesHtml.ran).toContain('markdown script')
    await expect.poll(() => notesHtml.foreign.some((url) => url.startsWith('http://exfil.invalid/'))).toBe(true)
  } finally {
    await context.close()
  }
})

test('hostile pages and Markdown imported through the UI render inert: nothing runs, nothing is fetched, only safe links', async ({ page, app }) => {
  const title = await page.title()
  await page.getByTestId('import-folder').setInputFiles(FOLDER)
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByRole('heading', { name: 'Import finished' })).toBeVisible()
  await expect(dialog).toContainText('2 imported')
  await dialog.getByRole('button', { name: PAGE_TITLE }).click()

  const reader = page.locator('article.reader')
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(PAGE_TITLE)
  await expect(reader).toContainText('two cranes are two cranes')
  await expectInert(reader)
  await expect(reader.getByRole('link', { name: 'the original report' })).toHaveAttribute('href', 'https://example.org/harbour/report')
  // The javascript: and data: links survive as text only; clicking and hovering them does nothing.
  await expect(reader.getByRole('link', { name: 'Read the customs notice' })).toHaveCount(0)
  await reader.getByText('Read the customs notice').click()
  await reader.getByText('Dock workers said the delays').hover()
  await app.screenshot(page, 'hostile-page-reader')
  expect(await canary(page)).toBeUndefined()
  expect(await page.title()).toBe(title)

  // The SVGs were not stored as images: no file of the archive holds them.
  const stored = await readdir(app.archive, { recursive: true })
  expect(stored.filter((name) => /\.svg$|fake\.png$/i.test(name))).toEqual([])

  await page.getByRole('button', { name: 'Back to the library' }).click()
  await page.getByRole('link', { name: NOTES_TITLE }).click()
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(NOTES_TITLE)
  await expect(reader).toContainText('check both counts against the customs register')
  await expectInert(reader)
  await expect(reader.getByRole('link', { name: 'safe link' })).toHaveAttribute('href', 'https://example.org/field-notes')
  await expect(reader.getByRole('link', { name: 'javascript link' })).toHaveCount(0)
  await expect(reader.getByRole('link', { name: 'data link' })).toHaveCount(0)
  expect(await canary(page)).toBeUndefined()
  expect(await page.title()).toBe(title)
})

test('a colleague’s hostile note, Markdown with raw HTML and javascript: and //host links, renders inert in the notes panel and the Notebook', async ({ page, app }) => {
  await page.getByTestId('import-folder').setInputFiles(FOLDER)
  await page.getByRole('dialog').getByRole('button', { name: NOTES_TITLE }).click()
  const reader = page.locator('article.reader')
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(NOTES_TITLE)
  // The note arrives as a shared file would bring it: straight through the API.
  const created = await page.evaluate(async (note) => {
    const call = async (method: string, args: unknown[]) =>
      (await (await fetch(`/api/${method}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ args }) })).json()) as { ok: boolean; value: unknown }
    const list = (await call('listArticles', [])).value as { id: string; title: string }[]
    const id = list.find((meta) => meta.title === 'Field notes with raw HTML')?.id
    return (await call('createAnnotation', [id, { start: 0, end: 11, note }])).ok
  }, HOSTILE_NOTE)
  expect(created).toBe(true)
  await page.reload()
  const panel = page.getByRole('complementary', { name: 'Notes' })
  await expect(panel.locator('strong', { hasText: 'Check' })).toBeVisible()
  await expectInert(panel)
  await expect(panel.getByRole('link', { name: 'ok' })).toHaveAttribute('href', 'https://example.org/ok')
  await expect(panel.getByRole('link', { name: 'js' })).toHaveCount(0)
  await expect(panel.getByRole('link', { name: 'host' })).toHaveCount(0)
  await app.screenshot(page, 'hostile-note-panel')
  expect(await canary(page)).toBeUndefined()

  // The Notebook shows the same note and must hold it to the same link policy.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notebook' }).click()
  const notes = page.getByRole('listbox', { name: 'Notes' })
  await expect(notes.locator('strong', { hasText: 'Check' })).toBeVisible()
  await expectInert(notes)
  await expect(notes.getByRole('link', { name: 'ok' })).toHaveAttribute('href', 'https://example.org/ok')
  await expect(notes.getByRole('link', { name: 'host' })).toHaveCount(0)
  await expect(notes.getByRole('link', { name: 'js' })).toHaveCount(0)
  expect(await canary(page)).toBeUndefined()
})

test('a file damaged while the app was closed is reported in a toast when it opens, and the damaged copy is kept', async ({ page, app }) => {
  // A second start takes the backup copy of state.json (the first start had none to copy).
  await app.restart()
  await writeFile(join(app.archive, 'state.json'), '{"format":1,"preferences":{"theme":"da\u0000\u0000')
  await app.restart()
  const toast = page.locator('.toast', { hasText: 'state.json' })
  await expect(toast.first()).toBeVisible()
  await expect(page.locator('.toasts')).toContainText('restored from its backup')
  await app.screenshot(page, 'start-notice-toast')
  expect((await readdir(app.archive)).filter((name) => name.startsWith('state.json.damaged-'))).toHaveLength(1)
})
