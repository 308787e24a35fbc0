// `dossier import --url <address>`: Fetch from the web, from the command line. Only the addresses given are fetched.
import type { DossierService } from '../main/service'

export async function runImportUrls(service: DossierService, urls: string[], json: boolean, io: { out(text: string): void; err(text: string): void }): Promise<number> {
  const results = []
  let failures = 0
  for (const url of urls) {
    const result = await service.api.importUrl(url)
    results.push({ url, ...result })
    if (!result.ok) {
      failures++
      if (!json) io.err(`error: ${result.error.message}\n`)
      continue
    }
    const outcome = result.value
    failures += outcome.failed.length
    if (json) continue
    for (const meta of [...outcome.imported, ...outcome.updated]) io.out(`imported ${meta.id}  ${meta.title}  (${meta.url ?? url})\n`)
    for (const dup of outcome.duplicates) io.out(`skipped  ${url}: already in the archive as ${dup.existingId} (${dup.title})\n`)
    for (const error of outcome.failed) io.err(`error: ${error.message}\n`)
  }
  if (json) io.out(`${JSON.stringify(results, null, 2)}\n`)
  return failures > 0 ? 1 : 0
}
