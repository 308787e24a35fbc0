// One change at a time over a file that every write saves whole (catalog.json,
// state.json). A change made while another's write is still in flight would be
// saved by that write, and a failed change put back over it would drop it; in
// turns, each change runs from its edit in memory to its write saved (or put
// back) before the next one starts.

export class Turns {
  private last: Promise<unknown> = Promise.resolve()

  /** Runs `change` after every change started before it has finished, whether it succeeded or failed. */
  run<T>(change: () => Promise<T>): Promise<T> {
    const turn = this.last.then(change)
    this.last = turn.catch(() => undefined)
    return turn
  }
}
