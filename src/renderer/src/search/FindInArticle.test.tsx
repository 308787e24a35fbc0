// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { useRef } from 'react'
import { afterEach, beforeAll, describe, expect, it } from 'vitest'
import { FindInArticle } from './FindInArticle'

beforeAll(() => {
  Element.prototype.scrollIntoView = () => undefined
})
afterEach(cleanup)

function Reader({ terms }: { terms?: string }) {
  const ref = useRef<HTMLDivElement>(null)
  return (
    <>
      <div ref={ref} tabIndex={-1} data-testid="article">
        <p>The TTP claimed the attack in South Waziristan.</p>
        <p>
          Officials said the <em>TT</em>P would face talks; ttp leaders refused.
        </p>
      </div>
      <FindInArticle container={ref} terms={terms} />
    </>
  )
}

async function openFind() {
  fireEvent.keyDown(window, { key: 'f', ctrlKey: true })
  const input = await screen.findByRole('searchbox', { name: 'Find in article' })
  await waitFor(() => expect(document.activeElement).toBe(input))
  return input
}

describe('FindInArticle', () => {
  it('opens on Ctrl+F and counts matches across inline elements, ignoring case', async () => {
    render(<Reader />)
    await userEvent.type(await openFind(), 'ttp')
    expect(await screen.findByText('1 of 3')).toBeTruthy()
  })

  it('steps with Enter, Shift+Enter and the buttons, wrapping at both ends', async () => {
    render(<Reader />)
    await userEvent.type(await openFind(), 'TTP')
    await screen.findByText('1 of 3')
    await userEvent.keyboard('{Enter}')
    expect(screen.getByText('2 of 3')).toBeTruthy()
    await userEvent.keyboard('{Enter}{Enter}')
    expect(screen.getByText('1 of 3')).toBeTruthy()
    await userEvent.keyboard('{Shift>}{Enter}{/Shift}')
    expect(screen.getByText('3 of 3')).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Next match' }))
    expect(screen.getByText('1 of 3')).toBeTruthy()
    await userEvent.click(screen.getByRole('button', { name: 'Previous match' }))
    expect(screen.getByText('3 of 3')).toBeTruthy()
  })

  it('says when nothing matches and disables stepping', async () => {
    render(<Reader />)
    await userEvent.type(await openFind(), 'Quetta')
    expect(await screen.findByText('No matches')).toBeTruthy()
    expect((screen.getByRole('button', { name: 'Next match' }) as HTMLButtonElement).disabled).toBe(true)
  })

  it('closes on Escape and gives focus back to the article', async () => {
    render(<Reader />)
    await openFind()
    await userEvent.keyboard('{Escape}')
    expect(screen.queryByRole('searchbox', { name: 'Find in article' })).toBeNull()
    expect(document.activeElement).toBe(screen.getByTestId('article'))
  })

  it('shows the words a search hit marked, until cleared', async () => {
    render(<Reader terms="Waziristan" />)
    expect(screen.getByRole('status').textContent).toContain('Waziristan')
    await userEvent.click(screen.getByRole('button', { name: 'Clear marks' }))
    expect(screen.queryByRole('status')).toBeNull()
  })
})
