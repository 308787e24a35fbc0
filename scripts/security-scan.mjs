// `npm run security-scan`: Electronegativity, Electron's security scanner, over the
// built app (main, preload, renderer), every finding held against the reviewed
// list in docs/security-scan.json. Fails on any finding nobody has explained,
// and on any explanation whose finding is gone (the list must stay true).
//
// The scanner reads the built JavaScript: its TypeScript 4.2 parser cannot read
// the source. It lives in tools/electronegativity with its own lockfile so its
// old eslint and TypeScript stay out of the app's tree; this script installs it
// there on first use (npm ci, registry only, no install scripts).
// AvailableSecurityFixesGlobalCheck is skipped: it fetches Electron's
// release list over the network. (The scanner also tries, once, to fetch
// translations at start; offline it waits 1 s and goes on in English.)

import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { compareFindings, parseFindings } from './security-scan-lib.mjs'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const tool = join(root, 'tools', 'electronegativity')
const scanner = join(tool, 'node_modules', '@doyensec', 'electronegativity', 'dist', 'index.js')
const OFFLINE_EXCLUDED = ['AvailableSecurityFixesGlobalCheck']

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8', maxBuffer: 64 << 20, ...options })
  if (result.status !== 0) {
    process.stderr.write(result.stdout ?? '')
    process.stderr.write(result.stderr ?? '')
    throw new Error(`${command} ${args.join(' ')} exited with ${result.status}`)
  }
  return result.stdout
}

if (!existsSync(scanner)) {
  console.log('Installing Electronegativity into tools/electronegativity (first run)...')
  run('npm', ['ci', '--ignore-scripts', '--no-audit', '--no-fund'], { cwd: tool })
}

const work = mkdtempSync(join(tmpdir(), 'dossier-scan-'))
try {
  const out = join(work, 'out')
  console.log('Building the app to scan...')
  run(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { env: { ...process.env, DOSSIER_OUT: out } })
  const csv = join(work, 'findings.csv')
  console.log('Scanning the build...')
  // The build holds no package.json, so the scanner is told the Electron the app pins.
  const electron = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).devDependencies?.electron ?? JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).dependencies?.electron
  const version = /\d+\.\d+\.\d+/.exec(electron ?? '')?.[0]
  if (version === undefined) throw new Error('package.json names no electron version')
  run(process.execPath, [scanner, '-i', out, '-r', '-v', 'false', '-e', version, '-x', OFFLINE_EXCLUDED.join(','), '-o', csv])
  const findings = parseFindings(readFileSync(csv, 'utf8'))
  const reviewed = JSON.parse(readFileSync(join(root, 'docs', 'security-scan.json'), 'utf8')).findings
  const { explained, unexplained, stale } = compareFindings(findings, reviewed)
  for (const { finding, review } of explained) console.log(`explained  ${finding.check} ${finding.file}:${finding.location} — ${review.why.split('. ')[0].replace(/\.$/, '')}.`)
  for (const finding of unexplained) console.log(`UNEXPLAINED ${finding.check} (${finding.severity}, ${finding.confidence}) ${finding.file}:${finding.location}\n    ${finding.sample}`)
  for (const review of stale) console.log(`STALE      docs/security-scan.json lists ${review.check} in ${review.file} ("${review.sample}"), which the scanner no longer reports: remove it`)
  console.log(`${findings.length} findings: ${explained.length} explained, ${unexplained.length} unexplained; ${stale.length} stale explanations`)
  process.exitCode = unexplained.length > 0 || stale.length > 0 ? 1 : 0
} finally {
  rmSync(work, { recursive: true, force: true })
}
