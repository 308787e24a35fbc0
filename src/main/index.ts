// The Electron entry: hands the electron module to the shell (shell/app.ts), which
// holds the lifecycle and is tested under plain Node with a stand-in for electron.

import { dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell } from 'electron'
import { startShell } from './shell/app'

startShell(
  { app, BrowserWindow, dialog, ipcMain, net, protocol, session, shell },
  {
    mainDir: dirname(fileURLToPath(import.meta.url)),
    ...(process.env['DOSSIER_ARCHIVE'] ? { archiveDir: process.env['DOSSIER_ARCHIVE'] } : {}),
    ...(process.env['ELECTRON_RENDERER_URL'] ? { devServerUrl: process.env['ELECTRON_RENDERER_URL'] } : {}),
  },
)
