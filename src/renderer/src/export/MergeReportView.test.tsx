// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import type { MergeReport } from '../../../shared/api/exchange'
import { bundle } from './download'
import { MergeReportView } from './MergeReportView'

afterEach(cleanup)

const report = (changes: Partial<MergeReport> = {}): MergeReport => ({
  fileName: 'ben.json',
  applied: true,
  added: { articles: 1, annotations: 2, links: 0 },
  unchanged: { articles: 0, annotations: 1, links: 1 },
  matched: [],
  conflicts: [],
  skipped: [],
  authors: [],
  ...changes,
})

describe('MergeReportView', () => {
  it('lists added, unchanged, conflicts and skipped items with their reasons', () => {
    render(
      <MergeReportView
        report={report({
          conflicts: [{ kind: 'annotation', id: 'a1', winner: 'current', message: 'Annotation on “Grid” differs: yours is newer' }],
          skipped: [{ kind: 'link', id: 'l9', reason: 'its article “Gone” is neither in the file nor in this archive' }],
          matched: [{ title: 'Prices', by: 'url' }],
          authors: ['Ben', 'Chloé'],
        })}
      />,
    )
    expect(screen.getByText('1 article, 2 highlights, 0 links')).toBeTruthy()
    expect(screen.getByText('0 articles, 1 highlight, 1 link')).toBeTruthy()
    expect(screen.getByText('Ben, Chloé')).toBeTruthy()
    expect(screen.getByRole('heading', { name: 'Edited on both sides' })).toBeTruthy()
    expect(screen.getByText(/yours is newer/).textContent).toContain('your version kept')
    const skipped = within(screen.getByRole('heading', { name: 'Not imported' }).parentElement as HTMLElement)
    expect(skipped.getByRole('listitem').textContent).toBe('Link l9: its article “Gone” is neither in the file nor in this archive')
    expect(screen.getByText(/“Prices”/).textContent).toContain('same web address')
  })

  it('says "Will add" for a preview and "none" when nothing conflicted or was skipped', () => {
    render(<MergeReportView report={report({ applied: false })} />)
    expect(screen.getByText('Will add')).toBeTruthy()
    expect(screen.getAllByText('none')).toHaveLength(2)
    expect(screen.queryByRole('heading', { name: 'Not imported' })).toBeNull()
  })

  it('shows markup in a shared file as text, never as HTML', () => {
    const payload = '<img src=x onerror="window.hacked=1">'
    const { container } = render(<MergeReportView report={report({ skipped: [{ kind: 'annotation', reason: payload }], authors: [payload] })} />)
    expect(container.querySelector('img')).toBeNull()
    expect(container.textContent).toContain(payload)
  })
})

describe('bundle', () => {
  it('passes one file through, zips several, and gives nothing for none', () => {
    const one = { name: 'a.csv', mime: 'text/csv', data: new Uint8Array([1]) }
    expect(bundle([one], 'x.zip')).toBe(one)
    expect(bundle([], 'x.zip')).toBeUndefined()
    const zipped = bundle([one, { ...one, name: 'b.md' }], 'notes.zip')
    expect(zipped?.name).toBe('notes.zip')
    expect([...(zipped?.data.subarray(0, 2) ?? [])]).toEqual([0x50, 0x4b])
  })
})
