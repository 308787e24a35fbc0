// `npm start`: build, then open the desktop app. Where no Electron binary can be
// had (its download blocked, as on locked-down or offline build machines) say so
// and start the browser mode instead.

import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

function electronBinary() {
  if (process.env.DOSSIER_BROWSER === '1') return undefined
  // Requiring electron downloads its binary on first use; a blocked download fails fast.
  const probe = spawnSync(process.execPath, ['-e', 'process.stdout.write(require("electron"))'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 10 * 60 * 1000,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const path = probe.status === 0 ? probe.stdout.trim() : ''
  return path && existsSync(path) ? path : undefined
}

run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'])

const electron = electronBinary()
if (electron) {
  const child = spawn(electron, ['.', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log(
    '\nThe Electron desktop runtime is not available on this machine (its download failed or is blocked),' +
      '\nso Dossier starts in browser mode instead. Open the address below in your browser.\n',
  )
  const child = spawn(process.execPath, [join(root, 'out/main/cli.js'), 'serve', ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' })
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
  child.on('exit', (code) => process.exit(code ?? 0))
}
