// Where the index lives: in this thread (tests, CLI) or in a worker thread (the
// app, so loading and querying never block the window). Both speak this interface.

import type { SearchRequest } from '../../../shared/search'
import type { Evaluation } from './evaluate'
import type { IndexInput } from './segment'
import { SegmentedIndex, type LoadReport } from './segmented-index'

export interface IndexBackend {
  /** Lists saved segments; must resolve before any upsert. */
  list(): Promise<void>
  load(onProgress: (loaded: number, total: number) => void): Promise<LoadReport>
  stamps(): Promise<[string, string][]>
  /** Each returns the number of articles indexed afterwards. */
  upsert(inputs: IndexInput[]): Promise<number>
  remove(ids: string[]): Promise<number>
  search(request: SearchRequest): Promise<Evaluation>
  flush(): Promise<void>
  close(): Promise<void>
}

export class InProcessBackend implements IndexBackend {
  private readonly index: SegmentedIndex

  constructor(dir: string, segmentCapacity?: number) {
    this.index = new SegmentedIndex(dir, segmentCapacity)
  }

  async list(): Promise<void> {
    await this.index.list()
  }

  load(onProgress: (loaded: number, total: number) => void): Promise<LoadReport> {
    return this.index.load(onProgress)
  }

  async stamps(): Promise<[string, string][]> {
    return this.index.stamps()
  }

  async upsert(inputs: IndexInput[]): Promise<number> {
    for (const input of inputs) this.index.upsert(input)
    return this.index.articleCount
  }

  async remove(ids: string[]): Promise<number> {
    for (const id of ids) this.index.remove(id)
    return this.index.articleCount
  }

  async search(request: SearchRequest): Promise<Evaluation> {
    return this.index.search(request)
  }

  flush(): Promise<void> {
    return this.index.flush()
  }

  async close(): Promise<void> {}
}
