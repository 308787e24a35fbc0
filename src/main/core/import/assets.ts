// Images a document carries locally, stored beside the article. Raster formats only: SVG can hold script.
import type { ImportedDocument } from '../../../shared/types'

type Asset = NonNullable<ImportedDocument['assets']>[number]

const MAX_ASSETS = 200
const MAX_ASSET_BYTES = 20 * 1024 * 1024

export function imageMime(data: Uint8Array): { mime: string; ext: string } | undefined {
  const at = (i: number, bytes: number[]): boolean => bytes.every((b, k) => data[i + k] === b)
  if (at(0, [0x89, 0x50, 0x4e, 0x47])) return { mime: 'image/png', ext: 'png' }
  if (at(0, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg', ext: 'jpg' }
  if (at(0, [0x47, 0x49, 0x46, 0x38])) return { mime: 'image/gif', ext: 'gif' }
  if (at(0, [0x52, 0x49, 0x46, 0x46]) && at(8, [0x57, 0x45, 0x42, 0x50])) return { mime: 'image/webp', ext: 'webp' }
  if (at(4, [0x66, 0x74, 0x79, 0x70, 0x61, 0x76, 0x69, 0x66])) return { mime: 'image/avif', ext: 'avif' }
  return undefined
}

/** A reference that points into the saved page's own folder, not to the web or elsewhere on disk. */
export function localImagePath(src: string): string | undefined {
  const trimmed = src.trim()
  if (trimmed === '' || /^[a-z][a-z0-9+.-]*:/i.test(trimmed) || trimmed.startsWith('//') || trimmed.startsWith('/')) return undefined
  let path: string
  try {
    path = decodeURIComponent(trimmed.split(/[?#]/)[0] ?? '')
  } catch {
    return undefined
  }
  path = path.replace(/^\.\//, '')
  if (path === '' || path.split(/[\\/]/).includes('..')) return undefined
  return path
}

export class AssetCollector {
  readonly assets: Asset[] = []
  private readonly byPath = new Map<string, string>()
  private total = 0

  constructor(private readonly resolve?: (relativePath: string) => Uint8Array | undefined) {}

  /** The stored asset's name for a local image reference, or undefined when it is remote, missing or not an image. */
  add(src: string): string | undefined {
    if (!this.resolve) return undefined
    const path = localImagePath(src)
    if (path === undefined) return undefined
    const known = this.byPath.get(path)
    if (known !== undefined) return known
    if (this.assets.length >= MAX_ASSETS) return undefined
    let data: Uint8Array | undefined
    try {
      data = this.resolve(path)
    } catch {
      return undefined
    }
    if (!data || data.length === 0 || data.length > MAX_ASSET_BYTES || this.total + data.length > MAX_ASSET_BYTES * 5) return undefined
    const kind = imageMime(data)
    if (!kind) return undefined
    const name = `image-${this.assets.length + 1}.${kind.ext}`
    this.assets.push({ name, mime: kind.mime, data })
    this.byPath.set(path, name)
    this.total += data.length
    return name
  }
}
