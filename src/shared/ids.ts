// The one rule for ids: what the API accepts is all any file (catalog, backup,
// merge, notes, journal) may carry. Ids become file names and object keys, so
// the rule also refuses names Windows reserves for devices and the names of
// Object.prototype's own members.

/** Letters, digits, `_` and `-`; no dots, so an id is never a path or an extension. */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/
export const MAX_ID_LENGTH = 64

/** CON, AUX, NUL, COM1…: opening `aux.json` on Windows opens a device, whatever the extension. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])$/i
const PROTOTYPE_NAMES = new Set(['__proto__', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)])

/** Why `value` is not an id Dossier can store, or undefined when it is one. */
export function idProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return 'an id must be text'
  if (value.length === 0) return 'an id cannot be empty'
  if (value.length > MAX_ID_LENGTH) return `an id has at most ${MAX_ID_LENGTH} characters`
  if (!ID_PATTERN.test(value)) return 'an id holds only letters, digits, "_" and "-"'
  if (WINDOWS_DEVICE.test(value)) return `"${value}" is a name Windows keeps for a device`
  if (PROTOTYPE_NAMES.has(value)) return `"${value}" is a reserved name`
  return undefined
}

export function isSafeId(value: unknown): boolean {
  return idProblem(value) === undefined
}

/** Names of stored assets ("image-3.png"): an id-like stem and a short extension. */
const ASSET_NAME = /^([A-Za-z0-9_-]{1,64})\.([a-z0-9]{1,8})$/

export function isSafeAssetName(value: unknown): boolean {
  if (typeof value !== 'string') return false
  const match = ASSET_NAME.exec(value)
  return match !== null && !WINDOWS_DEVICE.test(match[1]!)
}
