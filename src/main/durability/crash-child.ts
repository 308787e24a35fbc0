// The process the crash test kills: it imports articles, annotates each and
// moves the reading position, in a loop, into the archive given as argv[2].
// After each step is durable it prints one line, so the test knows what was
// done before the kill:  "added <id>", "annotated <articleId> <annotationId>".
// It stops by itself after argv[4] articles (the test normally kills it first).

import { writeSync } from 'node:fs'
import { plainText } from '../../shared/anchoring'
import { Archive } from '../core/archive/archive'
import { importDocument } from '../core/import'
import { NotesStore } from '../core/notes'

const [dir, run = '0', limit = '200'] = process.argv.slice(2)

/** writeSync to fd 1: the line is in the pipe before the next step starts. */
const report = (line: string): void => void writeSync(1, `${line}\n`)

function articleText(run: string, n: number): string {
  const words = Array.from({ length: 40 + (n % 7) * 30 }, (_, i) => `word${(i * 7 + n) % 97}`).join(' ')
  return `Field report ${run}-${n}\n\nKabul, run ${run}, item ${n}. ${words}.\n\nSecond paragraph of item ${n}: officials said at least ${n} people were present.\n`
}

async function main(): Promise<void> {
  if (!dir) throw new Error('usage: crash-child <archive-dir> [run] [limit]')
  const archive = await Archive.open(dir)
  const { store } = await NotesStore.open(dir, { articleExists: (id) => archive.has(id) })
  report(`ready ${archive.list().length}`)
  for (let n = 0; n < Number(limit); n++) {
    const doc = await importDocument({ name: `report-${run}-${n}.txt`, data: new TextEncoder().encode(articleText(run, n)) })
    const meta = await archive.add(doc, { fileName: `report-${run}-${n}.txt` })
    report(`added ${meta.id}`)
    const blocks = await archive.readBlocks(meta.id)
    const text = plainText(blocks)
    const start = text.indexOf('officials said')
    const annotation = await store.createAnnotation({ articleId: meta.id, plainText: text, start, end: start + 'officials said'.length, note: `note ${n}` })
    report(`annotated ${meta.id} ${annotation.id}`)
    await archive.setReadingPosition(meta.id, { blockId: blocks[blocks.length - 1]?.id ?? 'b0', fraction: 0.5 })
  }
  await store.close()
  report('finished')
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`)
  process.exit(1)
})
