// Annotation save suite: what one highlight, one edit and one link cost to save
// in an archive already holding notes on every article. The notes store files
// notes in hash buckets, so the figures should barely move from 1,000 to
// 10,000 articles (DESIGN: one lowdb file took 40 ms at 1k and 509 ms at 10k).

import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describeRange } from '../../src/shared/anchoring'
import { HIGHLIGHT_COLORS, type Annotation, type PassageLink } from '../../src/shared/notes'
import { NotesStore } from '../../src/main/core/notes'
import { BUCKET_COUNT, bucketOf } from '../../src/main/core/notes/buckets'
import { NOTES_FORMAT } from '../../src/main/core/notes/schema'
import { generateArticle, rng } from '../lib/generate'
import { percentile, type Row } from '../lib/stats'
import type { Suite, SuiteOptions } from './suite'

/** A heavy reader: two highlights on every article and a link from every other one. */
const HIGHLIGHTS_PER_ARTICLE = 2
const LINK_EVERY = 2
const WARM_UP = 20
const SAMPLES = 300
const TARGET_MS = '< 25'

interface Seeded {
  dir: string
  texts: (index: number) => string
  annotations: number
  links: number
}

const stamp = new Date(Date.UTC(2025, 0, 1)).toISOString()

function passage(text: string, r: () => number): { start: number; end: number } {
  const start = Math.floor(r() * (text.length - 200))
  return { start, end: start + 40 + Math.floor(r() * 120) }
}

/** Writes the bucket files directly (in the store's own format, checked again at open): saving 30,000 notes one by one would take minutes. */
async function seed(count: number): Promise<Seeded> {
  const dir = await mkdtemp(join(tmpdir(), `dossier-bench-notes-${count}-`))
  const r = rng(count)
  const text = (index: number) => generateArticle(index).text
  const annotationBuckets = new Map<string, Annotation[]>()
  const linkBuckets = new Map<string, PassageLink[]>()
  const file = <T>(buckets: Map<string, T[]>, articleId: string, item: T) => {
    const bucket = bucketOf(articleId)
    buckets.set(bucket, [...(buckets.get(bucket) ?? []), item])
  }
  let annotations = 0
  let links = 0
  for (let i = 0; i < count; i++) {
    const articleId = `a${i}`
    const body = text(i)
    for (let h = 0; h < HIGHLIGHTS_PER_ARTICLE; h++) {
      const { start, end } = passage(body, r)
      file(annotationBuckets, articleId, {
        id: `h${i}-${h}`,
        target: { articleId, ...describeRange(body, start, end) },
        color: HIGHLIGHT_COLORS[h % HIGHLIGHT_COLORS.length]!,
        note: `Seeded note ${i}.${h}: compare with the **ministry** figures.`,
        tags: ['security'],
        author: 'bench',
        created: stamp,
        modified: stamp,
      })
      annotations++
    }
    if (i % LINK_EVERY === 0 && count > 1) {
      const other = (i + 1 + Math.floor(r() * (count - 1))) % count
      const otherText = text(other)
      const a = passage(body, r)
      const b = passage(otherText, r)
      file(linkBuckets, articleId, {
        id: `l${i}`,
        from: { articleId, ...describeRange(body, a.start, a.end) },
        to: { articleId: `a${other}`, ...describeRange(otherText, b.start, b.end) },
        relation: i % 3 === 0 ? 'contradicts' : 'supports',
        note: '',
        author: 'bench',
        created: stamp,
        modified: stamp,
      })
      links++
    }
  }
  const write = async (kind: string, buckets: Map<string, unknown[]>) => {
    await mkdir(join(dir, 'notes', kind), { recursive: true })
    for (const [bucket, items] of buckets) await writeFile(join(dir, 'notes', kind, `${bucket}.json`), JSON.stringify({ format: NOTES_FORMAT, items }))
  }
  await write('annotations', annotationBuckets)
  await write('links', linkBuckets)
  return { dir, texts: text, annotations, links }
}

async function timed(samples: number[], run: () => Promise<unknown>): Promise<void> {
  const start = performance.now()
  await run()
  samples.push(performance.now() - start)
}

async function measure(count: number, log: SuiteOptions['log']): Promise<Row[]> {
  const scale = count.toLocaleString('en-US')
  log(`annotations: seeding ${scale} articles' notes…`)
  const seeded = await seed(count)
  const openStart = performance.now()
  // A long backup interval: a background snapshot must not land inside a timed save.
  const { store, notices } = await NotesStore.open(seeded.dir, { backups: { intervalMs: 24 * 3_600_000 } })
  const openMs = performance.now() - openStart
  if (notices.length > 0) throw new Error(`the seeded notes did not open cleanly: ${notices.join('; ')}`)
  const r = rng(count + 1)
  const create: number[] = []
  const update: number[] = []
  const link: number[] = []
  const texts = new Map<number, string>()
  const textOf = (i: number) => texts.get(i) ?? texts.set(i, seeded.texts(i)).get(i)!
  try {
    for (let n = 0; n < WARM_UP + SAMPLES; n++) {
      const i = Math.floor(r() * count)
      const j = Math.floor(r() * count)
      const plainText = textOf(i)
      // Warm-up saves are timed into a list nobody reads.
      const into = (list: number[]) => (n < WARM_UP ? [] : list)
      let made: Annotation | undefined
      await timed(into(create), async () => {
        made = await store.createAnnotation({ articleId: `a${i}`, plainText, ...passage(plainText, r), note: 'Bench note', tags: ['bench'] })
      })
      await timed(into(update), () => store.updateAnnotation(made!.id, { note: 'Bench note, edited', color: 'green' }))
      const otherText = textOf(j)
      await timed(into(link), () =>
        store.createLink({ from: { annotationId: made!.id }, to: { articleId: `a${j}`, plainText: otherText, ...passage(otherText, r) }, relation: 'supports' }),
      )
    }
  } finally {
    await store.close()
    await rm(seeded.dir, { recursive: true, force: true })
  }
  const note = `${seeded.annotations.toLocaleString('en-US')} highlights, ${seeded.links.toLocaleString('en-US')} links in ${BUCKET_COUNT} buckets`
  const row = (metric: string, value: number, unit = 'ms', target?: string): Row => ({ suite: 'annotations', scale, metric, value, unit, ...(target ? { target } : {}), note })
  return [
    row('open notes store', openMs),
    row('save new highlight p50', percentile(create, 50), 'ms', TARGET_MS),
    row('save new highlight p95', percentile(create, 95), 'ms', TARGET_MS),
    row('edit highlight p50', percentile(update, 50), 'ms', TARGET_MS),
    row('edit highlight p95', percentile(update, 95), 'ms', TARGET_MS),
    row('save new link p50', percentile(link, 50), 'ms', TARGET_MS),
    row('save new link p95', percentile(link, 95), 'ms', TARGET_MS),
  ]
}

export const annotationsSuite: Suite = {
  name: 'annotations',
  async run({ scales, log }) {
    const rows: Row[] = []
    for (const count of scales) rows.push(...(await measure(count, log)))
    return rows
  },
}
