import { MAX_FILES_PER_CALL } from './limits'

/** Bytes per importFiles call: big enough for throughput, small enough for one request. */
export const MAX_BATCH_BYTES = 48 * 1024 * 1024

/** A saved page and its "Name_files/" folder travel in the same batch, so its images resolve. */
export function groupKey(name: string): string {
  const normalised = name.replace(/\\/g, '/')
  const resources = normalised.match(/^(.*?[^/]+)_files\//)
  if (resources) return resources[1]!
  return normalised.replace(/\.(x?html?)$/i, '')
}

/** Splits files into import batches by count and size, keeping each page's group whole. */
export function batchFiles<T extends { name: string; size: number }>(files: T[]): T[][] {
  const groups = new Map<string, T[]>()
  for (const file of files) {
    const key = groupKey(file.name)
    groups.set(key, [...(groups.get(key) ?? []), file])
  }
  const batches: T[][] = []
  let current: T[] = []
  let bytes = 0
  for (const group of groups.values()) {
    const groupBytes = group.reduce((sum, file) => sum + file.size, 0)
    if (current.length && (current.length + group.length > MAX_FILES_PER_CALL || bytes + groupBytes > MAX_BATCH_BYTES)) {
      batches.push(current)
      current = []
      bytes = 0
    }
    for (const file of group) {
      if (current.length === MAX_FILES_PER_CALL) {
        batches.push(current)
        current = []
        bytes = 0
      }
      current.push(file)
    }
    bytes += groupBytes
  }
  if (current.length) batches.push(current)
  return batches
}
