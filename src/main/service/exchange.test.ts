import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { parse } from 'csv-parse/sync'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { DossierApi, ExportRequest, ImportFile } from '../../shared/api'
import type { DossierEvent, JobProgress } from '../../shared/events'
import type { Result } from '../../shared/result'
import { BLOCK_SEPARATOR } from '../../shared/types'
import { bucketOf } from '../core/notes/buckets'
import { openService, type DossierService } from '.'

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text)
const text = (bytes: Uint8Array): string => new TextDecoder().decode(bytes)
const file = (name: string, body: string | Uint8Array): ImportFile => ({ name, data: typeof body === 'string' ? utf8(body) : body })

function valueOf<T>(result: Result<T>): T {
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`)
  return result.value
}
function errorOf<T>(result: Result<T>) {
  if (result.ok) throw new Error('expected a failure')
  return result.error
}

let root: string
const opened: DossierService[] = []

async function open(name: string): Promise<DossierService> {
  const service = await openService(join(root, name))
  opened.push(service)
  return service
}

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'dossier-exchange-'))
})
afterEach(async () => {
  for (const service of opened.splice(0)) await service.close()
  await rm(root, { recursive: true, force: true })
})

const GRID = 'Grid storage\n\nThe grid operator added 2 GW of storage in 2023, more than planned.\n\nCritics said the figure hides =SUM(A1) tricks.\n'
const PRICES = 'Power prices\n\nWholesale prices fell by a third in spring as storage came online.\n'

/** An analyst's archive: two articles, two highlights, a link between them. */
async function notebook(service: DossierService, author = 'Ana') {
  const outcome = valueOf(await service.api.importFiles([file('grid.txt', GRID), file('prices.txt', PRICES)]))
  const [grid, prices] = outcome.imported
  if (!grid || !prices) throw new Error('fixture articles were not imported')
  await service.api.updateArticle(grid.id, { tags: ['energy'] })
  const highlight = async (articleId: string, quote: string, note: string, tags: string[] = []) => {
    const plainText = (await service.archive.readBlocks(articleId)).map((b) => b.text).join(BLOCK_SEPARATOR)
    const start = plainText.indexOf(quote)
    return service.notes.createAnnotation({ articleId, plainText, start, end: start + quote.length, note, tags, author })
  }
  const a1 = await highlight(grid.id, 'added 2 GW of storage', 'Check against ENTSO-E', ['storage'])
  const a2 = await highlight(prices.id, 'fell by a third', '=1+1 looks like a formula')
  const link = await service.notes.createLink({ from: { annotationId: a1.id }, to: { annotationId: a2.id }, relation: 'supports', author })
  return { grid, prices, a1, a2, link }
}

async function exportAll(api: DossierApi, request: Partial<ExportRequest> = {}) {
  return valueOf(await api.exportNotes({ format: 'json', scope: { all: true }, ...request }))
}

const notesOf = (service: DossierService) => ({
  annotations: service.notes.listAllAnnotations().sort((a, b) => a.id.localeCompare(b.id)),
  links: service.notes.listAllLinks().sort((a, b) => a.id.localeCompare(b.id)),
})

describe('merge round trip through the service', () => {
  it('export JSON then merge into an empty archive gives the same articles, annotations and links', async () => {
    const ana = await open('ana')
    const { grid, prices } = await notebook(ana)
    const [json] = (await exportAll(ana.api)).files
    if (!json) throw new Error('no file')
    const ben = await open('ben')
    const report = valueOf(await ben.api.mergeNotes(file(json.name, json.data)))
    expect(report).toMatchObject({ applied: true, added: { articles: 2, annotations: 2, links: 1 }, skipped: [], conflicts: [], authors: ['Ana'] })
    expect(notesOf(ben)).toEqual(notesOf(ana))
    const titles = valueOf(await ben.api.listArticles()).map((a) => a.title)
    expect(titles).toEqual(expect.arrayContaining([grid.title, prices.title]))
    expect(valueOf(await ben.api.getArticle(grid.id)).blocks).toEqual(valueOf(await ana.api.getArticle(grid.id)).blocks)
  })

  it('merging the same file twice changes nothing the second time', async () => {
    const ana = await open('ana')
    await notebook(ana)
    const [json] = (await exportAll(ana.api)).files
    if (!json) throw new Error('no file')
    const ben = await open('ben')
    valueOf(await ben.api.mergeNotes(file('ana.json', json.data)))
    const before = { notes: notesOf(ben), articles: valueOf(await ben.api.listArticles()) }
    const again = valueOf(await ben.api.mergeNotes(file('ana.json', json.data)))
    expect(again.added).toEqual({ articles: 0, annotations: 0, links: 0 })
    expect(again.unchanged).toEqual({ articles: 2, annotations: 2, links: 1 })
    expect({ notes: notesOf(ben), articles: valueOf(await ben.api.listArticles()) }).toEqual(before)
  })

  it('an annotation edited on both sides: the newest wins, the other is kept as history and reported', async () => {
    const ana = await open('ana')
    const { a1 } = await notebook(ana)
    const [first] = (await exportAll(ana.api)).files
    const ben = await open('ben')
    valueOf(await ben.api.mergeNotes(file('ana.json', first?.data ?? new Uint8Array())))
    await ben.notes.updateAnnotation(a1.id, { note: 'Ben: the figure is net of closures' })
    // Ana edits later, so her version is the newest.
    await new Promise((resolve) => setTimeout(resolve, 5))
    await ana.notes.updateAnnotation(a1.id, { note: 'Ana: confirmed with the operator' })
    const [second] = (await exportAll(ana.api)).files
    const preview = valueOf(await ben.api.previewMerge(file('ana-2.json', second?.data ?? new Uint8Array())))
    expect(preview.applied).toBe(false)
    expect(ben.notes.getAnnotation(a1.id)?.note).toBe('Ben: the figure is net of closures')
    const report = valueOf(await ben.api.mergeNotes(file('ana-2.json', second?.data ?? new Uint8Array())))
    expect(report.conflicts).toMatchObject([{ kind: 'annotation', id: a1.id, winner: 'incoming' }])
    const merged = ben.notes.getAnnotation(a1.id)
    expect(merged?.note).toBe('Ana: confirmed with the operator')
    expect(merged?.history?.map((h) => h.note)).toEqual(['Ben: the figure is net of closures'])
  })
})

describe('merge refuses bad input and never half-merges', () => {
  async function setup() {
    const ana = await open('ana')
    const fixture = await notebook(ana)
    const [json] = (await exportAll(ana.api)).files
    if (!json) throw new Error('no file')
    const ben = await open('ben')
    const before = { notes: notesOf(ben), articles: valueOf(await ben.api.listArticles()) }
    const unchanged = async () => {
      expect({ notes: notesOf(ben), articles: valueOf(await ben.api.listArticles()) }).toEqual(before)
      expect(await readdir(join(root, 'ben'))).not.toContain('.merge-rollback')
    }
    return { ana, ben, json: text(json.data), fixture, unchanged }
  }

  it('refuses to merge when a notes file of the archive cannot be read, and changes nothing', async () => {
    const { ben, json, fixture, unchanged } = await setup()
    // The prices article's notes bucket is a folder: it cannot be read, nor replaced.
    await mkdir(join(root, 'ben', 'notes', 'annotations', `${bucketOf(fixture.prices.id)}.json`), { recursive: true })
    const error = errorOf(await ben.api.mergeNotes(file('ana.json', json)))
    expect(error.code).toBe('io-error')
    expect(error.message).toMatch(/nothing was merged/)
    await unchanged()
    expect(await readdir(join(root, 'ben', 'articles'))).toHaveLength(1)
  })

  it('refuses a truncated file, naming it, and changes nothing', async () => {
    const { ben, json, unchanged } = await setup()
    const error = errorOf(await ben.api.mergeNotes(file('ana.json', json.slice(0, json.length / 2))))
    expect(error).toMatchObject({ code: 'parse-failed', file: 'ana.json' })
    expect(error.message).toMatch(/truncated/)
    await unchanged()
  })

  it('refuses a file from a newer Dossier', async () => {
    const { ben, json, unchanged } = await setup()
    const newer = JSON.parse(json) as { formatVersion: number }
    newer.formatVersion = 99
    expect(errorOf(await ben.api.mergeNotes(file('new.json', JSON.stringify(newer)))).message).toMatch(/newer Dossier/)
    await unchanged()
  })

  it('skips notes on an article the file does not carry, says why, and merges the rest', async () => {
    const { ben, json, fixture } = await setup()
    const partial = JSON.parse(json) as { articles: { id: string }[] }
    partial.articles = partial.articles.filter((a) => a.id !== `urn:dossier:article:${fixture.prices.id}`)
    const report = valueOf(await ben.api.mergeNotes(file('partial.json', JSON.stringify(partial))))
    expect(report.added).toEqual({ articles: 1, annotations: 1, links: 0 })
    expect(report.skipped.map((s) => [s.kind, s.id])).toEqual([
      ['annotation', fixture.a2.id],
      ['link', fixture.link.id],
    ])
    expect(report.skipped[0]?.reason).toMatch(/neither in the file nor in this archive/)
  })

  it('refuses a tampered article text and a file too large to be notes', async () => {
    const { ben, json } = await setup()
    const tampered = json.replaceAll('added 2 GW', 'added 9 GW')
    const report = valueOf(await ben.api.mergeNotes(file('t.json', tampered)))
    expect(report.skipped.some((s) => s.kind === 'article' && /content hash/.test(s.reason))).toBe(true)
    const huge = new Uint8Array(65 * 1024 * 1024).fill(0x20)
    expect(errorOf(await ben.api.mergeNotes(file('huge.json', huge))).code).toBe('too-large')
    expect(errorOf(await ben.api.mergeNotes(file('a.json', 'not json at all'))).code).toBe('parse-failed')
    expect(errorOf(await ben.api.mergeNotes({ name: '../x.json', data: 'x' } as unknown as ImportFile)).code).toBe('invalid-argument')
  })
})

describe('export through the service', () => {
  it('CSV: one row per annotation and one per link, BOM, formulas neutralised, parses with csv-parse', async () => {
    const ana = await open('ana')
    const { grid } = await notebook(ana)
    const [csv] = valueOf(await ana.api.exportNotes({ format: 'csv', scope: { all: true } })).files
    if (!csv) throw new Error('no file')
    expect([...csv.data.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    const rows = parse(text(csv.data), { bom: true, columns: true }) as Record<string, string>[]
    expect(rows.map((r) => r.kind).sort()).toEqual(['annotation', 'annotation', 'link'])
    expect(rows.map((r) => Object.values(r).join('|')).join('\n')).toContain(grid.title)
    for (const row of rows) for (const cell of Object.values(row)) expect(cell).not.toMatch(/^[=+\-@]/)
    expect(csv.mime).toBe('text/csv')
  })

  it('JSON-LD: an AnnotationCollection whose items carry the Web Annotation fields', async () => {
    const ana = await open('ana')
    await notebook(ana)
    const outcome = await exportAll(ana.api)
    // Three articles: the two annotated ones and the welcome article every archive starts with.
    expect(outcome).toMatchObject({ articles: 3, annotations: 2, links: 1 })
    const doc = JSON.parse(text(outcome.files[0]?.data ?? new Uint8Array())) as {
      '@context': unknown[]
      type: string
      first: { items: { id: string; type: string; motivation: string; target: { source: string; selector: { type: string }[] } }[] }
    }
    expect(doc['@context'][0]).toBe('http://www.w3.org/ns/anno.jsonld')
    expect(doc.type).toBe('AnnotationCollection')
    for (const item of doc.first.items) {
      expect(item.type).toBe('Annotation')
      expect(item.motivation).toMatch(/^(commenting|highlighting|linking)$/)
      expect(item.target.selector.map((s) => s.type)).toEqual(['TextQuoteSelector', 'TextPositionSelector'])
    }
  })

  it('Markdown: one file per article whose links name the other exported file', async () => {
    const ana = await open('ana')
    await notebook(ana)
    const { files } = valueOf(await ana.api.exportNotes({ format: 'markdown', scope: { all: true } }))
    const names = files.map((f) => f.name)
    expect(names).toHaveLength(3)
    let resolved = 0
    for (const f of files) {
      expect(text(f.data)).toMatch(/^---\n/)
      const targets = [...text(f.data).matchAll(/\]\(([^)#\s]+\.md)(#[^)]*)?\)/g)].map((m) => decodeURI(m[1] ?? ''))
      for (const target of targets) expect(names).toContain(target)
      resolved += targets.length
    }
    // The link shows at both ends: Grid's file points to Prices' and back.
    expect(resolved).toBeGreaterThanOrEqual(2)
  })

  it('HTML: a standalone report with no external references', async () => {
    const ana = await open('ana')
    await notebook(ana)
    const [html] = valueOf(await ana.api.exportNotes({ format: 'html', scope: { tag: 'energy' } })).files
    const page = text(html?.data ?? new Uint8Array())
    expect(page).toContain('added 2 GW of storage')
    expect(page).not.toMatch(/<(script|link|img|iframe)\b/i)
    expect(page).not.toMatch(/(src|href)=["']?(https?:)?\/\//i)
  })

  it('scopes by article, refuses an unknown article or tag, and refuses bad requests', async () => {
    const ana = await open('ana')
    const { prices } = await notebook(ana)
    expect(valueOf(await ana.api.exportNotes({ format: 'json', scope: { articleId: prices.id } }))).toMatchObject({ articles: 1, annotations: 1 })
    expect(errorOf(await ana.api.exportNotes({ format: 'json', scope: { articleId: 'nope' } })).code).toBe('not-found')
    expect(errorOf(await ana.api.exportNotes({ format: 'json', scope: { tag: 'nothing-here' } })).code).toBe('not-found')
    const loose = ana.api.exportNotes as unknown as (...a: unknown[]) => Promise<Result<unknown>>
    for (const bad of [[], [{ format: 'docx', scope: { all: true } }], [{ format: 'csv', scope: { all: false } }], [{ format: 'csv', scope: { articleId: '../x' } }], [{ format: 'csv', scope: {} }]]) {
      expect(errorOf(await loose(...bad)).code).toBe('invalid-argument')
    }
  })

  it('reports progress per article, and a cancelled export stops with a cancelled state', async () => {
    const ana = await open('ana')
    await notebook(ana)
    const seen: JobProgress[] = []
    ana.events.subscribe((event: DossierEvent) => event.type === 'job-progress' && seen.push(event.payload))
    valueOf(await ana.api.exportNotes({ format: 'html', scope: { all: true }, jobId: 'export-1' }))
    expect(seen.map((p) => [p.kind, p.state, p.done, p.total])).toEqual([
      ['export', 'running', 1, 3],
      ['export', 'running', 2, 3],
      ['export', 'running', 3, 3],
      ['export', 'done', 3, 3],
    ])
    const running = ana.api.exportNotes({ format: 'html', scope: { all: true }, jobId: 'export-2' })
    expect(valueOf(await ana.api.cancelJob('export-2'))).toBe(true)
    expect(errorOf(await running).code).toBe('cancelled')
    expect(seen.at(-1)).toMatchObject({ jobId: 'export-2', state: 'cancelled' })
  })
})

describe('backup and restore through the service', () => {
  it('restores the archive as it was at the backup and keeps serving', async () => {
    const ana = await open('ana')
    const { a1 } = await notebook(ana)
    const backup = valueOf(await ana.api.backupArchive())
    expect(backup.name).toMatch(/^dossier-backup-.*\.zip$/)
    const before = valueOf(await ana.api.listArticles()).map((a) => a.id)
    valueOf(await ana.api.importFiles([file('later.txt', 'Later article\n\nWritten after the backup was taken, so restore removes it.\n')]))
    await ana.notes.deleteAnnotation(a1.id)
    const summary = valueOf(await ana.api.inspectBackup(file(backup.name, backup.data)))
    expect(summary.files).toBeGreaterThan(2)
    const restored = valueOf(await ana.api.restoreBackup(file(backup.name, backup.data)))
    expect(restored.previousFolder).toMatch(/^ana\.before-restore-/)
    expect(valueOf(await ana.api.listArticles()).map((a) => a.id)).toEqual(before)
    expect(ana.notes.getAnnotation(a1.id)?.note).toBe('Check against ENTSO-E')
  })

  it('refuses a tampered or truncated backup before touching the archive', async () => {
    const ana = await open('ana')
    await notebook(ana)
    const backup = valueOf(await ana.api.backupArchive())
    const truncated = backup.data.subarray(0, backup.data.length - 40)
    expect(errorOf(await ana.api.inspectBackup(file('b.zip', truncated))).code).toBe('damaged')
    const error = errorOf(await ana.api.restoreBackup(file('b.zip', truncated)))
    expect(error.message).toMatch(/b\.zip/)
    expect(errorOf(await ana.api.restoreBackup(file('notes.json', 'not a zip'))).code).toBe('unsupported-format')
    expect(await readdir(root)).toEqual(['ana'])
    expect(valueOf(await ana.api.listArticles())).toHaveLength(3)
  })
})

describe('PDF export', () => {
  it('is refused with a clear reason where no printer exists (browser mode, CLI), and nothing is written', async () => {
    const service = await open('no-printer')
    await notebook(service)
    const error = errorOf(await service.api.exportNotes({ format: 'pdf', scope: { all: true } }))
    expect(error.code).toBe('unsupported-format')
    expect(error.message).toMatch(/desktop app.*HTML report/)
  })

  it('prints the HTML report through the desktop shell’s printer, one PDF file', async () => {
    const printed: string[] = []
    const service = await openService(join(root, 'desktop'), {
      printToPdf: async (html) => {
        printed.push(html)
        return new TextEncoder().encode('%PDF-1.7')
      },
    })
    opened.push(service)
    await notebook(service)
    const outcome = valueOf(await service.api.exportNotes({ format: 'pdf', scope: { all: true } }))
    expect(outcome.files).toHaveLength(1)
    expect(outcome.files[0]).toMatchObject({ mime: 'application/pdf' })
    expect(outcome.files[0]!.name).toMatch(/\.pdf$/)
    expect(new TextDecoder().decode(outcome.files[0]!.data)).toBe('%PDF-1.7')
    expect(printed).toHaveLength(1)
    expect(printed[0]).toContain('added 2 GW of storage')
    expect(printed[0]).not.toMatch(/<script|src="https?:/i)
  })
})
