import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { FIXTURES, expect, test } from './support/app'

const FIXTURE = join(FIXTURES, 'pakistan-ttp-challenge.txt')
const TITLE = 'Pakistan’s TTP Challenge: Strikes, Talks, and Solutions'

test('a new archive opens on the welcome article', async ({ page, app }) => {
  await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible()
  await expect(page.getByRole('row', { name: /Welcome to Dossier/ })).toBeVisible()
  await app.screenshot(page, 'library-welcome')
  await page.getByRole('link', { name: 'Welcome to Dossier' }).click()
  await expect(page.getByRole('heading', { level: 1, name: 'Welcome to Dossier' })).toBeVisible()
  await expect(page.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: 'Bring your material in' })).toBeVisible()
})

test('importing the fixture through the UI gives a real article: title, headings, list, no boilerplate', async ({ page, app }) => {
  await page.getByTestId('import-files').setInputFiles(FIXTURE)
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByRole('heading', { name: 'Import finished' })).toBeVisible()
  await expect(dialog).toContainText('1 imported')
  await dialog.getByRole('button', { name: TITLE }).click()

  const reader = page.locator('article.reader')
  await expect(reader.getByRole('heading', { level: 1 })).toHaveText(TITLE)
  await expect(reader.getByRole('heading', { name: 'AIG’s Response to Cross-Border Strikes' })).toBeVisible()
  await expect(reader.getByRole('heading', { name: 'December 24 Strikes: Targeting TTP Strongholds' })).toBeVisible()
  await expect(reader.getByRole('listitem')).toHaveCount(2)
  await expect(reader.getByRole('listitem').first()).toContainText('Interior Minister Khalifa Sirajuddin Haqqani')
  await expect(reader).toContainText('at least 46 people, including women and children')
  await expect(reader).toContainText('neutralized over 30 militants')
  await expect(reader).not.toContainText('Add a Comment')
  await expect(reader).not.toContainText('Your email address will not be published')
  await expect(reader).not.toContainText('Your go-to editorial hub')
  await expect(reader.locator('.reading-meta')).toContainText(/1,4\d\d words · \d+ min read/)
  const toc = page.getByRole('navigation', { name: 'Contents' })
  await expect(toc.getByRole('link')).toHaveCount(8)
  await app.screenshot(page, 'reader-light')
})

test('the contents list jumps to a section and the reading position is remembered', async ({ page, app }) => {
  await page.getByTestId('import-files').setInputFiles(FIXTURE)
  await page.getByRole('dialog').getByRole('button', { name: TITLE }).click()
  // The position is saved once scrolling settles.
  const saved = page.waitForResponse((response) => response.url().endsWith('/api/setReadingPosition'))
  await page.getByRole('navigation', { name: 'Contents' }).getByRole('link', { name: 'December 24 Strikes: Targeting TTP Strongholds' }).click()
  await expect(page.getByRole('heading', { name: 'December 24 Strikes: Targeting TTP Strongholds' })).toBeInViewport()
  await saved
  await page.reload()
  await expect(page.getByRole('heading', { name: 'December 24 Strikes: Targeting TTP Strongholds' })).toBeInViewport()
  await app.screenshot(page, 'reader-position-restored')
})

test('themes, text size and line width change the reader and persist', async ({ page, app }) => {
  await page.getByTestId('import-files').setInputFiles(FIXTURE)
  await page.getByRole('dialog').getByRole('button', { name: TITLE }).click()
  await page.getByRole('button', { name: 'Reading settings' }).click()
  await page.getByRole('radio', { name: 'Sepia' }).check()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'sepia')
  await app.screenshot(page, 'reader-sepia')
  await page.getByRole('radio', { name: 'Dark' }).check()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  const size = page.getByRole('slider', { name: /Text size/ })
  await size.fill('24')
  await expect(page.locator('article.reader')).toHaveCSS('font-size', '24px')
  await page.keyboard.press('Escape')
  await app.screenshot(page, 'reader-dark')
  await page.reload()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark')
  await expect(page.locator('article.reader')).toHaveCSS('font-size', '24px')
})

test('dropping a file on the window imports it', async ({ page }) => {
  const text = await readFile(FIXTURE, 'utf8')
  const transfer = await page.evaluateHandle((content) => {
    const data = new DataTransfer()
    data.items.add(new File([content], 'dropped.txt', { type: 'text/plain' }))
    return data
  }, text)
  await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer })
  await expect(page.getByText('Drop files or folders to import them')).toBeVisible()
  await page.dispatchEvent('body', 'drop', { dataTransfer: transfer })
  await expect(page.getByRole('dialog')).toContainText('1 imported')
})

test('bad files are refused with the file named and the reason, and the library is unchanged', async ({ page, app }) => {
  await page.getByTestId('import-files').setInputFiles([
    { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    { name: 'photo.txt', mimeType: 'text/plain', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 1, 0]) },
    { name: 'report.docx', mimeType: 'application/octet-stream', buffer: Buffer.from('PK\u0003\u0004 fake word document with zip header') },
  ])
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('0 imported')
  await expect(dialog).toContainText('3 failed')
  const errors = dialog.locator('.import-errors li')
  await expect(errors).toHaveCount(3)
  await expect(errors.filter({ hasText: 'empty.txt' })).toContainText(/empty/i)
  await expect(errors.filter({ hasText: 'photo.txt' })).toBeVisible()
  await expect(errors.filter({ hasText: 'report.docx' })).toBeVisible()
  await app.screenshot(page, 'import-errors')
  await dialog.getByRole('button', { name: 'Done' }).click()
  await expect(page.locator('.library-row[role="row"]:not(.library-head)')).toHaveCount(1)
})

test('text in Windows-1252 and UTF-16 is decoded, not garbled', async ({ page }) => {
  const cp1252 = Buffer.from('Caf\u00e9 notes\n\nThe d\u00e9tente \u0093held\u0094 for now.\n', 'latin1')
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Na\u00efve report\n\nKhowarazmi said \u201cno\u201d.\n', 'utf16le')])
  await page.getByTestId('import-files').setInputFiles([
    { name: 'cafe.txt', mimeType: 'text/plain', buffer: cp1252 },
    { name: 'naive.txt', mimeType: 'text/plain', buffer: utf16 },
  ])
  const dialog = page.getByRole('dialog')
  await expect(dialog).toContainText('2 imported')
  await dialog.getByRole('button', { name: 'Café notes' }).click()
  await expect(page.locator('article.reader')).toContainText('The détente “held” for now.')
  await page.getByRole('button', { name: 'Back to the library' }).click()
  await page.getByRole('link', { name: 'Naïve report' }).click()
  await expect(page.locator('article.reader')).toContainText('Khowarazmi said “no”.')
})

test('deleting an article can be undone, and a deleted article waits in the trash', async ({ page, app }) => {
  await page.getByTestId('import-files').setInputFiles(FIXTURE)
  await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click()
  await page.getByRole('button', { name: `Delete ${TITLE}` }).click()
  await expect(page.getByRole('link', { name: TITLE })).toHaveCount(0)
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(page.getByRole('link', { name: TITLE })).toBeVisible()
  await page.getByRole('button', { name: `Delete ${TITLE}` }).click()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Trash' }).click()
  await expect(page.getByRole('link', { name: TITLE })).toBeVisible()
  await app.screenshot(page, 'trash')
  await page.getByRole('button', { name: `Restore ${TITLE}` }).click()
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Library' }).click()
  await expect(page.getByRole('link', { name: TITLE })).toBeVisible()
})

test('the library sorts by title, source, date and length', async ({ page }) => {
  await page.getByTestId('import-files').setInputFiles([
    { name: 'pakistan-ttp-challenge.txt', mimeType: 'text/plain', buffer: await readFile(FIXTURE) },
    { name: 'alpha.md', mimeType: 'text/markdown', buffer: Buffer.from('# Alpha brief\n\nA short note on border closures and trade.\n') },
  ])
  await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click()
  const titles = page.locator('.library-row:not(.library-head) .col-title a')
  await page.getByRole('button', { name: /^Title/ }).click()
  await expect(titles).toHaveText(['Alpha brief', TITLE, 'Welcome to Dossier'])
  await page.getByRole('button', { name: /^Title/ }).click()
  await expect(titles).toHaveText(['Welcome to Dossier', TITLE, 'Alpha brief'])
  await page.getByRole('button', { name: /^Words/ }).click()
  await expect(titles.first()).toHaveText(TITLE)
})

test('the library is usable from the keyboard', async ({ page }) => {
  await page.getByTestId('import-files').setInputFiles(FIXTURE)
  await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click()
  await page.locator('.library-scroller').focus()
  await page.keyboard.press('Home')
  await page.keyboard.press('Enter')
  await expect(page.locator('article.reader h1')).toBeVisible()
})
