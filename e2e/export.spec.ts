import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { parse } from 'csv-parse/sync'
import { FIXTURES, expect, test } from './support/app'

const FIXTURE = join(FIXTURES, 'pakistan-ttp-challenge.txt')
const QUOTE = 'at least 46 people'

/** Calls the app's own API from the page, as the UI would (same origin, same token). */
async function callApi<T>(page: Page, method: string, ...args: unknown[]): Promise<T> {
  const result = await page.evaluate(
    async ([name, body]) => (await fetch(`/api/${name}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })).json(),
    [method, JSON.stringify({ args })] as const,
  )
  const typed = result as { ok: boolean; value: T; error?: { message: string } }
  if (!typed.ok) throw new Error(`${method}: ${typed.error?.message}`)
  return typed.value
}

/** Imports the fixture through the UI, signs as Ana, and highlights a passage with a note. */
async function annotatedArchive(page: Page): Promise<{ articleId: string }> {
  await page.getByTestId('import-files').setInputFiles(FIXTURE)
  await expect(page.getByRole('dialog')).toContainText('1 imported')
  await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click()
  await page.getByRole('button', { name: 'Backup & sharing…' }).click()
  const name = page.getByLabel('Your name')
  await name.fill('Ana')
  await name.press('Enter')
  await page.getByRole('dialog').getByRole('button', { name: 'Close' }).click()
  await expect.poll(async () => (await callApi<{ userName: string }>(page, 'getPreferences')).userName).toBe('Ana')
  const articles = await callApi<{ id: string; title: string }[]>(page, 'listArticles')
  const article = articles.find((a) => a.title.startsWith('Pakistan'))
  if (!article) throw new Error('the fixture was not imported')
  const text = (await callApi<{ blocks: { text: string }[] }>(page, 'getArticle', article.id)).blocks.map((b) => b.text).join('\n\n')
  const start = text.indexOf(QUOTE)
  await callApi(page, 'createAnnotation', article.id, { start, end: start + QUOTE.length, note: '=HYPERLINK("x") casualty figure to verify', tags: ['casualties'] })
  return { articleId: article.id }
}

async function exportAs(page: Page, format: RegExp): Promise<{ name: string; text: string }> {
  await page.getByRole('button', { name: 'Export notes…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export notes' })
  await dialog.getByRole('radio', { name: format }).check()
  const downloaded = page.waitForEvent('download')
  await dialog.getByRole('button', { name: 'Export', exact: true }).click()
  const download = await downloaded
  await expect(dialog.getByRole('status')).toContainText('Saved')
  const path = await download.path()
  const text = await readFile(path, 'utf8')
  await dialog.getByRole('button', { name: 'Close' }).click()
  return { name: download.suggestedFilename(), text }
}

test('exports the notebook as CSV from the Export dialog; the file parses and neutralises formulas', async ({ page, app }) => {
  await annotatedArchive(page)
  await page.getByRole('button', { name: 'Export notes…' }).click()
  const dialog = page.getByRole('dialog', { name: 'Export notes' })
  await expect(dialog.getByRole('radio', { name: 'The whole notebook' })).toBeChecked()
  await dialog.getByRole('radio', { name: /CSV spreadsheet/ }).check()
  await app.screenshot(page, 'export-dialog')
  await dialog.getByRole('button', { name: 'Close' }).click()
  const csv = await exportAs(page, /CSV spreadsheet/)
  expect(csv.name).toMatch(/\.csv$/)
  const rows = parse(csv.text, { bom: true, columns: true }) as Record<string, string>[]
  expect(rows).toHaveLength(1)
  const cells = Object.values(rows[0] ?? {})
  expect(cells.join('|')).toContain(QUOTE)
  expect(cells.some((cell) => cell.startsWith('='))).toBe(false)
  const html = await exportAs(page, /HTML report/)
  expect(html.text).toContain(QUOTE)
  expect(html.text).not.toMatch(/(src|href)=["']?(https?:)?\/\//i)
})

test('exports one article from the reader as JSON-LD', async ({ page }) => {
  const { articleId } = await annotatedArchive(page)
  await page.goto(`${new URL(page.url()).origin}/#/article/${articleId}`)
  await page.getByRole('button', { name: 'Export notes…' }).click()
  await expect(page.getByRole('radio', { name: /This article: “Pakistan/ })).toBeChecked()
  await page.getByRole('button', { name: 'Close' }).click()
  const json = await exportAs(page, /JSON \(Web Annotation\)/)
  const doc = JSON.parse(json.text) as { type: string; articles: { id: string }[]; first: { items: { creator?: { name: string } }[] } }
  expect(doc.type).toBe('AnnotationCollection')
  expect(doc.articles.map((a) => a.id)).toEqual([`urn:dossier:article:${articleId}`])
  expect(doc.first.items[0]?.creator?.name).toBe('Ana')
})

test('backs up the archive, then restores it after a confirmation that says what will happen', async ({ page, app }) => {
  await page.getByRole('button', { name: 'Backup & sharing…' }).click()
  const dialog = page.getByRole('dialog')
  const downloaded = page.waitForEvent('download')
  await dialog.getByRole('button', { name: 'Download a backup' }).click()
  const backup = await downloaded
  expect(backup.suggestedFilename()).toMatch(/^dossier-backup-.*\.zip$/)
  await expect(dialog.getByRole('status')).toContainText('Saved dossier-backup-')
  const backupBytes = await readFile(await backup.path())
  await dialog.getByRole('button', { name: 'Done' }).click()

  await page.getByTestId('import-files').setInputFiles(FIXTURE)
  await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click()
  await expect(page.getByRole('row', { name: /Pakistan/ })).toBeVisible()

  await page.getByRole('button', { name: 'Backup & sharing…' }).click()
  await dialog.getByLabel('Backup file').setInputFiles({ name: 'my-backup.zip', mimeType: 'application/zip', buffer: backupBytes })
  const confirm = dialog.getByRole('alertdialog', { name: 'Confirm restore' })
  await expect(confirm).toContainText('my-backup.zip is a good backup')
  await expect(confirm).toContainText('Restoring replaces everything in this archive')
  await app.screenshot(page, 'restore-confirm')
  await dialog.getByRole('button', { name: 'Replace my archive with this backup' }).click()
  await expect(dialog.getByRole('status')).toContainText('The archive you had is kept')
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(page.getByRole('row', { name: /Pakistan/ })).toHaveCount(0)
  await expect(page.getByRole('row', { name: /Welcome to Dossier/ })).toBeVisible()

  await page.getByRole('button', { name: 'Backup & sharing…' }).click()
  await dialog.getByLabel('Backup file').setInputFiles({ name: 'cut.zip', mimeType: 'application/zip', buffer: backupBytes.subarray(0, 200) })
  await expect(dialog.getByRole('alert')).toContainText('cut.zip')
})

test("merges a colleague's file and reports what was added, what conflicted and what was skipped", async ({ page, app }) => {
  await annotatedArchive(page)
  const mine = JSON.parse((await exportAs(page, /JSON \(Web Annotation\)/)).text) as {
    first: { items: Record<string, unknown>[] }
  }
  // Ben's file: he edited Ana's highlight later, added one of his own, and one on an article he did not send.
  const original = mine.first.items[0] ?? {}
  const edited = { ...original, modified: '2099-01-01T00:00:00.000Z', creator: { type: 'Person', name: 'Ben' }, body: [{ type: 'TextualBody', value: 'Ben: confirmed by the ministry', purpose: 'commenting' }] }
  const added = { ...original, id: 'urn:dossier:annotation:ben-1', creator: { type: 'Person', name: 'Ben' } }
  const orphan = { ...added, id: 'urn:dossier:annotation:ben-2', target: { ...(original['target'] as object), source: 'urn:dossier:article:not-sent', article: 'urn:dossier:article:not-sent' } }
  mine.first.items = [edited, added, orphan]
  const shared = Buffer.from(JSON.stringify(mine))

  await page.getByRole('button', { name: 'Backup & sharing…' }).click()
  const dialog = page.getByRole('dialog')
  await dialog.getByLabel('Notes file').setInputFiles({ name: 'ben-notes.json', mimeType: 'application/json', buffer: shared })
  await expect(dialog).toContainText('Nothing has changed yet')
  await expect(dialog).toContainText('Will add')
  await dialog.getByRole('button', { name: 'Merge these notes' }).click()
  await expect(dialog.getByRole('heading', { name: 'Merge report' })).toBeVisible()
  await expect(dialog).toContainText('0 articles, 1 highlight, 0 links')
  await expect(dialog).toContainText('Edited on both sides')
  await expect(dialog).toContainText('their version kept')
  await expect(dialog).toContainText('Highlight ben-2: its article')
  await expect(dialog).toContainText('Written by')
  await expect(dialog).toContainText('Ben')
  await app.screenshot(page, 'merge-report')

  // The same file again changes nothing.
  await dialog.getByRole('button', { name: 'Back' }).click()
  await dialog.getByLabel('Notes file').setInputFiles({ name: 'ben-notes.json', mimeType: 'application/json', buffer: shared })
  await expect(dialog).toContainText('0 articles, 0 highlights, 0 links')
  await expect(dialog.locator('.merge-counts')).toContainText(/Conflicts\s*none/)
})
