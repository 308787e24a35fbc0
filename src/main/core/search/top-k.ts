// The best k items of a stream, in O(n log k): a heap whose root is the worst kept.

export class TopK<T> {
  private readonly heap: T[] = []

  /** `before(a, b) > 0` when a ranks ahead of b. */
  constructor(
    private readonly k: number,
    private readonly before: (a: T, b: T) => number,
  ) {}

  /** Whether `item` would be kept; check before doing costly work for it. */
  accepts(item: T): boolean {
    return this.heap.length < this.k || this.before(item, this.heap[0]!) > 0
  }

  push(item: T): void {
    const heap = this.heap
    if (heap.length < this.k) {
      heap.push(item)
      let i = heap.length - 1
      while (i > 0) {
        const parent = (i - 1) >> 1
        if (this.before(heap[parent]!, heap[i]!) <= 0) break
        ;[heap[parent], heap[i]] = [heap[i]!, heap[parent]!]
        i = parent
      }
      return
    }
    if (this.before(item, heap[0]!) <= 0) return
    heap[0] = item
    let i = 0
    for (;;) {
      const left = 2 * i + 1
      const right = left + 1
      let worst = i
      if (left < heap.length && this.before(heap[worst]!, heap[left]!) > 0) worst = left
      if (right < heap.length && this.before(heap[worst]!, heap[right]!) > 0) worst = right
      if (worst === i) break
      ;[heap[worst], heap[i]] = [heap[i]!, heap[worst]!]
      i = worst
    }
  }

  /** Kept items, best first. */
  sorted(): T[] {
    return [...this.heap].sort((a, b) => this.before(b, a))
  }
}
