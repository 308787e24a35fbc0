// What `npm start` does, as functions the tests drive with fake electron packages:
// find (or download) the Electron binary, run the app, and explain a window that cannot start.

import { spawn } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { constants } from 'node:os'
import { dirname, join } from 'node:path'
import { clearTimeout, setTimeout } from 'node:timers'

const DOWNLOAD_TIMEOUT_MS = 10 * 60 * 1000
const STDERR_TAIL_CHARS = 16 * 1024

/** The installed electron package's folder, or undefined when it is not installed. */
export function electronPackageDir(root) {
  try {
    return dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'))
  } catch {
    return undefined
  }
}

/** Whether the package's binary is already there, read as its index.js reads it (path.txt in dist/). */
function installedBinary(packageDir, env) {
  try {
    const name = readFileSync(join(packageDir, 'path.txt'), 'utf8')
    return existsSync(join(env.ELECTRON_OVERRIDE_DIST_PATH || join(packageDir, 'dist'), name))
  } catch {
    return false
  }
}

// Runs in a child: the package's own lookup, which downloads the binary on first use and prints
// its progress to stdout. The path comes back on fd 3, never mixed with that output.
const PROBE = `
const { writeSync } = require('node:fs')
try {
  writeSync(3, JSON.stringify({ path: require(process.argv[1]) }))
  process.exit(0)
} catch (error) {
  writeSync(3, JSON.stringify({ error: String((error && error.message) || error) }))
  process.exit(1)
}
`

/**
 * The Electron binary, downloading it if the package has not yet: `{ binary }`, or `{ reason }`
 * saying why there is none. The download's own output (its progress) goes to `stdio`.
 */
export function findElectron(packageDir, { env = process.env, stdio = 'inherit', timeoutMs = DOWNLOAD_TIMEOUT_MS, log = console.log } = {}) {
  if (!packageDir) return Promise.resolve({ reason: 'the electron package is not installed (run `npm install`, with its dev dependencies)' })
  return new Promise((resolve) => {
    if (!installedBinary(packageDir, env)) log('Downloading the Electron runtime (once, about 100 MB)...')
    const child = spawn(process.execPath, ['-e', PROBE, packageDir], { env, stdio: ['ignore', stdio, stdio, 'pipe'] })
    let answer = ''
    child.stdio[3].setEncoding('utf8')
    child.stdio[3].on('data', (chunk) => (answer += chunk))
    let timedOut = false
    const timer = setTimeout(() => {
      timedOut = true
      child.kill('SIGTERM')
    }, timeoutMs)
    child.on('error', (error) => {
      clearTimeout(timer)
      resolve({ reason: `the electron package could not be asked for its binary (${error.message})` })
    })
    child.on('close', (code, signal) => {
      clearTimeout(timer)
      let parsed
      try {
        parsed = JSON.parse(answer)
      } catch {
        parsed = undefined
      }
      if (timedOut) {
        const limit = timeoutMs >= 60_000 ? `${Math.round(timeoutMs / 60_000)} minutes` : `${Math.round(timeoutMs / 1000)} s`
        return resolve({ reason: `the download of the Electron binary did not finish within ${limit}` })
      }
      if (parsed && 'path' in parsed) {
        if (typeof parsed.path !== 'string' || parsed.path === '') return resolve({ reason: 'the electron package did not name a binary' })
        if (existsSync(parsed.path)) return resolve({ binary: parsed.path })
        return resolve({ reason: `the electron package names its binary ${parsed.path}, but there is no file there (delete node_modules/electron and run \`npm install\`)` })
      }
      const why = parsed?.error ?? (signal ? `stopped by ${signal}` : `exited with code ${code}`)
      resolve({ reason: `the Electron binary could not be downloaded (${why.split('\n')[0]}); the download's own error, if any, is above` })
    })
  })
}

/** Runs the app, its output shown as it comes; stderr's tail is kept to explain a failed start. */
export function runElectron(binary, args, { cwd, env = process.env, stdout = 'inherit', forward = process.stderr } = {}) {
  return new Promise((resolve) => {
    // An inherited ELECTRON_RUN_AS_NODE would turn the app into a plain Node process.
    const { ELECTRON_RUN_AS_NODE: _asNode, ...childEnv } = env
    const child = spawn(binary, args, { cwd, env: childEnv, stdio: ['inherit', stdout, 'pipe'] })
    let stderr = ''
    let forwarded
    child.stderr.setEncoding('utf8')
    child.stderr.on('data', (chunk) => {
      forward.write(chunk)
      stderr = (stderr + chunk).slice(-STDERR_TAIL_CHARS)
    })
    const relay = (signal) => {
      forwarded = signal
      child.kill(signal)
    }
    const signals = ['SIGINT', 'SIGTERM', 'SIGHUP']
    for (const signal of signals) process.on(signal, relay)
    const done = (result) => {
      for (const signal of signals) process.off(signal, relay)
      resolve(result)
    }
    child.on('error', (error) => done({ code: null, signal: null, stderr, error, forwarded }))
    child.on('close', (code, signal) => done({ code, signal, stderr, forwarded }))
  })
}

/** The exit code for a child that ended by `signal`, as a shell reports it. */
export function signalExitCode(signal) {
  return 128 + (constants.signals[signal] ?? 0)
}

const BROWSER_OFFER = 'To use Dossier in your web browser instead, run:  DOSSIER_BROWSER=1 npm start'

/**
 * What the app's end means: `{ exitCode, message? }`. A window that could not start (the sandbox
 * refused, a library missing, no display, a crash) is named with its fix; never exit 0 for it.
 */
export function explainExit(result, { platform = process.platform, binary = 'electron' } = {}) {
  const { code, signal, stderr = '', error, forwarded } = result
  if (error) {
    return { exitCode: 1, message: `The desktop app could not be run (${error.message}).\n${BROWSER_OFFER}` }
  }
  // Ended because the user stopped `npm start` (Ctrl+C): pass that on quietly.
  if (forwarded && (signal === forwarded || code !== null)) return { exitCode: signal ? signalExitCode(signal) : code }
  if (signal === null && code === 0) return { exitCode: 0 }
  const exitCode = signal ? signalExitCode(signal) : code || 1
  const how = signal ? `it was stopped by ${signal}` : `it exited with code ${code}`
  const library = /error while loading shared libraries: ([^\s:]+)/.exec(stderr)?.[1]
  const sandboxText = /setuid_sandbox|SUID sandbox|No usable sandbox|Failed to move to new namespace|apparmor_restrict_unprivileged_userns/i.test(stderr)
  if (sandboxText || (platform === 'linux' && signal === 'SIGTRAP')) {
    const sandbox = join(dirname(binary), 'chrome-sandbox')
    return {
      exitCode,
      message: [
        `The desktop window could not start: Chromium's sandbox was refused by the system (${how}).`,
        'On Ubuntu 23.10 and later (and other systems that restrict unprivileged user namespaces with AppArmor),',
        "the development copy of Electron in node_modules has no AppArmor profile and its chrome-sandbox helper is not set up. Fixes, best first:",
        '  - Install the packaged Dossier, whose chrome-sandbox helper is set up.',
        `  - Set up the helper for this copy:  sudo chown root:root ${sandbox} && sudo chmod 4755 ${sandbox}`,
        '  - Allow unprivileged user namespaces for every program (weakens a kernel hardening):  sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0',
        '  - `npm start -- --no-sandbox` runs without the sandbox. Not recommended: the sandbox is what keeps a hostile article',
        '    from reaching your files should a bug in the page renderer be exploited.',
        BROWSER_OFFER,
      ].join('\n'),
    }
  }
  if (library) {
    return {
      exitCode,
      message: [
        `The desktop window could not start: the system library ${library}, which Electron needs, is missing.`,
        'Install it with your package manager; on Debian or Ubuntu, Electron needs for example:',
        '  sudo apt install libnss3 libatk-bridge2.0-0 libgtk-3-0 libgbm1 libasound2 libxss1 libxshmfence1',
        BROWSER_OFFER,
      ].join('\n'),
    }
  }
  if (/Missing X server or \$DISPLAY|cannot open display|Failed to connect to Wayland/i.test(stderr)) {
    return {
      exitCode,
      message: `The desktop window could not start: there is no graphical display (${how}). Run \`npm start\` from a desktop session.\n${BROWSER_OFFER}`,
    }
  }
  if (signal) {
    return { exitCode, message: `The desktop app stopped unexpectedly: ${how}. Its output above may say why.\n${BROWSER_OFFER}` }
  }
  // The app reports its own failures (a dialog, then exit 1): pass the code on.
  return { exitCode }
}

/** The browser mode, for when there is no desktop runtime; its exit code is passed on. */
export function runBrowserMode(command, args, { cwd }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd, stdio: 'inherit' })
    let forwarded
    const relay = (signal) => {
      forwarded = signal
      child.kill(signal)
    }
    for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, relay)
    child.on('error', (error) => {
      console.error(`The browser mode could not be started (${error.message}).`)
      resolve(1)
    })
    child.on('close', (code, signal) => {
      for (const s of ['SIGINT', 'SIGTERM']) process.off(s, relay)
      if (signal) resolve(signal === forwarded ? 0 : signalExitCode(signal))
      else resolve(code ?? 1)
    })
  })
}

/**
 * `npm start` after the build: the desktop app where a binary can be had, else the browser mode.
 * Resolves to the exit code.
 */
export async function startDossier({ root, packageDir = electronPackageDir(root), argv = [], env = process.env, browser }) {
  const found = env.DOSSIER_BROWSER === '1' ? { reason: 'DOSSIER_BROWSER=1 asks for the browser mode' } : await findElectron(packageDir, { env })
  if (found.binary) {
    const result = await runElectron(found.binary, ['.', ...argv], { cwd: root, env })
    const { exitCode, message } = explainExit(result, { binary: found.binary })
    if (message) console.error(`\n${message}\n`)
    return exitCode
  }
  console.log(`\nThe Electron desktop runtime is not available: ${found.reason}.\nDossier starts in browser mode instead. Open the address below in your browser.\n`)
  const [command, ...args] = browser ?? [process.execPath, join(root, 'out/main/cli.js'), 'serve']
  return runBrowserMode(command, [...args, ...argv], { cwd: root })
}
