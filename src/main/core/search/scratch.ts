// Per-document and per-article working tables for one query over one segment,
// reused across segments and queries (one query runs at a time in a thread).
// Invariant between uses: every count and mark is zero; scores are written on
// first touch, so they need no clearing.

export interface Scratch {
  /** The current clause's matching documents: the first clauseSize entries. */
  clauseDocs: Int32Array
  clauseSize: number
  clauseScore: Float64Array
  clauseCount: Uint16Array
  /** The last term (1-based) counted for a document; 32-bit: a short prefix can expand to more than 65,535 terms. */
  termMark: Uint32Array
  /** Across the query's groups: a document's summed score, groups matched, last group (1-based). */
  docScore: Float64Array
  docGroups: Uint16Array
  docLastGroup: Uint16Array
  /** Per article slot: groups matched so far (-1: filtered out or excluded), current group's mark and best, total. */
  artPassed: Int16Array
  artInGroup: Uint16Array
  artGroupMax: Float64Array
  artScore: Float64Array
}

let docCapacity = 0
let articleCapacity = 0
let scratch: Scratch | undefined

const grow = (needed: number, current: number): number => Math.max(needed, current * 2, 1024)

export function scratchFor(docs: number, articles: number): Scratch {
  if (scratch === undefined || docs > docCapacity || articles > articleCapacity) {
    if (docs > docCapacity) docCapacity = grow(docs, docCapacity)
    if (articles > articleCapacity) articleCapacity = grow(articles, articleCapacity)
    scratch = {
      clauseDocs: new Int32Array(docCapacity),
      clauseSize: 0,
      clauseScore: new Float64Array(docCapacity),
      clauseCount: new Uint16Array(docCapacity),
      termMark: new Uint32Array(docCapacity),
      docScore: new Float64Array(docCapacity),
      docGroups: new Uint16Array(docCapacity),
      docLastGroup: new Uint16Array(docCapacity),
      artPassed: new Int16Array(articleCapacity),
      artInGroup: new Uint16Array(articleCapacity),
      artGroupMax: new Float64Array(articleCapacity),
      artScore: new Float64Array(articleCapacity),
    }
  }
  return scratch
}
