import { existsSync } from 'node:fs'
import type { LaunchOptions } from '@playwright/test'

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']

/** Debian's Chromium: Playwright cannot download its own browser on these machines. */
export function chromiumPath(): string | undefined {
  const fromEnv = process.env['CHROMIUM_PATH']
  if (fromEnv && existsSync(fromEnv)) return fromEnv
  return CANDIDATES.find((path) => existsSync(path))
}

export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath = chromiumPath()
  return {
    ...(executablePath ? { executablePath } : {}),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  }
}
