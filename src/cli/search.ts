// `dossier search "<query>" [--limit N] [--json]`: the app's search on the
// command line, answered once the saved index is loaded and matches the archive.

import { SEARCH_MAX_LIMIT, type SearchIndexStatus, type SearchResponse, type Snippet } from '../shared/search'
import type { Result } from '../shared/result'
import type { DossierService } from '../main/service'
import { CliError, type CliIo } from './main'

export const SEARCH_USAGE = `  search "<query>" [--limit N]   search articles, passages and notes ("phrase", -word, a OR b, title: tag: note:)`

function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new CliError(result.error.message)
  return result.value
}

/** A script wants every answer, not the part loaded so far: wait for the index to be ready. */
async function whenIndexReady(service: DossierService): Promise<void> {
  let resolveReady = (): void => undefined
  const ready = new Promise<void>((resolve) => (resolveReady = resolve))
  const settled = (status: SearchIndexStatus) => status.state === 'ready' || status.state === 'closed'
  const unsubscribe = service.events.subscribe((event) => {
    if (event.type === 'search-status' && settled(event.payload)) resolveReady()
  })
  try {
    if (!settled(unwrap(await service.api.searchStatus()))) await ready
  } finally {
    unsubscribe()
  }
}

export function parseLimit(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const limit = /^\d{1,4}$/.test(value) ? Number(value) : NaN
  if (!(limit >= 1 && limit <= SEARCH_MAX_LIMIT)) throw new CliError(`--limit must be a whole number from 1 to ${SEARCH_MAX_LIMIT}`, 2)
  return limit
}

/** The snippet on one line, with the matched words in [brackets] (plain text has no bold). */
export function snippetLine(snippet: Snippet): string {
  let text = ''
  let at = 0
  for (const { start, end } of snippet.highlights) {
    text += `${snippet.text.slice(at, start)}[${snippet.text.slice(start, end)}]`
    at = end
  }
  text += snippet.text.slice(at)
  return `${snippet.truncatedStart ? '…' : ''}${text.replace(/\s+/g, ' ').trim()}${snippet.truncatedEnd ? '…' : ''}`
}

export function formatSearch(response: SearchResponse): string {
  if (response.groups.length === 0) return 'No matches.'
  const lines = [`${response.total} matching article${response.total === 1 ? '' : 's'}`]
  for (const group of response.groups) {
    lines.push('', `${group.articleId}  ${group.title}  (score ${group.score.toFixed(2)})`)
    for (const hit of group.hits) {
      const where = hit.kind === 'passage' ? hit.blockId : `note ${hit.annotationId}`
      lines.push(`  ${where}  ${hit.score.toFixed(2)}  ${snippetLine(hit.snippet)}`)
    }
  }
  return lines.join('\n')
}

export async function runSearch(service: DossierService, args: string[], limit: string | undefined, json: boolean, io: CliIo): Promise<number> {
  if (args.length === 0 || args.join(' ').trim() === '') throw new CliError('search needs a query, e.g. dossier search "Waziristan"', 2)
  const request = { query: args.join(' '), ...(limit === undefined ? {} : { limit: parseLimit(limit) }) }
  await whenIndexReady(service)
  const response = unwrap(await service.api.search(request))
  io.out(json ? `${JSON.stringify(response, null, 2)}\n` : `${formatSearch(response)}\n`)
  return 0
}
