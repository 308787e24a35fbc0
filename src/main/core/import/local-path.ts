// Paths of a dropped folder's files, as a saved page refers to its images.

/** Resolves "./" and "../" inside the dropped folder; never climbs above it. */
export function normaliseLocal(path: string): string {
  const parts: string[] = []
  let decoded = path
  try {
    decoded = decodeURIComponent(path)
  } catch {
    // A stray "%" is a literal character of the name.
  }
  for (const part of decoded.replace(/\\/g, '/').split('/')) {
    if (part === '..') parts.pop()
    else if (part && part !== '.') parts.push(part)
  }
  return parts.join('/')
}
