import { spawnSync } from 'node:child_process'
import { rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromiumPath } from './chromium'

/** The e2e suite drives the built app; build it once, and fail clearly without a browser. */
export default function globalSetup(): (() => void) | void {
  if (!chromiumPath()) {
    throw new Error('No Chromium found for the e2e tests. Install it with `sudo apt-get install chromium` (or set CHROMIUM_PATH); `bash .ci/run` does this for you.')
  }
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
  if (process.env['DOSSIER_SKIP_BUILD'] === '1') {
    process.env['DOSSIER_OUT'] ??= 'out'
    return
  }
  // Each run builds into its own folder (inherited by the workers), so runs in parallel never collide.
  const own = !process.env['DOSSIER_OUT']
  process.env['DOSSIER_OUT'] ??= join('.tmp', `e2e-out-${process.pid}`)
  const result = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] })
  if (result.status !== 0) throw new Error('electron-vite build failed')
  return own ? () => rmSync(join(root, process.env['DOSSIER_OUT']!), { recursive: true, force: true }) : undefined
}
