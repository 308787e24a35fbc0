// Text decoding: BOM first, then strict UTF-8, then Windows-1252 (what old Windows tools write).

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'

export function detectEncoding(data: Uint8Array): { encoding: TextEncoding; bomLength: number } {
  if (data[0] === 0xef && data[1] === 0xbb && data[2] === 0xbf) return { encoding: 'utf-8', bomLength: 3 }
  if (data[0] === 0xff && data[1] === 0xfe) return { encoding: 'utf-16le', bomLength: 2 }
  if (data[0] === 0xfe && data[1] === 0xff) return { encoding: 'utf-16be', bomLength: 2 }
  const guessed = guessUtf16WithoutBom(data)
  if (guessed) return { encoding: guessed, bomLength: 0 }
  if (isValidUtf8(data)) return { encoding: 'utf-8', bomLength: 0 }
  return { encoding: 'windows-1252', bomLength: 0 }
}

export function decodeText(data: Uint8Array): string {
  const { encoding, bomLength } = detectEncoding(data)
  const text = new TextDecoder(encoding).decode(data.subarray(bomLength))
  return encoding === 'windows-1252' ? fixWindows1252(text) : text
}

// Node 20's TextDecoder('windows-1252') decodes as ISO-8859-1, turning 0x80–0x9F (curly quotes,
// dashes, €) into C1 controls; this maps them as the WHATWG Encoding Standard does.
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ'

function fixWindows1252(text: string): string {
  return text.replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80] ?? c)
}

function isValidUtf8(data: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(data)
    return true
  } catch {
    return false
  }
}

// Latin text in UTF-16 without a BOM has a NUL in every other byte; binary files do not follow that pattern.
function guessUtf16WithoutBom(data: Uint8Array): TextEncoding | undefined {
  const sample = Math.min(data.length - (data.length % 2), 4096)
  if (sample < 8) return undefined
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < sample; i += 2) {
    if (data[i] === 0) evenZeros++
    if (data[i + 1] === 0) oddZeros++
  }
  const pairs = sample / 2
  if (oddZeros > pairs * 0.9 && evenZeros === 0) return 'utf-16le'
  if (evenZeros > pairs * 0.9 && oddZeros === 0) return 'utf-16be'
  return undefined
}

/** Share of characters that are control codes no text file contains; NUL or a high share means binary. */
export function looksBinary(text: string): boolean {
  const sample = text.length > 65536 ? text.slice(0, 65536) : text
  if (sample.includes('\u0000')) return true
  let controls = 0
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i)
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0xfffd) controls++
  }
  return controls > Math.max(2, sample.length * 0.02)
}
