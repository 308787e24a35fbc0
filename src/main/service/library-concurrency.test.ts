// Several callers at once on one service, as the HTTP server has them under the
// load bench: import jobs, annotations and listings overlapping. Every article
// reported imported must stay listed (and on disk), and the welcome article with them.

import { describe, expect, it } from 'vitest'
import type { ImportFile, ImportOutcome } from '../../shared/api'
import { api, article, file, ids, reopenService, useFreshService, valueOf } from './library.test-support'

useFreshService()

const batch = (job: number, n: number): ImportFile[] =>
  Array.from({ length: n }, (_, i) => file(`job-${job}-${i}.txt`, article(`Job ${job} Article ${i}`, `Body of article ${i} of job ${job}, reference R${job}x${i}, long enough to count as text.`)))

describe('concurrent callers on one service', () => {
  it('lists every article reported imported, and the welcome article, while imports, annotations and listings overlap', async () => {
    const before = await ids()
    expect(before).toHaveLength(1)
    const imported: string[] = []
    let annotations = 0
    const importer = async (job: number) => {
      for (let round = 0; round < 3; round++) {
        const outcome = valueOf(await api.importFiles(batch(job * 10 + round, 6)))
        expect(outcome.failed).toEqual([])
        expect(outcome.duplicates).toEqual([])
        imported.push(...outcome.imported.map((meta) => meta.id))
        await Promise.all(
          outcome.imported.map(async (meta) => {
            valueOf(await api.createAnnotation(meta.id, { start: 0, end: 3, note: `note ${meta.id}`, tags: ['load'] }))
            annotations++
          }),
        )
      }
    }
    let importing = true
    const lister = async () => {
      while (importing) {
        const listed = new Set(valueOf(await api.listArticles()).map((meta) => meta.id))
        // Nothing listed once may vanish while the load goes on.
        for (const id of [...before, ...imported]) expect(listed.has(id)).toBe(true)
        await new Promise((resolve) => setImmediate(resolve))
      }
    }
    const listing = lister()
    await Promise.all([1, 2, 3, 4].map(importer)).finally(() => (importing = false))
    await listing

    expect(imported).toHaveLength(4 * 3 * 6)
    const listed = await ids()
    expect(new Set(listed).size).toBe(listed.length)
    expect(new Set(listed)).toEqual(new Set([...before, ...imported]))
    expect(valueOf(await api.listAllAnnotations({}))).toHaveLength(annotations)
    // What was listed is what is on disk.
    await reopenService()
    expect(new Set(await ids())).toEqual(new Set([...before, ...imported]))
  })

  it('stores one text imported by two jobs at the same time once, and reports the other as a duplicate of it', async () => {
    const count = (await ids()).length
    const outcomes: ImportOutcome[] = (await Promise.all([api.importFiles([file('first.txt', article('Same Report'))]), api.importFiles([file('second.txt', article('Same Report'))])])).map(valueOf)
    const imported = outcomes.flatMap((outcome) => outcome.imported)
    const duplicates = outcomes.flatMap((outcome) => outcome.duplicates)
    expect(imported).toHaveLength(1)
    expect(duplicates.map((d) => d.existingId)).toEqual([imported[0]!.id])
    expect((await ids()).length).toBe(count + 1)
  })
})
