// `npm start`: build, then open the desktop app. Where no Electron binary can be had (its
// download blocked, as on locked-down or offline build machines) say why and start the browser
// mode instead; where the window cannot start (a sandbox the system refuses, a missing library)
// say so with the fix and exit non-zero. The steps live in start-lib.mjs, tested beside it.

import { spawnSync } from 'node:child_process'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { startDossier } from './start-lib.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')

const build = spawnSync(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' })
if (build.status !== 0) process.exit(build.status ?? 1)

process.exitCode = await startDossier({ root, argv: process.argv.slice(2) })
