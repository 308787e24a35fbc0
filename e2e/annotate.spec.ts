import { join } from 'node:path'
import type { Page } from '@playwright/test'
import { FIXTURES, expect, test } from './support/app'

const FIXTURE = join(FIXTURES, 'pakistan-ttp-challenge.txt')
const TITLE = 'Pakistan’s TTP Challenge: Strikes, Talks, and Solutions'
const ISPR = { name: 'ispr-statement.txt', mimeType: 'text/plain', buffer: Buffer.from('ISPR statement on the Barmal operation\n\nSecurity forces said the operation near the border was precise and targeted only militants.\n') }

/** Selects the first occurrence of `phrase` in the reader, as a user dragging over it would, across highlight marks. */
async function select(page: Page, phrase: string): Promise<void> {
  await page.evaluate((words) => {
    for (const block of document.querySelectorAll<HTMLElement>('article.reader [data-block]')) {
      const at = (block.textContent ?? '').indexOf(words)
      if (at < 0) continue
      block.scrollIntoView({ block: 'center' })
      const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT)
      const range = document.createRange()
      let offset = 0
      for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
        const end = offset + node.data.length
        if (offset <= at && at < end) range.setStart(node, at - offset)
        if (offset < at + words.length && at + words.length <= end) {
          range.setEnd(node, at + words.length - offset)
          break
        }
        offset = end
      }
      document.getSelection()!.removeAllRanges()
      document.getSelection()!.addRange(range)
      return
    }
    throw new Error(`${words} is not on the page`)
  }, phrase)
  // The toolbar shows once the reader has taken the selection in; keys act on it from then.
  await expect(page.getByRole('toolbar', { name: 'Selection' })).toBeVisible()
}

async function importBoth(page: Page) {
  await page.getByTestId('import-files').setInputFiles([FIXTURE])
  await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click()
  await page.getByTestId('import-files').setInputFiles([ISPR])
  await page.getByRole('dialog').getByRole('button', { name: 'Done' }).click()
  await page.getByRole('link', { name: TITLE }).click()
  await expect(page.locator('article.reader h1')).toHaveText(TITLE)
}

test('highlight, note, tag, the 46-vs-30 contradiction, a link across articles followed both ways, and undo of a delete', async ({ page, app }) => {
  await importBoth(page)
  const reader = page.locator('article.reader')
  const panel = page.getByRole('complementary', { name: 'Notes' })

  await select(page, 'at least 46 people')
  await page.keyboard.press('h')
  await expect(reader.locator('mark.hl-yellow', { hasText: 'at least 46 people' })).toBeVisible()

  await select(page, 'over 30 militants')
  await page.getByRole('toolbar', { name: 'Selection' }).getByRole('button', { name: 'Highlight pink' }).click()
  await expect(reader.locator('mark.hl-pink', { hasText: 'over 30 militants' })).toBeVisible()

  // An overlapping highlight: both show, the shared words marked as overlap.
  await select(page, '46 people, including women and children')
  await page.keyboard.press('h')
  await expect(reader.locator('mark.hl-overlap', { hasText: '46 people' })).toBeVisible()
  await app.screenshot(page, 'annotate-reader-highlights')

  // Note and tags on the Taliban figure, rendered as Markdown in the panel.
  await reader.getByRole('button', { name: 'Highlight: at least 46 people' }).click()
  const editor = page.getByRole('dialog', { name: 'Edit highlight' })
  await editor.getByLabel('Note (Markdown)').fill('**Taliban** figure <script>alert(1)</script>')
  await editor.getByLabel('Tags (comma separated)').fill('casualties, claims')
  await editor.getByRole('button', { name: 'Save' }).click()
  await expect(panel.locator('strong', { hasText: 'Taliban' })).toBeVisible()
  await expect(panel.locator('script')).toHaveCount(0)
  await expect(panel.getByText('claims', { exact: true })).toBeVisible()

  // The canonical example: 46 people contradicts 30 militants, in the same article.
  await panel.getByRole('button', { name: /“at least 46 people”/ }).click()
  await page.getByRole('dialog', { name: 'Edit highlight' }).getByRole('button', { name: 'Link to…' }).click()
  const linkDialog = page.getByRole('dialog', { name: /Link “at least 46 people” to/ })
  await linkDialog.getByRole('searchbox').fill('TTP Challenge')
  await linkDialog.getByRole('button', { name: new RegExp(TITLE) }).first().click()
  await linkDialog.getByRole('searchbox').fill('neutralized over 30')
  await linkDialog.getByRole('button', { name: /neutralized over 30 militants/ }).click()
  await linkDialog.getByLabel(/Exact words/).fill('over 30 militants')
  await linkDialog.getByLabel('Relation').selectOption('contradicts')
  await linkDialog.getByLabel(/Note \(optional/).fill('Civilians versus militants')
  await app.screenshot(page, 'annotate-link-dialog')
  await linkDialog.getByRole('button', { name: 'Create link' }).click()
  await expect(linkDialog).toBeHidden()
  const outgoing = panel.locator('.link-list').first()
  await expect(outgoing.getByText('contradicts')).toBeVisible()
  await expect(outgoing.getByRole('button', { name: /Go to “over 30 militants”/ })).toBeVisible()

  // A link to a passage in another article, with a custom label.
  await select(page, 'civilians were targeted')
  await page.keyboard.press('l')
  const second = page.getByRole('dialog', { name: /Link “civilians were targeted” to/ })
  await second.getByRole('searchbox').fill('ISPR statement')
  await second.getByRole('button', { name: /ISPR statement/ }).first().click()
  await second.getByRole('button', { name: /Security forces said/ }).click()
  await second.getByLabel('Relation').selectOption('__custom__')
  await second.getByLabel('Custom relation').fill('disputed by')
  await second.getByRole('button', { name: 'Create link' }).click()
  await expect(panel.getByText('disputed by')).toBeVisible()
  await app.screenshot(page, 'annotate-side-panel')

  // Follow the link to the other article, then its backlink home.
  await panel.getByRole('button', { name: /Go to “Security forces said/ }).click()
  await expect(page.locator('article.reader h1')).toHaveText('ISPR statement on the Barmal operation')
  await expect(page.locator('mark.hl-flash')).toBeVisible()
  const backlinks = page.getByRole('complementary', { name: 'Notes' })
  await expect(backlinks.getByText('disputed by')).toBeVisible()
  await backlinks.getByRole('button', { name: /Go to “civilians were targeted”/ }).click()
  await expect(page.locator('article.reader h1')).toHaveText(TITLE)
  await expect(page.locator('mark.hl-flash', { hasText: 'civilians were targeted' })).toBeVisible()

  // Delete a highlight, then undo.
  await reader.getByRole('button', { name: 'Highlight: over 30 militants' }).click()
  await page.getByRole('dialog', { name: 'Edit highlight' }).getByRole('button', { name: 'Delete' }).click()
  await expect(reader.locator('mark.hl-pink')).toHaveCount(0)
  await page.getByRole('button', { name: 'Undo' }).click()
  await expect(reader.locator('mark.hl-pink', { hasText: 'over 30 militants' })).toBeVisible()
})
