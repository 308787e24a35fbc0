// `npm test`: every check and test suite, then one closing line that CI reads:
// "N passed, N failed, N skipped" over the whole run.

import { spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const results = join(root, 'test-results')
const long = process.argv.includes('--long')
const bin = (name) => join(root, 'node_modules', '.bin', name)
const totals = { passed: 0, failed: 0, skipped: 0 }
const failures = []
const skips = []

function step(name, command, args, env = {}) {
  console.log(`\n━━ ${name}`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  return result.status === 0
}

function check(name, command, args) {
  if (step(name, command, args)) totals.passed++
  else {
    totals.failed++
    failures.push(name)
  }
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return undefined
  }
}

rmSync(results, { recursive: true, force: true })
mkdirSync(results, { recursive: true })

check('type-check (node, web, web tests)', 'npm', ['run', '-s', 'typecheck'])
check('lint (runtime import boundaries included)', bin('eslint'), ['.'])
check('Electron security scan (Electronegativity over the built app, findings held to docs/security-scan.json)', 'node', ['scripts/security-scan.mjs'])

const unitOk = step('unit and component tests (vitest)', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${join(results, 'unit.json')}`], long ? { DOSSIER_LONG: '1' } : {})
const unit = readJson(join(results, 'unit.json'))
if (unit) {
  totals.passed += unit.numPassedTests
  totals.failed += unit.numFailedTests
  totals.skipped += unit.numPendingTests + unit.numTodoTests
  if (unit.numFailedTests > 0) failures.push(`${unit.numFailedTests} unit tests`)
}
if (!unitOk && (!unit || unit.numFailedTests === 0)) {
  totals.failed++
  failures.push('vitest run (did not finish)')
}

const e2eOk = step('end-to-end tests (Playwright: browser mode, and Electron where a binary exists)', bin('playwright'), ['test', '--reporter=list,json'], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: join(results, 'e2e.json'),
  ...(long ? { DOSSIER_LONG: '1' } : {}),
})
const e2e = readJson(join(results, 'e2e.json'))
if (e2e) {
  totals.passed += e2e.stats.expected + e2e.stats.flaky
  totals.failed += e2e.stats.unexpected
  totals.skipped += e2e.stats.skipped
  if (e2e.stats.unexpected > 0) failures.push(`${e2e.stats.unexpected} end-to-end tests`)
  const walk = (suite) => {
    for (const spec of suite.specs ?? []) {
      for (const t of spec.tests ?? []) {
        const note = t.annotations?.find((a) => a.type === 'skip')
        if (t.status === 'skipped' && note?.description) skips.push(`${spec.title}: ${note.description}`)
      }
    }
    for (const child of suite.suites ?? []) walk(child)
  }
  for (const suite of e2e.suites ?? []) walk(suite)
}
if (!e2eOk && (!e2e || e2e.stats.unexpected === 0)) {
  totals.failed++
  failures.push('playwright run (did not finish)')
}

console.log('\n━━ summary')
for (const skip of new Set(skips)) console.log(`skipped: ${skip}`)
if (failures.length) console.log(`failed: ${failures.join('; ')}`)
if (existsSync(join(root, 'e2e-screenshots'))) console.log('screenshots of each screen: e2e-screenshots/')
console.log(`${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed > 0 ? 1 : 0)
