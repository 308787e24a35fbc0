// The Electron shell: lifecycle, the window, IPC registration. Thin by design:
// everything it serves comes from the service, which runs the same in browser mode.

import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, protocol, session, shell } from 'electron'
import { DossierFailure } from '../shared/result'
import { openService, type DossierService } from './service'
import { createPdfPrinter } from './shell/print-pdf'
import { appProtocolHandler } from './shell/protocol'
import { forwardEvents, registerIpc } from './shell/ipc'
import { APP_ORIGIN, APP_SCHEME, allowPermission, isAppUrl, isExternalUrl, windowOptions } from './shell/security'

const here = dirname(fileURLToPath(import.meta.url))
const devServerUrl = process.env['ELECTRON_RENDERER_URL']

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
])

function createWindow(service: DossierService): BrowserWindow {
  const window = new BrowserWindow(windowOptions(join(here, '../preload/index.cjs')))
  window.once('ready-to-show', () => window.show())
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (isExternalUrl(url)) void shell.openExternal(url)
    return { action: 'deny' }
  })
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url, devServerUrl)) {
      event.preventDefault()
      if (isExternalUrl(url)) void shell.openExternal(url)
    }
  })
  window.webContents.on('will-attach-webview', (event) => event.preventDefault())
  const stopEvents = forwardEvents(service, window.webContents)
  window.on('closed', stopEvents)
  void window.loadURL(devServerUrl ?? `${APP_ORIGIN}/`)
  return window
}

async function main(): Promise<void> {
  if (!app.requestSingleInstanceLock()) {
    app.quit()
    return
  }
  await app.whenReady()
  let service: DossierService
  try {
    service = await openService(process.env['DOSSIER_ARCHIVE'] ?? join(app.getPath('userData'), 'archive'), {
      command: 'Dossier desktop app',
      printToPdf: createPdfPrinter((options) => new BrowserWindow(options)),
    })
  } catch (error) {
    // Held by a CLI command or `dossier serve`, or unreadable: say why rather than start on nothing.
    if (!(error instanceof DossierFailure)) throw error
    dialog.showErrorBox('Dossier cannot open the archive', error.message)
    app.exit(1)
    return
  }
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(allowPermission(permission)))
  session.defaultSession.setPermissionCheckHandler((_contents, permission) => allowPermission(permission))
  protocol.handle(APP_SCHEME, appProtocolHandler(join(here, '../renderer'), service))
  registerIpc(ipcMain, service, (url) => isAppUrl(url, devServerUrl))

  let window = createWindow(service)
  app.on('second-instance', () => {
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createWindow(service)
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => void service.close())
}

void main()
