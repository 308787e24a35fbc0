// The Electron window's security settings, kept as data in one place so they
// can be unit-tested without an Electron binary. See docs/SECURITY.md.

import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron'
import { safeLink } from '../../shared/links'

export const APP_SCHEME = 'app'
export const APP_HOST = 'dossier'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

export const WEB_PREFERENCES = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  safeDialogs: true,
  spellcheck: false,
} as const satisfies WebPreferences

export function windowOptions(preload: string): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 840,
    minWidth: 720,
    minHeight: 480,
    show: false,
    title: 'Dossier',
    backgroundColor: '#f7f5f0',
    webPreferences: { ...WEB_PREFERENCES, preload },
  }
}

/** Links the user clicks that may open in the system browser (the shared link policy); nothing else leaves the app. */
export function isExternalUrl(url: string): boolean {
  return safeLink(url) !== undefined
}

/** Only the app's own pages may talk to the main process. */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  try {
    const parsed = new URL(url)
    // Node's URL (the main process's) gives every non-special scheme the origin "null",
    // so app://dossier is recognised by scheme and host, not by comparing origins.
    if (parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST && !parsed.username && !parsed.password) return true
    return devServerUrl !== undefined && parsed.origin === new URL(devServerUrl).origin
  } catch {
    return false
  }
}

/** No permission (camera, notifications, geolocation...) is ever granted. */
export function allowPermission(_permission: string): boolean {
  return false
}
