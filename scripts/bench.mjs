// npm run bench [-- --help] [--json] [--large] [--scales 1000,10000] [--suite search] [--corpus generated,brown] [--peers fts5,minisearch] [--no-orama]
// Runs bench/run.ts through tsx with room for the 50,000-article archive.
import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

const runner = fileURLToPath(new URL('../bench/run.ts', import.meta.url))
const result = spawnSync(process.execPath, ['--max-old-space-size=8192', '--import', 'tsx', runner, ...process.argv.slice(2)], { stdio: 'inherit' })
process.exit(result.status ?? 1)
