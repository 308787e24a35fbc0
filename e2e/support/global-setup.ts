import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromiumPath } from './chromium'

/** The e2e suite drives the built app; build it once, and fail clearly without a browser. */
export default function globalSetup(): void {
  if (!chromiumPath()) {
    throw new Error('No Chromium found for the e2e tests. Install it with `sudo apt-get install chromium` (or set CHROMIUM_PATH); `bash .ci/run` does this for you.')
  }
  if (process.env['DOSSIER_SKIP_BUILD'] === '1') return
  const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
  const result = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) throw new Error('electron-vite build failed')
}
