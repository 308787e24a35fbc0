// `dossier` on the command line: the same service as the app, for scripts and teams.
// Errors go to stderr with a non-zero exit code; --json prints machine-readable output.

import { parseArgs } from 'node:util'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { DossierFailure, type DossierError, type Result } from '../shared/result'
import { batchFiles } from '../shared/batches'
import { MAX_IMPORT_BYTES } from '../shared/limits'
import { openService, type DossierService } from '../main/service'
import { startHttpServer } from '../main/http/server'
import { defaultArchiveDir } from './archive-path'
import { collectFiles, readForImport, tooLargeMessage } from './read-inputs'
import { formatArticle, formatList } from './format'
import { EXCHANGE_COMMANDS, EXCHANGE_USAGE, runExchangeCommand } from './exchange'
import { parseLimit, runSearch, SEARCH_USAGE } from './search'
import { runImportUrls } from './import-url'

const USAGE = `Usage: dossier <command> [options]

Commands:
  import <files or folders...>   import articles (folders are read recursively)
  import --url <address>         fetch a web page (only when asked) and import it
  list                           list the articles in the library
  show <id>                      print an article
  delete <id>                    move an article to the trash
  serve [--port N]               open the archive in a browser (prints the address to open)
${EXCHANGE_USAGE}
${SEARCH_USAGE}

Options:
  --archive DIR   the archive folder (default: $DOSSIER_ARCHIVE or the desktop app's archive)
  --json          machine-readable output
  --help          this text`

export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message)
  }
}

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new CliError(result.error.message)
  return result.value
}

export interface CliIo {
  out(text: string): void
  err(text: string): void
  /** Resolves when the user asks a long-running command (serve) to stop. */
  untilStopped(): Promise<void>
}

export const processIo: CliIo = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  untilStopped: () =>
    new Promise<void>((resolve) => {
      process.once('SIGINT', () => resolve())
      process.once('SIGTERM', () => resolve())
    }),
}

let io: CliIo = processIo
const print = (json: boolean, value: unknown, text: string) => io.out(json ? `${JSON.stringify(value, null, 2)}\n` : `${text}\n`)

async function runImport(service: DossierService, paths: string[], json: boolean): Promise<number> {
  if (paths.length === 0) throw new CliError('import needs at least one file or folder', 2)
  const { files, problems } = await collectFiles(paths)
  const failed: DossierError[] = problems.map((p) => ({ code: 'not-found', message: p.message, file: p.file }))
  const imported = []
  const duplicates = []
  for (const batch of batchFiles(files)) {
    const readable = []
    for (const file of batch) {
      if (file.size > MAX_IMPORT_BYTES) failed.push({ code: 'too-large', message: tooLargeMessage(file.name), file: file.name })
      else readable.push(await readForImport(file))
    }
    if (readable.length === 0) continue
    const outcome = unwrap(await service.api.importFiles(readable))
    imported.push(...outcome.imported)
    duplicates.push(...outcome.duplicates)
    failed.push(...outcome.failed)
    if (!json) for (const meta of outcome.imported) io.out(`imported ${meta.id}  ${meta.title}\n`)
  }
  if (json) {
    print(true, { ids: imported.map((m) => m.id), imported, duplicates, failed }, '')
  } else {
    for (const dup of duplicates) io.out(`skipped  ${dup.file}: already in the archive as ${dup.existingId} (${dup.title})\n`)
    io.out(`${imported.length} imported, ${duplicates.length} duplicates skipped, ${failed.length} failed\n`)
  }
  for (const error of failed) io.err(`error: ${error.message}\n`)
  return failed.length > 0 ? 1 : 0
}

async function serve(service: DossierService, port: number | undefined, json: boolean): Promise<number> {
  const here = dirname(fileURLToPath(import.meta.url))
  const running = await startHttpServer({ service, rendererDir: join(here, '../renderer'), ...(port !== undefined ? { port } : {}) })
  print(json, { url: running.openUrl, port: running.port }, `Dossier is serving ${service.archive.dir}\nOpen this address in your browser:\n\n    ${running.openUrl}\n\nPress Ctrl+C to stop.`)
  await io.untilStopped()
  await running.close()
  return 0
}

/**
 * Every command takes the archive's lock, the read-only ones too: opening an
 * archive writes (temp-file sweep, backups, the catalog flushed at close), so
 * a second opener would race the holder's writes. A refusal names the holder.
 */
async function openArchive(dir: string, command: string): Promise<DossierService> {
  try {
    return await openService(dir, { command: `dossier ${command}` })
  } catch (error) {
    if (error instanceof DossierFailure) throw new CliError(error.message)
    throw error
  }
}

/** Runs one command; a CliError becomes its message on stderr and its exit code. */
export async function main(argv: string[], cliIo: CliIo = processIo): Promise<number> {
  io = cliIo
  try {
    return await run(argv)
  } catch (error) {
    if (!(error instanceof CliError)) throw error
    io.err(`error: ${error.message}\n`)
    return error.exitCode
  }
}

async function run(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        archive: { type: 'string' },
        url: { type: 'string', multiple: true },
        json: { type: 'boolean', default: false },
        port: { type: 'string' },
        limit: { type: 'string' },
        format: { type: 'string' },
        article: { type: 'string' },
        tag: { type: 'string' },
        all: { type: 'boolean' },
        out: { type: 'string' },
        force: { type: 'boolean' },
        help: { type: 'boolean', default: false },
      },
    })
  } catch (error) {
    throw new CliError(`${(error as Error).message}\n\n${USAGE}`, 2)
  }
  const { values, positionals } = parsed
  const [command, ...rest] = positionals
  if (values.help || !command) {
    io.out(`${USAGE}\n`)
    return command || values.help ? 0 : 2
  }
  const json = values.json ?? false
  const port = values.port === undefined || !/^\d{1,5}$/.test(values.port) ? undefined : Number(values.port)
  if (values.port !== undefined && (port === undefined || port > 65535)) throw new CliError(`--port must be a number from 0 to 65535`, 2)
  const known = ['import', 'list', 'show', 'delete', 'serve', 'search', ...EXCHANGE_COMMANDS]
  if (!known.includes(command)) throw new CliError(`unknown command "${command}"\n\n${USAGE}`, 2)
  if (command === 'search') parseLimit(values.limit) // a usage error before the archive is opened
  const service = await openArchive(values.archive ?? defaultArchiveDir(), command)
  for (const notice of service.notices) io.err(`warning: ${notice}\n`)
  try {
    switch (command) {
      case 'import':
        if (values.url?.length) return await runImportUrls(service, values.url, json, io)
        return await runImport(service, rest, json)
      case 'list': {
        const articles = unwrap(await service.api.listArticles())
        print(json, articles, formatList(articles))
        return 0
      }
      case 'show': {
        if (!rest[0]) throw new CliError('show needs an article id', 2)
        const article = unwrap(await service.api.getArticle(rest[0]))
        print(json, article, formatArticle(article))
        return 0
      }
      case 'export':
      case 'backup':
      case 'restore':
      case 'merge':
        return await runExchangeCommand(command, service, values, rest, io)
      case 'search':
        return await runSearch(service, rest, values.limit, json, io)
      case 'delete': {
        if (!rest[0]) throw new CliError('delete needs an article id', 2)
        const meta = unwrap(await service.api.deleteArticle(rest[0]))
        print(json, meta, `moved to the trash: ${meta.id}  ${meta.title}`)
        return 0
      }
      default:
        return await serve(service, port, json)
    }
  } finally {
    await service.close()
  }
}

