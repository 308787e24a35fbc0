import { homedir } from 'node:os'
import { join } from 'node:path'

/** The archive the desktop app uses (Electron's userData for "Dossier"), so the CLI sees the same library. */
export function defaultArchiveDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env['DOSSIER_ARCHIVE']) return env['DOSSIER_ARCHIVE']
  const home = homedir()
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Dossier', 'archive')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Dossier', 'archive')
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'Dossier', 'archive')
}
