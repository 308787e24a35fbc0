// JSON for the HTTP transport that keeps bytes as bytes: Uint8Array travels as
// {"$bytes": "<base64>"}. IPC needs none of this (structured clone).

const CHUNK = 0x8000

function toBase64(bytes: Uint8Array): string {
  let binary = ''
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK))
  }
  return btoa(binary)
}

function fromBase64(text: string): Uint8Array {
  const binary = atob(text)
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

export function encodeWire(value: unknown): string {
  // Read the holder's own value: JSON.stringify has already applied toJSON, which turns a
  // Node Buffer (a Uint8Array) into {type: 'Buffer', data: [...]} before a replacer sees `item`.
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, item: unknown) {
    const original = this[key]
    return original instanceof Uint8Array ? { $bytes: toBase64(original) } : item
  })
}

/** Throws SyntaxError on malformed JSON or base64; the caller turns that into a 400. */
export function decodeWire(text: string): unknown {
  return JSON.parse(text, (_key, item: unknown) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      const keys = Object.keys(item)
      const bytes = (item as { $bytes?: unknown }).$bytes
      if (keys.length === 1 && typeof bytes === 'string') return fromBase64(bytes)
    }
    return item
  })
}
