// Electron's fuses, flipped in the packaged binary (electron-builder's afterPack hook). See docs/SECURITY.md.

import { join } from 'node:path'
import { flipFuses, FuseV1Options, FuseVersion } from '@electron/fuses'

export const FUSES = {
  version: FuseVersion.V1,
  // Every fuse named, so an Electron upgrade that adds one fails the flip instead of leaving it at its default.
  strictlyRequireAllFuses: true,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
}

/** The Electron binary inside a packed app folder, per platform. */
export function electronBinary(appOutDir, platform, productFilename, executableName) {
  if (platform === 'darwin' || platform === 'mas') return join(appOutDir, `${productFilename}.app`, 'Contents', 'MacOS', productFilename)
  if (platform === 'win32') return join(appOutDir, `${productFilename}.exe`)
  return join(appOutDir, executableName)
}

export default async function afterPack(context) {
  const { appOutDir, electronPlatformName, packager } = context
  const binary = electronBinary(appOutDir, electronPlatformName, packager.appInfo.productFilename, packager.executableName)
  // macOS: the flip breaks the ad-hoc signature on arm64; reset it so the unsigned app still starts.
  await flipFuses(binary, { ...FUSES, resetAdHocDarwinSignature: electronPlatformName === 'darwin' })
}
