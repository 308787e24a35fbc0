// `dossier export | backup | restore | merge`: the exchange API on the command
// line. Files are written atomically and an existing file is never replaced
// without --force; every file is checked before the first one is written.

import { readFile, stat } from 'node:fs/promises'
import { basename, join, resolve } from 'node:path'
import { EXPORT_FORMATS, type ExportFormat, type ExportScope, type ExportedFile, type MergeReport } from '../shared/api/exchange'
import type { Result } from '../shared/result'
import { writeFileDurably } from '../main/core/store/durable-file'
import type { DossierService } from '../main/service'
import { CliError, type CliIo } from './main'

export const EXCHANGE_COMMANDS = ['export', 'backup', 'restore', 'merge'] as const

export const EXCHANGE_USAGE = `  export --format F (--article ID | --tag T | --all) --out PATH [--force]
                                 export notes: F is markdown (a folder, one file per article),
                                 markdown-combined, csv, json or html
  backup --out FILE [--force]    back up the whole archive to one zip file
  restore FILE                   replace the archive with a verified backup (the old one is kept beside it)
  merge FILE                     merge a colleague's JSON export into the archive`

export interface ExchangeValues {
  format?: string
  article?: string
  tag?: string
  all?: boolean
  out?: string
  force?: boolean
  json?: boolean
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new CliError(result.error.message)
  return result.value
}

const kindOf = (path: string) =>
  stat(path).then(
    (s) => (s.isDirectory() ? 'folder' : 'file'),
    () => undefined,
  )

function scopeOf(values: ExchangeValues): ExportScope {
  const given = [values.article !== undefined, values.tag !== undefined, values.all === true].filter(Boolean).length
  if (given !== 1) throw new CliError('export needs exactly one of --article ID, --tag T or --all', 2)
  if (values.article !== undefined) return { articleId: values.article }
  if (values.tag !== undefined) return { tag: values.tag }
  return { all: true }
}

/** Refuses before writing anything when one of the targets exists and --force was not given. */
async function writeAll(targets: [string, ExportedFile][], force: boolean): Promise<void> {
  for (const [path] of targets) {
    const kind = await kindOf(path)
    if (kind === 'folder') throw new CliError(`${path} is a folder; give a file name to write`)
    if (kind === 'file' && !force) throw new CliError(`${path} already exists; nothing was written (use --force to replace it)`)
  }
  for (const [path, file] of targets) await writeFileDurably(path, file.data)
}

async function runExport(service: DossierService, values: ExchangeValues, io: CliIo): Promise<number> {
  const format = values.format as ExportFormat | undefined
  if (format === undefined || !EXPORT_FORMATS.includes(format)) {
    throw new CliError(`export needs --format, one of ${EXPORT_FORMATS.join(', ')}`, 2)
  }
  const scope = scopeOf(values)
  if (!values.out) throw new CliError('export needs --out PATH', 2)
  const out = resolve(values.out)
  const outcome = unwrap(await service.api.exportNotes({ format, scope }))
  if (format === 'markdown') {
    if ((await kindOf(out)) === 'file') throw new CliError(`${out} is a file; Markdown export writes one file per article into a folder`)
    await writeAll(outcome.files.map((file) => [join(out, file.name), file]), values.force ?? false)
  } else {
    const [file] = outcome.files
    if (file === undefined) throw new CliError('the export produced no file')
    await writeAll([[out, file]], values.force ?? false)
  }
  const summary = `exported ${outcome.annotations} annotations and ${outcome.links} links from ${outcome.articles} articles to ${out}`
  io.out(values.json ? `${JSON.stringify({ ...outcome, files: outcome.files.map((f) => f.name), out }, null, 2)}\n` : `${summary}\n`)
  return 0
}

async function readInput(path: string | undefined, command: string): Promise<{ name: string; data: Uint8Array }> {
  if (!path) throw new CliError(`${command} needs a file`, 2)
  try {
    return { name: basename(path), data: new Uint8Array(await readFile(path)) }
  } catch (error) {
    throw new CliError(`${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`)
  }
}

function describeMerge(report: MergeReport): string {
  const count = (c: MergeReport['added']) => `${c.articles} articles, ${c.annotations} annotations, ${c.links} links`
  const lines = [`merged ${report.fileName}`, `added: ${count(report.added)}`, `unchanged: ${count(report.unchanged)}`]
  for (const m of report.matched) lines.push(`matched: “${m.title}” is already here (same ${m.by === 'url' ? 'address' : 'text'})`)
  for (const c of report.conflicts) lines.push(`conflict: ${c.message}`)
  for (const s of report.skipped) lines.push(`skipped ${s.kind}${s.id ? ` ${s.id}` : ''}: ${s.reason}`)
  if (report.authors.length > 0) lines.push(`authors: ${report.authors.join(', ')}`)
  return lines.join('\n')
}

export async function runExchangeCommand(
  command: (typeof EXCHANGE_COMMANDS)[number],
  service: DossierService,
  values: ExchangeValues,
  rest: string[],
  io: CliIo,
): Promise<number> {
  const print = (value: unknown, text: string) => io.out(values.json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`)
  switch (command) {
    case 'export':
      return runExport(service, values, io)
    case 'backup': {
      if (!values.out) throw new CliError('backup needs --out FILE', 2)
      const file = unwrap(await service.api.backupArchive())
      await writeAll([[resolve(values.out), file]], values.force ?? false)
      print({ out: resolve(values.out), bytes: file.data.byteLength }, `backed up the archive to ${resolve(values.out)}`)
      return 0
    }
    case 'restore': {
      const outcome = unwrap(await service.api.restoreBackup(await readInput(rest[0], 'restore')))
      const kept = outcome.previousFolder ? `; the archive it replaced is kept as ${outcome.previousFolder}` : ''
      print(outcome, `restored ${outcome.files} files from the backup made ${outcome.createdAt}${kept}`)
      return 0
    }
    case 'merge': {
      const report = unwrap(await service.api.mergeNotes(await readInput(rest[0], 'merge')))
      print(report, describeMerge(report))
      return 0
    }
  }
}
