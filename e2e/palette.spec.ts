import { expect, test } from './support/app'

test('the command palette lists actions and runs the chosen one from the keyboard', async ({ page, app }) => {
  await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible()
  await page.keyboard.press('Control+Shift+P')
  const palette = page.getByRole('dialog', { name: 'Command palette' })
  await expect(palette).toBeVisible()
  await page.keyboard.type('sepia')
  await expect(palette.getByRole('option')).toHaveCount(1)
  await app.screenshot(page, 'command-palette')
  await page.keyboard.press('Enter')
  await expect(palette).toBeHidden()
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'sepia')

  await page.keyboard.press('Control+Shift+P')
  await page.keyboard.type('trash')
  await page.keyboard.press('Enter')
  await expect(page.getByRole('heading', { name: 'Trash' })).toBeVisible()
})

test('a command that matches nothing says so', async ({ page }) => {
  await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible()
  await page.keyboard.press('Control+Shift+P')
  await page.keyboard.type('zzqx no such command')
  await expect(page.getByText('No command matches.')).toBeVisible()
  await page.keyboard.press('Escape')
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeHidden()
})
