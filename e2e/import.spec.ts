import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { makePdf } from '../src/main/core/import/pdf/make-pdf'
import { expect, test } from './support/app'

// A real 2×2 PNG, so the browser can show the saved page's image.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGNkYPjPwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64')
const words = (sentence: string, times: number) => Array.from({ length: times }, () => sentence).join(' ')

const NEWS_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Crane operators return as port strike ends</title>
<meta property="og:site_name" content="The Harbour Times"></head><body>
<header><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav></header>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Tweet</a></div>
<article><h1>Crane operators return as port strike ends</h1><p class="byline">By Priya Natarajan</p>
<p>${words('Crane operators returned to the container terminal on Tuesday after the union accepted a revised offer.', 3)}</p>
<figure><img src="Crane strike_files/crane.png" alt="Cranes"><figcaption>Cranes back at work on Tuesday morning.</figcaption></figure>
<p>${words('The agreement caps automation at the northern berths until 2027 and funds retraining for displaced workers.', 3)}</p></article>
<section class="comments"><h2>Leave a Reply</h2><form><textarea>Your email address will not be published.</textarea></form></section>
<footer>© The Harbour Times. All rights reserved.</footer></body></html>`

const MARKDOWN = `---
title: Field notes from the northern berths
author: Awa Diop
date: 2024-11-14
tags: [ports, labour]
---

## Morning

${words('Dock workers gathered at the gate before dawn to hear the ballot result read aloud.', 3)}
`

const TEXT = `Shipping lanes briefing\n\n${words('Insurers raised war-risk premiums for vessels transiting the strait this week.', 4)}\n`

async function mixedFolder(): Promise<string> {
  const root = await mkdtemp(join(tmpdir(), 'dossier-mixed-'))
  const folder = join(root, 'research')
  await mkdir(join(folder, 'web', 'Crane strike_files'), { recursive: true })
  await mkdir(join(folder, 'notes'), { recursive: true })
  await writeFile(join(folder, 'web', 'Crane strike.html'), NEWS_PAGE)
  await writeFile(join(folder, 'web', 'Crane strike_files', 'crane.png'), PNG)
  await writeFile(join(folder, 'notes', 'field-notes.md'), MARKDOWN)
  await writeFile(join(folder, 'notes', 'briefing.txt'), TEXT)
  await writeFile(join(folder, 'notes', 'briefing copy.txt'), TEXT)
  await writeFile(join(folder, 'broken.pdf'), '%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage with no end')
  const pdf = await makePdf({
    pages: [
      [{ text: 'Port Authority Quarterly Report', size: 18 }, { text: 'Throughput fell by a third during the strike as ships were diverted to neigh-', gapBefore: 8 }, { text: 'bouring ports along the coast.' }],
      [{ text: 'Berth 4 reopens in March once the dredging work is complete.', gapBefore: 8 }],
    ],
  })
  await writeFile(join(folder, 'quarterly.pdf'), pdf)
  return folder
}

async function openFromSummary(page: Page, title: string): Promise<void> {
  await page.getByRole('dialog').getByRole('button', { name: title }).click()
  await expect(page.locator('article.reader').getByRole('heading', { level: 1 })).toHaveText(title)
}

test('a folder of mixed formats imports through the UI with a summary, and each article reads right', async ({ page, app }) => {
  const folder = await mixedFolder()
  await page.getByTestId('import-folder').setInputFiles(folder)
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByRole('heading', { name: 'Import finished' })).toBeVisible()
  await expect(dialog).toContainText('4 imported · 1 duplicates skipped · 1 failed')
  await expect(dialog.getByRole('list').filter({ hasText: 'broken.pdf' })).toContainText('broken.pdf is damaged or is not a complete PDF file')
  // Whichever of the two identical briefings came first is kept; the other is the duplicate.
  await expect(dialog).toContainText(/research\/notes\/briefing( copy)?\.txt is “Shipping lanes briefing”/)
  await app.screenshot(page, 'import-folder-summary')

  await openFromSummary(page, 'Crane operators return as port strike ends')
  const reader = page.locator('article.reader')
  await expect(reader).toContainText('funds retraining for displaced workers')
  await expect(reader).not.toContainText('Share on Facebook')
  await expect(reader).not.toContainText('Leave a Reply')
  const image = reader.locator('img')
  await expect(image).toHaveAttribute('src', /^\/media\/[^/]+\/image-1\.png$/)
  await expect.poll(() => image.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBe(2)
  await app.screenshot(page, 'import-saved-page-reader')

  await page.getByRole('button', { name: 'Back to the library' }).click()
  await page.getByRole('link', { name: 'Port Authority Quarterly Report' }).click()
  await expect(reader).toContainText('ships were diverted to neighbouring ports along the coast.')
  await expect(reader.getByLabel('page 2')).toBeVisible()
  await app.screenshot(page, 'import-pdf-reader')

  await page.getByRole('button', { name: 'Back to the library' }).click()
  await page.getByRole('link', { name: 'Field notes from the northern berths' }).click()
  await expect(page.locator('.byline')).toContainText('Awa Diop')
  await expect(reader.getByRole('heading', { name: 'Morning' })).toBeVisible()
  await rm(join(folder, '..'), { recursive: true, force: true })
})

test('cancelling a large import midway keeps the articles already finished', async ({ page, app }) => {
  const files = Array.from({ length: 1000 }, (_, i) => ({
    name: `note-${String(i).padStart(4, '0')}.txt`,
    mimeType: 'text/plain',
    buffer: Buffer.from(`Note number ${i}\n\n${words(`Observation ${i} from the harbour watch, logged at the gate.`, 3)}\n`),
  }))
  await page.getByTestId('import-files').setInputFiles(files)
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByText(/Reading note-/)).toBeVisible()
  await expect(dialog.locator('.import-counts')).toContainText(/^[1-9]\d* of 1000 files/)
  await dialog.getByRole('button', { name: 'Cancel import' }).click()
  await expect(dialog.getByRole('heading', { name: 'Import cancelled' })).toBeVisible()
  await app.screenshot(page, 'import-cancelled')
  const imported = Number((await dialog.locator('.import-counts').textContent())?.match(/· (\d+) imported/)?.[1])
  expect(imported).toBeGreaterThan(0)
  expect(imported).toBeLessThan(1000)
  await expect(dialog.locator('.import-counts')).toContainText(`${imported} of 1000 files`)
  await dialog.getByRole('button', { name: 'Done' }).click()
  const listed = await page.evaluate(async () => (await (await fetch('/api/listArticles', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"args":[]}' })).json()) as { value: { title: string }[] })
  const notes = listed.value.filter((article) => article.title.startsWith('Note number'))
  expect(notes).toHaveLength(imported)
})

test('article details are corrected in a dialog with inline validation, and the library shows them', async ({ page, app }) => {
  await page.getByTestId('import-files').setInputFiles({ name: 'briefing.txt', mimeType: 'text/plain', buffer: Buffer.from(TEXT) })
  await openFromSummary(page, 'Shipping lanes briefing')
  await page.locator('.reader-scroll').focus()
  await page.keyboard.press('e')
  const dialog = page.getByRole('dialog', { name: 'Edit details' })
  await expect(dialog).toBeVisible()
  await dialog.getByLabel('Title').fill('')
  await dialog.getByLabel(/^Published/).fill('14/11/2024')
  await dialog.getByLabel(/^URL/).fill('javascript:alert(1)')
  await dialog.getByRole('button', { name: 'Save' }).click()
  await expect(dialog.getByText('An article needs a title.')).toBeVisible()
  await expect(dialog.getByText('Write the date as YYYY-MM-DD')).toBeVisible()
  await expect(dialog.getByText('Enter a web address starting with https:// or http://.')).toBeVisible()
  await expect(dialog.getByLabel('Title')).toBeFocused()
  await app.screenshot(page, 'metadata-dialog-errors')

  await dialog.getByLabel('Title').fill('Strait shipping: war-risk premiums rise')
  await dialog.getByLabel('Byline').fill('Lloyd’s desk')
  await dialog.getByLabel(/^Published/).fill('2024-11-14')
  await dialog.getByLabel(/^URL/).fill('https://news.example/strait')
  await dialog.getByLabel(/^Tags/).fill('shipping, insurance')
  await dialog.getByLabel(/^Tags/).press('Enter')
  await expect(dialog).toBeHidden()
  await expect(page.locator('article.reader').getByRole('heading', { level: 1 })).toHaveText('Strait shipping: war-risk premiums rise')
  await expect(page.locator('.byline')).toContainText('Lloyd’s desk')
  await page.getByRole('button', { name: 'Back to the library' }).click()
  await expect(page.getByRole('row', { name: /Strait shipping: war-risk premiums rise/ })).toBeVisible()
  await app.screenshot(page, 'metadata-edited-library')
})

test('Fetch from the web names the site, fetches only on request and imports the page', async ({ page, app }) => {
  const server: Server = createServer((req, res) => {
    if (req.url === '/crane') res.writeHead(200, { 'content-type': 'text/html' }).end(NEWS_PAGE)
    else res.writeHead(404).end()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`
  try {
    // In the dark theme, so its notice and errors are seen there too.
    await page.evaluate(() => fetch('/api/setPreferences', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{"args":[{"theme":"dark"}]}' }))
    await page.reload()
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
    await page.getByRole('button', { name: 'Import ▾' }).click()
    await page.getByRole('menuitem', { name: 'Fetch from the web…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Fetch from the web' })
    await expect(dialog).toContainText('connects to a website, and only to the address you enter')
    await dialog.getByLabel('Web address').fill('ftp://example.org/file')
    await dialog.getByRole('button', { name: 'Fetch and import' }).click()
    await expect(dialog.getByText('Enter a web address starting with https:// or http://.')).toBeVisible()
    await dialog.getByLabel('Web address').fill(`http://${host}/missing`)
    await expect(dialog).toContainText(`Dossier will connect to ${host} once to download this page`)
    await dialog.getByRole('button', { name: `Connect to ${host} and import` }).click()
    await expect(dialog.getByRole('alert')).toContainText('answered 404')
    await app.screenshot(page, 'fetch-from-web-404-dark')
    await dialog.getByLabel('Web address').fill(`http://${host}/crane`)
    await app.screenshot(page, 'fetch-from-web-dialog')
    await dialog.getByRole('button', { name: `Connect to ${host} and import` }).click()
    await dialog.getByRole('button', { name: 'Crane operators return as port strike ends' }).click()
    const reader = page.locator('article.reader')
    await expect(reader).toContainText('funds retraining for displaced workers')
    await expect(reader.getByRole('link', { name: 'original' })).toHaveAttribute('href', `http://${host}/crane`)
    // Remote images stay remote: the figure is dropped, never fetched.
    await expect(reader.locator('img')).toHaveCount(0)
  } finally {
    server.closeAllConnections()
    await new Promise((resolve) => server.close(resolve))
  }
})
