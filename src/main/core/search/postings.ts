// Posting lists: for one term in one field, the documents holding it and how
// often, in two parallel typed arrays. A list loaded from a snapshot is a view
// of a shared block; the first append copies it out (copy on write). Deleted
// documents stay in the lists until the segment is compacted (Lucene-style
// tombstones), so a removal costs nothing per term.

export class PostingList {
  constructor(
    public docs: Int32Array,
    public freqs: Uint16Array,
    public length: number,
    private owned: boolean,
  ) {}

  static empty(): PostingList {
    return new PostingList(new Int32Array(4), new Uint16Array(4), 0, true)
  }

  push(doc: number, freq: number): void {
    if (!this.owned || this.length === this.docs.length) {
      const capacity = Math.max(4, this.length * 2)
      const docs = new Int32Array(capacity)
      const freqs = new Uint16Array(capacity)
      docs.set(this.docs.subarray(0, this.length))
      freqs.set(this.freqs.subarray(0, this.length))
      this.docs = docs
      this.freqs = freqs
      this.owned = true
    }
    this.docs[this.length] = doc
    this.freqs[this.length] = Math.min(freq, 0xffff)
    this.length++
  }
}

/** A growable Uint16Array, for per-document field lengths. */
export class GrowableU16 {
  constructor(
    public data: Uint16Array = new Uint16Array(64),
    public length = 0,
  ) {}

  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Uint16Array(Math.max(64, this.data.length * 2))
      next.set(this.data)
      this.data = next
    }
    this.data[this.length++] = Math.min(value, 0xffff)
  }
}
