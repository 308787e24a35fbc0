// `npm start` with fake electron packages: one that prints download progress before it answers,
// binaries that exit by a signal or miss a library, and packages with no binary at all.
import { spawnSync } from 'node:child_process'
import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { afterAll, describe, expect, it } from 'vitest'
import { electronPackageDir, explainExit, findElectron, signalExitCode } from './start-lib.mjs'

const LIB = pathToFileURL(join(import.meta.dirname, 'start-lib.mjs')).href
const base = mkdtempSync(join(tmpdir(), 'dossier-start-'))
let packages = 0

afterAll(() => rmSync(base, { recursive: true, force: true }))

/** A fake electron package; `binary` is the shell script its dist/electron runs. */
function fakePackage({ index, binary, installed = true }) {
  const dir = join(base, `electron-${++packages}`)
  mkdirSync(join(dir, 'dist'), { recursive: true })
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'electron', version: '45.5.0', main: 'index.js' }))
  if (binary !== undefined) {
    writeFileSync(join(dir, 'dist', 'electron'), `#!/bin/sh\n${binary}\n`)
    chmodSync(join(dir, 'dist', 'electron'), 0o755)
  }
  if (installed) writeFileSync(join(dir, 'path.txt'), 'electron')
  writeFileSync(
    join(dir, 'index.js'),
    index ??
      `const { existsSync, readFileSync } = require('fs'); const { join } = require('path')
       module.exports = join(__dirname, 'dist', readFileSync(join(__dirname, 'path.txt'), 'utf8'))`,
  )
  return dir
}

/** Like Electron 42+: the first require prints progress to stdout while it "downloads", then answers the path. */
const DOWNLOADING_INDEX = `
const fs = require('fs'); const path = require('path')
const pathFile = path.join(__dirname, 'path.txt')
if (!fs.existsSync(pathFile)) {
  console.log('Downloading Electron binary...')
  process.stdout.write('[=====>     ] 50%\\r[==========] 100%\\n')
  fs.writeFileSync(path.join(__dirname, 'dist', 'electron'), '#!/bin/sh\\nexit 0\\n', { mode: 0o755 })
  fs.writeFileSync(pathFile, 'electron')
}
module.exports = path.join(__dirname, 'dist', fs.readFileSync(pathFile, 'utf8'))
`

/** Like Electron's index.js when the download is blocked. */
const BLOCKED_INDEX = `
console.log('Downloading Electron binary...')
console.error('RequestError: getaddrinfo ENOTFOUND github.com')
throw new Error('Electron failed to install correctly. Please delete node_modules/electron and run "npx install-electron --no" manually.')
`

/** findElectron with the child's output captured in a file. */
async function find(dir, options = {}) {
  const logFile = join(base, `find-${packages}-${Math.random()}.log`)
  const fd = openSync(logFile, 'w')
  const said = []
  try {
    const found = await findElectron(dir, { stdio: fd, log: (line) => said.push(line), ...options })
    return { found, output: readFileSync(logFile, 'utf8'), said }
  } finally {
    closeSync(fd)
  }
}

/** Runs startDossier in a child, as `npm start` would after its build, and captures what the user sees. */
function start({ packageDir, argv = [], env = {}, browser }) {
  const root = join(base, `app-${++packages}`)
  mkdirSync(root, { recursive: true })
  const fakeServe = join(base, 'serve.mjs')
  writeFileSync(fakeServe, 'console.log("browser mode serving", JSON.stringify(process.argv.slice(2)))')
  const options = { root, packageDir, argv, browser: browser ?? [process.execPath, fakeServe] }
  const driver = `import { startDossier } from ${JSON.stringify(LIB)}; process.exitCode = await startDossier({ ...${JSON.stringify(options)}, env: process.env })`
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', driver], {
    encoding: 'utf8',
    env: { ...process.env, DOSSIER_BROWSER: '', ...env },
    timeout: 30_000,
  })
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr, root }
}

describe.skipIf(process.platform === 'win32')('npm start: finding the Electron binary', () => {
  it('finds the binary of a package that prints download progress before answering its path, and shows that progress', async () => {
    const dir = fakePackage({ index: DOWNLOADING_INDEX, installed: false })
    const { found, output, said } = await find(dir)
    expect(found).toEqual({ binary: join(dir, 'dist', 'electron') })
    expect(output).toContain('Downloading Electron binary...')
    expect(output).toContain('100%')
    expect(said).toEqual(['Downloading the Electron runtime (once, about 100 MB)...'])
  })

  it('announces the download when path.txt is there but the binary is not (an interrupted download)', async () => {
    const dir = fakePackage({ index: `console.log('Downloading Electron binary...'); process.exit(1)`, installed: true })
    const { found, said } = await find(dir)
    expect(found.reason).toMatch(/could not be downloaded/)
    expect(said).toEqual(['Downloading the Electron runtime (once, about 100 MB)...'])
  })

  it('finds an installed binary without announcing a download', async () => {
    const dir = fakePackage({ binary: 'exit 0' })
    const { found, said } = await find(dir)
    expect(found).toEqual({ binary: join(dir, 'dist', 'electron') })
    expect(said).toEqual([])
  })

  it('says the download failed, with the package’s reason, when no binary can be had', async () => {
    const dir = fakePackage({ index: BLOCKED_INDEX, installed: false })
    const { found, output } = await find(dir)
    expect(found.binary).toBeUndefined()
    expect(found.reason).toMatch(/^the Electron binary could not be downloaded \(Electron failed to install correctly\./)
    expect(output).toContain('ENOTFOUND github.com')
  })

  it('says so when the package answers something that is not a path', async () => {
    const { found } = await find(fakePackage({ index: 'module.exports = {}' }))
    expect(found).toEqual({ reason: 'the electron package did not name a binary' })
  })

  it('says so when the package names a binary that is not there', async () => {
    const dir = fakePackage({ index: `module.exports = ${JSON.stringify(join(base, 'gone', 'electron'))}` })
    const { found } = await find(dir)
    expect(found.reason).toMatch(/names its binary .*gone\/electron, but there is no file there/)
  })

  it('gives up on a download that never finishes, saying how long it waited', async () => {
    // The real download blocks the require (spawnSync) until it ends.
    const dir = fakePackage({ index: "require('child_process').spawnSync('sleep', ['5'])", installed: false })
    const { found, output } = await find(dir, { timeoutMs: 500 })
    expect(found, output).toEqual({ reason: 'the download of the Electron binary did not finish within 1 s' })
  })

  it('says the package is not installed when there is none', async () => {
    expect(await findElectron(undefined)).toEqual({ reason: expect.stringMatching(/electron package is not installed/) })
    expect(electronPackageDir(import.meta.dirname)).toMatch(/node_modules[/\\]electron$/)
  })
})

describe.skipIf(process.platform === 'win32')('npm start: running the desktop app', () => {
  it('opens the app with the build and the user’s arguments, and passes its exit code 0 on', () => {
    const dir = fakePackage({ binary: 'echo "electron ran in $(pwd) with $* as-node=${ELECTRON_RUN_AS_NODE:-unset}"; exit 0' })
    const run = start({ packageDir: dir, argv: ['--trace-warnings'], env: { ELECTRON_RUN_AS_NODE: '1' } })
    expect(run.stdout).toContain(`electron ran in ${run.root} with . --trace-warnings as-node=unset`)
    expect(run.status).toBe(0)
    expect(run.stdout).not.toContain('browser mode')
  })

  it('a binary stopped by SIGTRAP at the sandbox check: the AppArmor fix, the sandbox trade-off, the browser mode, and a non-zero exit', () => {
    const dir = fakePackage({
      binary:
        'echo "[1:FATAL:setuid_sandbox_host.cc(158)] The SUID sandbox helper binary was found, but is not configured correctly." >&2\nkill -TRAP $$',
    })
    const run = start({ packageDir: dir })
    expect(run.status).toBe(signalExitCode('SIGTRAP'))
    expect(run.status).not.toBe(0)
    expect(run.stderr).toContain('setuid_sandbox_host.cc')
    expect(run.stderr).toContain("Chromium's sandbox was refused by the system (it was stopped by SIGTRAP)")
    expect(run.stderr).toContain(`sudo chown root:root ${join(dir, 'dist', 'chrome-sandbox')}`)
    expect(run.stderr).toContain('kernel.apparmor_restrict_unprivileged_userns=0')
    expect(run.stderr).toMatch(/--no-sandbox.*Not recommended/)
    expect(run.stderr).toContain('DOSSIER_BROWSER=1 npm start')
    expect(run.stdout).not.toContain('browser mode serving')
  })

  it('a binary that crashes by another signal is reported as a crash, not a success', () => {
    const dir = fakePackage({ binary: 'kill -SEGV $$' })
    const run = start({ packageDir: dir })
    expect(run.status).toBe(signalExitCode('SIGSEGV'))
    expect(run.stderr).toContain('The desktop app stopped unexpectedly: it was stopped by SIGSEGV')
  })

  it('a binary missing a system library names the library and how to install it', () => {
    const dir = fakePackage({
      binary: 'echo "electron: error while loading shared libraries: libnss3.so: cannot open shared object file: No such file or directory" >&2\nexit 127',
    })
    const run = start({ packageDir: dir })
    expect(run.status).toBe(127)
    expect(run.stderr).toContain('the system library libnss3.so, which Electron needs, is missing')
    expect(run.stderr).toContain('sudo apt install libnss3')
  })

  it('the app’s own failure (it showed its dialog and exited 1) passes exit code 1 on without more', () => {
    const dir = fakePackage({ binary: 'exit 1' })
    const run = start({ packageDir: dir })
    expect(run.status).toBe(1)
    expect(run.stderr).toBe('')
  })

  it('with no binary to be had, starts the browser mode and says why', () => {
    const dir = fakePackage({ index: BLOCKED_INDEX, installed: false })
    const run = start({ packageDir: dir, argv: ['--port', '4000'] })
    expect(run.stdout).toMatch(/The Electron desktop runtime is not available: the Electron binary could not be downloaded \(Electron failed to install correctly/)
    expect(run.stdout).toContain('browser mode serving ["--port","4000"]')
    expect(run.status).toBe(0)
  })

  it('DOSSIER_BROWSER=1 starts the browser mode without asking the package for a binary', () => {
    const marker = join(base, 'asked')
    const dir = fakePackage({ index: `require('fs').writeFileSync(${JSON.stringify(marker)}, 'asked'); module.exports = 'x'` })
    const run = start({ packageDir: dir, env: { DOSSIER_BROWSER: '1' } })
    expect(run.stdout).toContain('not available: DOSSIER_BROWSER=1 asks for the browser mode')
    expect(run.stdout).toContain('browser mode serving')
    expect(existsSync(marker)).toBe(false)
  })

  it('the browser mode stopped by a signal it was not sent exits non-zero', () => {
    const dir = fakePackage({ index: BLOCKED_INDEX, installed: false })
    const run = start({ packageDir: dir, browser: ['/bin/sh', '-c', 'kill -KILL $$'] })
    expect(run.status).toBe(signalExitCode('SIGKILL'))
  })
})

describe('npm start: what the app’s end means', () => {
  it('a SIGTRAP on Linux is the sandbox check even when nothing was printed', () => {
    expect(explainExit({ code: null, signal: 'SIGTRAP', stderr: '' }, { platform: 'linux' }).message).toMatch(/sandbox was refused/)
  })

  it('a SIGTRAP elsewhere is a crash', () => {
    const { exitCode, message } = explainExit({ code: null, signal: 'SIGTRAP', stderr: '' }, { platform: 'darwin' })
    expect(exitCode).toBe(signalExitCode('SIGTRAP'))
    expect(message).toMatch(/stopped unexpectedly/)
  })

  it('no display is named as such', () => {
    const { exitCode, message } = explainExit({ code: 1, signal: null, stderr: '[ERROR:ozone_platform_x11.cc] Missing X server or $DISPLAY' })
    expect(exitCode).toBe(1)
    expect(message).toMatch(/no graphical display/)
  })

  it('the user’s Ctrl+C, passed on to the app, ends quietly', () => {
    expect(explainExit({ code: null, signal: 'SIGINT', stderr: '', forwarded: 'SIGINT' })).toEqual({ exitCode: signalExitCode('SIGINT') })
    expect(explainExit({ code: 0, signal: null, stderr: '', forwarded: 'SIGINT' })).toEqual({ exitCode: 0 })
  })

  it('a binary that cannot be run at all is reported with the browser mode', () => {
    const { exitCode, message } = explainExit({ code: null, signal: null, stderr: '', error: new Error('spawn EACCES') })
    expect(exitCode).toBe(1)
    expect(message).toMatch(/could not be run \(spawn EACCES\)[\s\S]*DOSSIER_BROWSER=1/)
  })
})
