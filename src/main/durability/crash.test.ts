// Kills a child that imports and annotates in a loop with SIGKILL at random
// moments; after each kill the archive must open, pass the integrity check and
// hold everything the child reported done (only the step in flight may be lost).
// Short run always; DOSSIER_LONG=1 kills it many more times.

import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { checkArchive } from './integrity'
import { seededRandom as random } from '../../test-support/seeded-random'

const KILLS = process.env['DOSSIER_LONG'] === '1' ? 150 : 15
const SEED = Number(process.env['DOSSIER_CRASH_SEED'] ?? Date.now() % 100_000)
const CHILD = join(__dirname, 'crash-child.ts')

interface RunOutcome {
  added: string[]
  annotated: string[]
  killed: boolean
  stderr: string
}

/** Runs the child until it has printed `afterLines` step lines, waits `delayMs` more, then SIGKILLs it. */
function runAndKill(dir: string, run: number, afterLines: number, delayMs: number): Promise<RunOutcome> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', CHILD, dir, String(run), '60'], { stdio: ['ignore', 'pipe', 'pipe'] })
    const outcome: RunOutcome = { added: [], annotated: [], killed: false, stderr: '' }
    let buffered = ''
    let steps = 0
    let ready = false
    const kill = () => {
      if (outcome.killed) return
      outcome.killed = true
      setTimeout(() => child.kill('SIGKILL'), delayMs)
    }
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString()
      const lines = buffered.split('\n')
      buffered = lines.pop() ?? ''
      for (const line of lines) {
        const [kind, id, second] = line.split(' ')
        if (kind === 'ready') ready = true
        if (kind === 'added' && id) outcome.added.push(id)
        if (kind === 'annotated' && second) outcome.annotated.push(second)
        if (kind === 'added' || kind === 'annotated') steps++
        if (ready && steps >= afterLines) kill()
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (outcome.stderr += chunk.toString()))
    child.once('error', reject)
    child.once('exit', (code, signal) => {
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`crash child failed (${code}): ${outcome.stderr}`))
      else resolve(outcome)
    })
  })
}

const dirs: string[] = []
afterAll(async () => {
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })))
})

describe('SIGKILL during import and annotation', () => {
  it(`loses at most the step in flight, ${KILLS} kills in a row (seed ${SEED})`, { timeout: KILLS * 15_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'dossier-crash-'))
    dirs.push(dir)
    const next = random(SEED)
    const doneArticles = new Set<string>()
    const doneAnnotations = new Set<string>()
    let survived = 0
    for (let run = 0; run < KILLS; run++) {
      const outcome = await runAndKill(dir, run, Math.floor(next() * 8), Math.floor(next() * 30))
      outcome.added.forEach((id) => doneArticles.add(id))
      outcome.annotated.forEach((id) => doneAnnotations.add(id))
      const report = await checkArchive(dir)
      const context = `run ${run}, seed ${SEED}`
      expect(report.unreadable, `catalog entries without a readable body (${context})`).toEqual([])
      expect(report.strayAnnotations, `annotations of unknown articles (${context})`).toEqual([])
      expect(report.notices, `damage found at open (${context})`).toEqual([])
      expect(report.leftoverTemps, `temp files left after open (${context})`).toEqual([])
      expect(report.noteTemps, `notes temp files left after open (${context})`).toEqual([])
      const articles = new Set(report.articleIds)
      const annotations = new Set(report.annotationIds)
      expect([...doneArticles].filter((id) => !articles.has(id)), `reported articles lost (${context})`).toEqual([])
      expect([...doneAnnotations].filter((id) => !annotations.has(id)), `reported annotations lost (${context})`).toEqual([])
      // Only the step in flight may have landed unreported.
      expect(articles.size - doneArticles.size, context).toBeLessThanOrEqual(1)
      expect(annotations.size - doneAnnotations.size, context).toBeLessThanOrEqual(1)
      report.articleIds.forEach((id) => doneArticles.add(id))
      report.annotationIds.forEach((id) => doneAnnotations.add(id))
      survived++
    }
    expect(survived).toBe(KILLS)
    console.info(`crash test: ${survived} SIGKILLs survived, ${doneArticles.size} articles and ${doneAnnotations.size} annotations kept (seed ${SEED})`)
  })
})
