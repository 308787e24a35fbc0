import { describe, expect, it } from 'vitest'
import { batchFiles, groupKey } from './batches'
import { MAX_FILES_PER_CALL } from './limits'

describe('batchFiles', () => {
  it('keeps a saved page and its _files folder in one batch', () => {
    expect(groupKey('news/Story_files/lead.jpg')).toBe('news/Story')
    expect(groupKey('news/Story.html')).toBe('news/Story')
    const files = [
      ...Array.from({ length: MAX_FILES_PER_CALL - 1 }, (_, i) => ({ name: `notes/${i}.md`, size: 10 })),
      { name: 'news/Story.html', size: 10 },
      { name: 'news/Story_files/lead.jpg', size: 10 },
    ]
    const batches = batchFiles(files)
    const withPage = batches.find((batch) => batch.some((f) => f.name === 'news/Story.html'))
    expect(withPage?.map((f) => f.name)).toContain('news/Story_files/lead.jpg')
    expect(batches.every((batch) => batch.length <= MAX_FILES_PER_CALL)).toBe(true)
  })

  it('splits by size so no request carries more than the batch limit of small files', () => {
    const files = Array.from({ length: 10 }, (_, i) => ({ name: `${i}.pdf`, size: 20 * 1024 * 1024 }))
    const batches = batchFiles(files)
    expect(batches.map((b) => b.length)).toEqual([2, 2, 2, 2, 2])
  })

  it('returns no batch for no files and never loses a file', () => {
    expect(batchFiles([])).toEqual([])
    const files = Array.from({ length: 450 }, (_, i) => ({ name: `f${i}.txt`, size: 1 }))
    expect(batchFiles(files).flat()).toHaveLength(450)
  })
})
