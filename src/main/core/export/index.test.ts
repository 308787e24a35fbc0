import { describe, expect, it } from 'vitest'
import { DossierFailure } from '../../../shared/result'
import { EXPORT_FORMATS, exportNotes } from './index'
import { OPTIONS, sampleSelection } from './test-fixtures'

describe('exportNotes', () => {
  it('gives one file per article for markdown and one file for every other format', async () => {
    for (const format of EXPORT_FORMATS) {
      const files = await exportNotes(format, sampleSelection(), OPTIONS)
      expect(files.length, format).toBe(format === 'markdown' ? 3 : 1)
      for (const file of files) expect(file.name).not.toMatch(/[/\\]/)
    }
  })

  it('reports progress after each article, ending at the total', async () => {
    const seen: [number, number][] = []
    await exportNotes('csv', sampleSelection(), { ...OPTIONS, onProgress: (done, total) => seen.push([done, total]) })
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
      [3, 3],
    ])
  })

  it('stops with a cancelled failure when the signal fires during the export', async () => {
    const controller = new AbortController()
    const seen: number[] = []
    const run = exportNotes('html', sampleSelection(), {
      ...OPTIONS,
      signal: controller.signal,
      onProgress: (done) => {
        seen.push(done)
        if (done === 1) controller.abort()
      },
    })
    await expect(run).rejects.toSatisfy((error) => error instanceof DossierFailure && error.code === 'cancelled')
    expect(seen).toEqual([1])
  })

  it('refuses to start when the signal has already fired', async () => {
    const controller = new AbortController()
    controller.abort()
    await expect(exportNotes('json', sampleSelection(), { ...OPTIONS, signal: controller.signal })).rejects.toBeInstanceOf(
      DossierFailure,
    )
  })

  it('gives the same output whatever order the selection arrives in', async () => {
    const forward = sampleSelection()
    const reversed = { ...forward, articles: [...forward.articles].reverse(), annotations: [...forward.annotations].reverse() }
    for (const format of EXPORT_FORMATS) {
      expect(await exportNotes(format, reversed, OPTIONS)).toEqual(await exportNotes(format, forward, OPTIONS))
    }
  })
})
