// Each test gets a fresh archive served by the real CLI (`dossier serve`), a
// page logged in with the printed token, and a check that nothing left the app.

import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test as base, expect, type Page } from '@playwright/test'

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..')
export const FIXTURES = join(ROOT, 'src', 'test-support', 'fixtures')
export const SCREENSHOTS = join(ROOT, 'e2e-screenshots')

export interface RunningApp {
  url: string
  origin: string
  archive: string
  /** Every request the page made, for the offline check. */
  requests: string[]
  screenshot(page: Page, name: string): Promise<void>
  restart(): Promise<void>
}

async function startServer(archive: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [join(ROOT, process.env['DOSSIER_OUT'] ?? 'out', 'main/cli.js'), 'serve', '--archive', archive, '--port', '0', '--json'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  let errors = ''
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString()))
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString()
      try {
        resolve((JSON.parse(output) as { url: string }).url)
      } catch {
        // not a whole JSON document yet
      }
    })
    child.once('exit', (code) => reject(new Error(`dossier serve exited with ${code}: ${errors}`)))
  })
  return { child, url }
}

export const test = base.extend<{ app: RunningApp }>({
  // Automatic: every test runs against its own fresh archive and server.
  app: [
    async ({ page }, use) => {
    const archive = await mkdtemp(join(tmpdir(), 'dossier-e2e-'))
    let server = await startServer(archive)
    const origin = new URL(server.url).origin
    const origins = [origin]
    const requests: string[] = []
    page.on('request', (request) => requests.push(request.url()))
    const app: RunningApp = {
      url: server.url,
      origin,
      archive,
      requests,
      screenshot: async (target, name) => {
        await target.screenshot({ path: join(SCREENSHOTS, `${name}.png`) })
      },
      restart: async () => {
        server.child.kill('SIGTERM')
        await new Promise((resolve) => server.child.once('exit', resolve))
        server = await startServer(archive)
        app.url = server.url
        app.origin = new URL(server.url).origin
        origins.push(app.origin)
        await page.goto(app.url)
      },
    }
    await page.goto(server.url)
    await use(app)
    const exited = new Promise((resolve) => server.child.once('exit', resolve))
    server.child.kill('SIGTERM')
    await exited
    await rm(archive, { recursive: true, force: true })
    // Offline: the app never asks anything of any host but its own local server.
    const foreign = requests.filter((url) => !origins.some((o) => url.startsWith(`${o}/`)) && !url.startsWith('blob:') && !url.startsWith('data:'))
    expect(foreign, 'requests that left the app').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }
