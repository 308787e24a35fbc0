import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { FIXTURES, expect, test } from './support/app'

const FIXTURE = join(FIXTURES, 'pakistan-ttp-challenge.txt')
const REPORT = 'Pakistan’s TTP Challenge: Strikes, Talks, and Solutions'
const text = (name: string, body: string) => ({ name, mimeType: 'text/plain', buffer: Buffer.from(body) })

// Three accounts of the same December 2024 strikes, as an analyst would collect them.
const KABUL = text(
  'kabul-account.txt',
  'Kabul says Barmal strikes killed civilians\n\n' +
    'Officials of the Afghan Interim Government said on Wednesday that at least 46 people died when Pakistani jets struck villages in the Barmal district of Paktika province.\n\n' +
    'A spokesman said most of the dead were women and children and that no militant camps existed in the area.\n\n' +
    'The Defence Ministry in Kabul promised a response and called the strikes a violation of Afghan sovereignty.\n',
)
const ISLAMABAD = text(
  'islamabad-briefing.txt',
  'Security briefing: Paktika operation targeted TTP hideouts\n\n' +
    'Security officials in Islamabad said the strikes destroyed a training facility and a communications centre used by the Tehrik-i-Taliban Pakistan.\n\n' +
    'They said the operation killed over 30 militants, among them several suicide bombers trained for attacks in South Waziristan.\n\n' +
    'The officials rejected reports of civilian deaths as propaganda and said the strikes were precise and targeted only militants.\n',
)
const MONITOR = text(
  'un-mission-statement.txt',
  'UN mission calls for inquiry into Barmal casualties\n\n' +
    'The United Nations mission in Afghanistan said it had received credible reports that civilians, including women and children, were among those killed in Barmal.\n\n' +
    'It urged both governments to respect international humanitarian law and called for an independent investigation of the strikes.\n',
)

/** Calls the archive the way the page does: POST /api/<method> with the page's own session. */
async function api<T>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  const result = await page.evaluate(
    async ({ method, args }) => {
      const response = await fetch(`/api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ args }) })
      return (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } }
    },
    { method, args },
  )
  if (!result.ok) throw new Error(`${method}: ${result.error?.message}`)
  return result.value as T
}

interface Held {
  id: string
  text: string
}

async function article(page: Page, title: string): Promise<Held> {
  const list = await api<{ id: string; title: string }[]>(page, 'listArticles')
  const found = list.find((a) => a.title === title)
  if (!found) throw new Error(`no article "${title}" among ${list.map((a) => a.title).join(' | ')}`)
  const full = await api<{ blocks: { text: string }[] }>(page, 'getArticle', found.id)
  return { id: found.id, text: full.blocks.map((b) => b.text).join('\n\n') }
}

function range(held: Held, phrase: string): { start: number; end: number } {
  const start = held.text.indexOf(phrase)
  if (start < 0) throw new Error(`"${phrase}" is not in the article`)
  return { start, end: start + phrase.length }
}

async function highlight(page: Page, held: Held, phrase: string, extra: { color?: string; note?: string; tags?: string[] }): Promise<string> {
  return (await api<{ id: string }>(page, 'createAnnotation', held.id, { ...range(held, phrase), ...extra })).id
}

async function linkPassages(page: Page, from: [Held, string], to: [Held, string], relation: string, note = ''): Promise<void> {
  await api(page, 'createLink', { from: { articleId: from[0].id, ...range(...from) }, to: { articleId: to[0].id, ...range(...to) }, relation, note })
}

async function seed(page: Page) {
  await page.getByTestId('import-files').setInputFiles([FIXTURE])
  await page.getByRole('dialog').getByRole('button', { name: /^(Close|Done)$/ }).click()
  await page.getByTestId('import-files').setInputFiles([KABUL, ISLAMABAD, MONITOR])
  await page.getByRole('dialog').getByRole('button', { name: /^(Close|Done)$/ }).click()
  const report = await article(page, REPORT)
  const kabul = await article(page, 'Kabul says Barmal strikes killed civilians')
  const islamabad = await article(page, 'Security briefing: Paktika operation targeted TTP hideouts')
  const monitor = await article(page, 'UN mission calls for inquiry into Barmal casualties')

  await highlight(page, report, 'at least 46 people', { color: 'pink', note: 'The **Taliban** figure; counts *everyone* killed.', tags: ['casualties', 'claims'] })
  await highlight(page, report, 'over 30 militants', { color: 'yellow', note: 'ISPR figure, militants only.', tags: ['casualties', 'Pakistan'] })
  await highlight(page, report, 'thousands of TTP fighters have sought shelter in Afghanistan', { color: 'blue', note: 'Claim made at the UNSC.', tags: ['diplomacy'] })
  await highlight(page, kabul, 'most of the dead were women and children', { color: 'pink', note: 'No independent source yet.', tags: ['casualties', 'civilians'] })
  await highlight(page, monitor, 'called for an independent investigation', { color: 'green', note: 'Follow up in January.', tags: ['diplomacy'] })

  await linkPassages(page, [report, 'over 30 militants'], [report, 'at least 46 people'], 'contradicts', 'Militants only vs. everyone killed.')
  await linkPassages(page, [kabul, 'at least 46 people died'], [report, 'at least 46 people'], 'same-event')
  await linkPassages(page, [islamabad, 'over 30 militants'], [report, 'over 30 militants'], 'supports')
  await linkPassages(page, [monitor, 'civilians, including women and children'], [kabul, 'most of the dead were women and children'], 'supports')
  await linkPassages(page, [monitor, 'civilians, including women and children'], [islamabad, 'targeted only militants'], 'contradicts', 'The UN saw civilian dead.')
  await linkPassages(page, [report, 'Pakistan said thousands of TTP fighters'], [islamabad, 'Tehrik-i-Taliban Pakistan'], 'elaborates')
  return { report, kabul, islamabad, monitor }
}

test('the Notebook lists every note, filters by tag and relation, and opens a passage in context from the keyboard', async ({ page, app }) => {
  const { report } = await seed(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notebook' }).click()
  await expect(page).toHaveURL(/#\/notebook$/)
  const list = page.getByRole('listbox', { name: 'Notes' })
  await expect(list.getByRole('option')).toHaveCount(11)
  await expect(page.getByText('11 notes')).toBeVisible()
  await expect(list.getByText('Taliban', { exact: true })).toHaveJSProperty('tagName', 'STRONG')
  await app.screenshot(page, 'notebook')

  await page.getByLabel('Tag').selectOption('casualties')
  await expect(list.getByRole('option')).toHaveCount(3)
  await expect(page.getByText('3 of 11 notes')).toBeVisible()
  await page.getByLabel('Tag').selectOption('')
  await page.getByLabel('Relation').selectOption('contradicts')
  await expect(list.getByRole('option')).toHaveCount(2)
  await app.screenshot(page, 'notebook-contradicts')

  // The search box narrows further: only the link inside the report.
  await page.getByLabel('Search notes').fill('militants everyone')
  await expect(list.getByRole('option')).toHaveCount(1)
  await list.focus()
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`#/article/${report.id}\\?block=`))
  await expect(page.locator('article.reader h1')).toHaveText(REPORT)
  const passage = page.locator('article.reader').getByText(/neutralized over 30 militants/)
  await expect(passage).toBeInViewport()
})

test('a filter that matches nothing says so, and clearing brings every note back', async ({ page }) => {
  await seed(page)
  await page.evaluate(() => (window.location.hash = '#/notebook'))
  const list = page.getByRole('listbox', { name: 'Notes' })
  await expect(list.getByRole('option')).toHaveCount(11)
  await page.getByLabel('Colour').selectOption('green')
  await page.getByLabel('Relation').selectOption('supports')
  await expect(page.getByText('No note matches these filters.')).toBeVisible()
  await page.getByRole('button', { name: 'Clear filters' }).click()
  await expect(list.getByRole('option')).toHaveCount(11)
})

test('the Notebook and the Map invite a first note in an empty archive', async ({ page }) => {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Notebook' }).click()
  await expect(page.getByRole('heading', { name: 'No notes yet' })).toBeVisible()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click()
  await expect(page.getByRole('heading', { name: 'Nothing linked yet' })).toBeVisible()
})

test('the Map draws articles, passages and a contradicts edge, and opens what is clicked', async ({ page, app }) => {
  const { kabul } = await seed(page)
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Map' }).click()
  const canvas = page.locator('.map-canvas')
  await expect(canvas).toHaveAttribute('data-relations', 'contradicts elaborates same-event supports')
  await expect(page.getByText('6 links between 9 passages')).toBeVisible()
  const nodes = page.getByRole('listbox', { name: 'Articles and passages on the map' })
  await expect(nodes.getByRole('option')).toHaveCount(13)
  await expect(page.getByRole('list', { name: 'Legend' })).toContainText('contradicts')
  await app.screenshot(page, 'map')

  await page.getByLabel('Relation').selectOption('contradicts')
  await expect(canvas).toHaveAttribute('data-relations', 'contradicts')
  await expect(page.getByText('2 links between 4 passages')).toBeVisible()
  await app.screenshot(page, 'map-contradicts')
  // The canvas follows the theme (it reads the CSS variables again when data-theme changes).
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'dark'))
  await app.screenshot(page, 'map-dark')
  await page.evaluate(() => document.documentElement.setAttribute('data-theme', 'light'))
  await page.getByLabel('Relation').selectOption('')

  // The list's first entry is the Kabul article; the next, its first linked passage, comes to the canvas centre.
  await nodes.focus()
  await page.keyboard.press('ArrowDown')
  await expect(nodes.getByRole('option', { selected: true })).toContainText('at least 46 people died')
  const box = await canvas.boundingBox()
  if (!box) throw new Error('the map canvas has no size')
  await canvas.click({ position: { x: box.width / 2, y: box.height / 2 } })
  await expect(page).toHaveURL(new RegExp(`#/article/${kabul.id}\\?block=`))
  await expect(page.locator('article.reader').getByText(/at least 46 people died/)).toBeInViewport()
})

test('the Map’s node list opens an article with Enter', async ({ page }) => {
  const { kabul } = await seed(page)
  await page.evaluate(() => (window.location.hash = '#/map'))
  const nodes = page.getByRole('listbox', { name: 'Articles and passages on the map' })
  await nodes.focus()
  await expect(nodes.getByRole('option', { selected: true })).toContainText('Kabul says Barmal strikes killed civilians')
  await page.keyboard.press('Enter')
  await expect(page).toHaveURL(new RegExp(`#/article/${kabul.id}$`))
})
