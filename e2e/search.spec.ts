import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { FIXTURES, expect, test } from './support/app'

const FIXTURE = join(FIXTURES, 'pakistan-ttp-challenge.txt')
const TITLE = 'Pakistan’s TTP Challenge: Strikes, Talks, and Solutions'

const md = (name: string, text: string) => ({ name, mimeType: 'text/markdown', buffer: Buffer.from(text) })
const HARBOUR = md(
  'karachi-harbour.md',
  '---\nsource: Dawn\ntags: [ports]\npublished: 2024-05-02\n---\n# Karachi harbour dredging begins\n\nThe port trust signed a $54 million contract to dredge the Karachi channel.\n\nOfficials in Waziristan were not consulted, a trader complained.\n',
)
const FLOODS = md(
  'swat-floods.md',
  '---\nsource: The Express Tribune\ntags: [floods]\npublished: 2023-08-10\n---\n# Flash floods in Swat\n\nFlash floods hit the Swat valley after heavy rain; 12 people were reported missing.\n',
)

async function importAll(page: Page) {
  await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible()
  await page.getByTestId('import-files').setInputFiles([FIXTURE])
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('1 imported')
  await dialog.getByRole('button', { name: 'Done' }).click()
  await page.getByTestId('import-files').setInputFiles([HARBOUR, FLOODS])
  await expect(page.getByRole('dialog')).toContainText('2 imported')
  await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click()
  await expect(page.getByRole('dialog')).toBeHidden()
}

const palette = (page: Page) => page.getByRole('dialog', { name: 'Search' })
const searchBox = (page: Page) => palette(page).getByRole('combobox', { name: /Search articles/ })

test('Ctrl+K finds the fixture despite a typo, highlights the match, and Enter lands on the passage with the terms marked', async ({ page, app }) => {
  await importAll(page)
  await page.keyboard.press('Control+k')
  await expect(searchBox(page)).toBeFocused()
  await page.keyboard.type('Waziristn')
  const results = palette(page).getByRole('listbox', { name: 'Search results' })
  const fixtureGroup = results.getByRole('group', { name: TITLE })
  await expect(fixtureGroup).toBeVisible()
  await expect(fixtureGroup.locator('mark').first()).toHaveText('Waziristan')
  await app.screenshot(page, 'search-palette')

  // Arrow keys move through the results, from the first article row to its hits, on to the fixture's first hit.
  const active = results.getByRole('option', { selected: true })
  await expect(active).toHaveClass(/search-title/)
  await page.keyboard.press('ArrowDown')
  await expect(active).toHaveClass(/search-hit/)
  await page.keyboard.press('ArrowUp')
  await expect(active).toHaveClass(/search-title/)
  for (let step = 0; step < 12 && !(await fixtureGroup.locator('.search-hit.active').count()); step++) await page.keyboard.press('ArrowDown')
  await expect(fixtureGroup.getByRole('option', { selected: true })).toHaveClass(/search-hit/)
  const passage = await active.innerText()
  await page.keyboard.press('Enter')
  await expect(palette(page)).toBeHidden()
  await expect(page).toHaveURL(/#\/article\/[^?]+\?block=[^&]+&q=Waziristan/)
  const blockId = new URL(page.url().replace('#/', '')).searchParams.get('block')!
  const landed = page.locator(`[data-block="${blockId}"]`)
  await expect(landed).toBeInViewport()
  await expect(landed).toContainText(passage.replace(/^…|…$/g, '').slice(0, 30))
  await expect(page.getByRole('status').filter({ hasText: 'Marked:' })).toContainText('Waziristan')
  // The marks are CSS highlights over the page's ranges, not DOM changes.
  const marked = await page.evaluate(() => {
    const highlight = CSS.highlights.get('search-terms')
    return highlight ? [...highlight].map((range) => (range as Range).toString()) : []
  })
  expect(marked.length).toBeGreaterThan(1)
  expect(new Set(marked.map((t) => t.toLowerCase()))).toEqual(new Set(['waziristan']))
  await app.screenshot(page, 'reader-search-marks')

  // Another passage of the open article: the reader moves there.
  await page.keyboard.press('Control+k')
  await expect(fixtureGroup.getByRole('option')).toHaveCount(3)
  for (let step = 0; step < 12 && !(await fixtureGroup.locator('.search-hit.active').nth(0).count()); step++) await page.keyboard.press('ArrowDown')
  await page.keyboard.press('ArrowDown')
  await expect(fixtureGroup.getByRole('option', { selected: true })).toHaveClass(/search-hit/)
  await page.keyboard.press('Enter')
  await expect(page).not.toHaveURL(new RegExp(`block=${blockId}&`))
  const other = new URL(page.url().replace('#/', '')).searchParams.get('block')!
  await expect(page.locator(`[data-block="${other}"]`)).toBeInViewport()
  await expect(landed).not.toBeInViewport()
})

test('a quoted phrase matches only the article with those words together', async ({ page, app }) => {
  await importAll(page)
  await page.keyboard.press('Control+k')
  await page.keyboard.type('"46 people"')
  const results = palette(page).getByRole('listbox', { name: 'Search results' })
  await expect(results.getByRole('group')).toHaveCount(1)
  await expect(results.getByRole('group')).toHaveAttribute('aria-label', TITLE)
  await expect(results.locator('mark').first()).toHaveText(/46 people|46/)
  // "people" alone also finds the floods article.
  await searchBox(page).fill('people')
  await expect(results.getByRole('group')).toHaveCount(2)
  // Dark theme: marks and the active row keep their contrast.
  await page.keyboard.press('Escape')
  await page.keyboard.press('Control+Shift+P')
  await page.keyboard.type('Theme: Dark')
  await page.keyboard.press('Enter')
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await page.keyboard.press('Control+k')
  await expect(results.getByRole('group')).toHaveCount(2)
  await app.screenshot(page, 'search-palette-dark')
})

test('a source filter composes with the query, and the library field opens the palette', async ({ page, app }) => {
  await importAll(page)
  // Typing in the library field carries on in the palette without losing a letter.
  await page.getByRole('searchbox', { name: 'Search the library' }).click()
  await page.keyboard.type('Waziristan')
  await expect(palette(page)).toBeVisible()
  await expect(searchBox(page)).toHaveValue('Waziristan')
  const results = palette(page).getByRole('listbox', { name: 'Search results' })
  await expect(results.getByRole('group')).toHaveCount(2)
  await palette(page).getByRole('combobox', { name: 'Source' }).selectOption('Dawn')
  await expect(results.getByRole('group')).toHaveCount(1)
  await expect(results.getByRole('group')).toHaveAttribute('aria-label', 'Karachi harbour dredging begins')
  await app.screenshot(page, 'search-filtered')
  await palette(page).getByRole('combobox', { name: 'Source' }).selectOption('')
  await expect(results.getByRole('group')).toHaveCount(2)
  await page.keyboard.press('Escape')
  await expect(palette(page)).toBeHidden()
})

test('Ctrl+F finds inside the open article with a count, next and previous', async ({ page, app }) => {
  await importAll(page)
  await page.getByRole('link', { name: TITLE }).click()
  await expect(page.locator('article.reader h1')).toHaveText(TITLE)
  await page.keyboard.press('Control+f')
  const find = page.getByRole('searchbox', { name: 'Find in article' })
  await expect(find).toBeFocused()
  await find.fill('TTP')
  const count = page.locator('.find-count')
  await expect(count).toHaveText(/^1 of (\d+)$/)
  const total = Number((await count.innerText()).split(' of ')[1])
  expect(total).toBeGreaterThan(3)
  await page.keyboard.press('Enter')
  await expect(count).toHaveText(`2 of ${total}`)
  await page.getByRole('button', { name: 'Previous match' }).click()
  await expect(count).toHaveText(`1 of ${total}`)
  await page.keyboard.press('Shift+Enter')
  await expect(count).toHaveText(`${total} of ${total}`)
  const current = await page.evaluate(() => [...(CSS.highlights.get('find-current') ?? [])].map((r) => (r as Range).toString()))
  expect(current).toEqual(['TTP'])
  await app.screenshot(page, 'reader-find')
  await find.fill('zzqxv')
  await expect(count).toHaveText('No matches')
  await page.keyboard.press('Escape')
  await expect(find).toBeHidden()
})

test('a note written on a highlight is found through search with note:, and opens its passage', async ({ page, app }) => {
  await importAll(page)
  // Highlight "over 30 militants" with a note, through the same API the reader uses.
  const created = await page.evaluate(async (title) => {
    const call = async (method: string, ...args: unknown[]) => {
      const response = await fetch(`/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ args }) })
      const result = (await response.json()) as { ok: boolean; value: unknown }
      if (!result.ok) throw new Error(`${method} failed`)
      return result.value
    }
    const articles = (await call('listArticles')) as { id: string; title: string }[]
    const id = articles.find((article) => article.title === title)!.id
    const blocks = ((await call('getArticle', id)) as { blocks: { text: string }[] }).blocks
    const text = blocks.map((block) => block.text).join('\n\n')
    const start = text.indexOf('over 30 militants')
    await call('createAnnotation', id, { start, end: start + 'over 30 militants'.length, note: 'Pakistan counts only combatants here', tags: ['casualties'] })
    return start >= 0
  }, TITLE)
  expect(created).toBe(true)
  await page.keyboard.press('Control+k')
  await page.keyboard.type('note:combatants')
  const results = palette(page).getByRole('listbox', { name: 'Search results' })
  const group = results.getByRole('group', { name: TITLE })
  await expect(group).toBeVisible()
  await expect(results.getByRole('group')).toHaveCount(1)
  await expect(group.locator('mark', { hasText: 'combatants' })).toBeVisible()
  await app.screenshot(page, 'search-note')
  await group.getByRole('option').filter({ hasText: 'combatants' }).first().click()
  await expect(page.locator('article.reader h1')).toHaveText(TITLE)
  await expect(page.locator('article.reader mark', { hasText: 'over 30 militants' })).toBeVisible()
})
