// The whole index: segments of a few thousand articles each, newest first. New
// articles fill the newest segment; an edited article stays in its segment, so a
// change rewrites one segment file, not the index. This class runs the same in
// the search worker and in-process (tests, CLI).

import type { SearchRequest } from '../../../shared/search'
import { removeTempFiles } from '../store/durable-file'
import { Turns } from '../store/turns'
import { evaluate, type EvaluateOptions, type Evaluation } from './evaluate'
import { Segment, type IndexInput } from './segment'
import { Vocabulary } from './vocabulary'
import { decodeSnapshot, deleteSegmentFile, listSegmentFiles, readSegmentFile, writeSegmentFile } from './snapshot'

/** Articles per segment: small enough that one loads in a fraction of a second. */
export const DEFAULT_SEGMENT_CAPACITY = 1000

export interface LoadReport {
  segments: number
  /** Segment files that were damaged, stale or unreadable, and were dropped for rebuilding. */
  problems: string[]
}

export class SegmentedIndex {
  /** Newest (highest id) first: searched first, loaded first. */
  private segments: Segment[] = []
  /** Every term of every segment, for prefix and typo lookups across all of them at once. */
  private readonly vocabulary = new Vocabulary()
  private readonly removedWhileLoading = new Set<string>()
  private loading = false
  /** Segments emptied by removals, whose files go at the next flush. */
  private readonly emptied = new Set<number>()

  constructor(
    private readonly dir: string,
    private readonly capacity = DEFAULT_SEGMENT_CAPACITY,
  ) {}

  /** Segment ids on disk, newest first; read before anything may create a segment. */
  private onDisk: number[] | undefined

  /**
   * Lists the saved segments. Call (and await) it before any upsert: a new
   * segment must not take the id, and so overwrite the file, of one not yet loaded.
   */
  async list(): Promise<number[]> {
    // Nothing writes here yet: what a write cut short (a kill mid-save) left can go.
    await removeTempFiles(this.dir)
    this.onDisk = await listSegmentFiles(this.dir)
    return this.onDisk
  }

  get articleCount(): number {
    return this.segments.reduce((sum, s) => sum + s.size, 0)
  }

  /**
   * Loads saved segments newest first. Callers may search, upsert and remove
   * between segments; a damaged file is deleted and reported, never thrown.
   */
  async load(onProgress?: (loaded: number, total: number) => void): Promise<LoadReport> {
    const ids = this.onDisk ?? (await this.list())
    const problems: string[] = []
    this.loading = true
    onProgress?.(0, ids.length)
    try {
      for (const [i, id] of ids.entries()) {
        try {
          this.adopt(Segment.fromParts(decodeSnapshot(await readSegmentFile(this.dir, id), `segment ${id}`)))
        } catch (error) {
          problems.push((error as Error).message)
          await deleteSegmentFile(this.dir, id).catch(() => undefined)
        }
        onProgress?.(i + 1, ids.length)
      }
    } finally {
      this.loading = false
      this.removedWhileLoading.clear()
    }
    return { segments: this.segments.length, problems }
  }

  /** Adds a loaded segment, dropping articles a newer segment (or a removal) already settled. */
  private adopt(segment: Segment): void {
    for (const id of [...segment.articles.keys()]) {
      if (this.removedWhileLoading.has(id) || this.segments.some((s) => s.articles.has(id))) segment.remove(id)
    }
    if (segment.dirty) segment.dirty = segment.size > 0
    if (this.segments.some((s) => s.id === segment.id)) return
    segment.attach(this.vocabulary)
    this.segments.push(segment)
    this.segments.sort((a, b) => b.id - a.id)
  }

  upsert(input: IndexInput): void {
    const id = input.article.id
    this.removedWhileLoading.delete(id)
    const home = this.segments.find((s) => s.articles.has(id)) ?? this.openSegment()
    home.add(input)
    this.emptied.delete(home.id)
  }

  private openSegment(): Segment {
    const newest = this.segments[0]
    // While loading, the newest in memory may be an older segment: only a segment newer than every file is filled.
    if (newest !== undefined && newest.size < this.capacity && newest.id >= (this.onDisk?.[0] ?? 0)) return newest
    if (this.onDisk === undefined) throw new Error('SegmentedIndex.list() must run before the first upsert')
    const segment = Segment.create(Math.max(newest?.id ?? 0, this.onDisk[0] ?? 0) + 1)
    segment.attach(this.vocabulary)
    this.segments.unshift(segment)
    return segment
  }

  remove(articleId: string): boolean {
    if (this.loading) this.removedWhileLoading.add(articleId)
    for (const segment of this.segments) {
      if (!segment.remove(articleId)) continue
      if (segment.size === 0) {
        this.segments = this.segments.filter((s) => s !== segment)
        segment.detach()
        this.emptied.add(segment.id)
      }
      return true
    }
    return false
  }

  search(request: SearchRequest, options?: EvaluateOptions): Evaluation {
    return evaluate(this.segments, request, options, this.vocabulary)
  }

  /** Every indexed article's stamp, for comparing with the archive. */
  stamps(): [string, string][] {
    return this.segments.flatMap((s) => [...s.articles.values()].map((a): [string, string] => [a.id, a.stamp]))
  }

  private readonly flushes = new Turns()

  /**
   * Writes changed segments and deletes the files of emptied ones. Flushes run
   * in turn: a segment is marked clean before its write finishes, so a
   * concurrent flush would otherwise resolve while that write is still going.
   */
  flush(): Promise<void> {
    return this.flushes.run(() => this.writeChanged())
  }

  private async writeChanged(): Promise<void> {
    for (const segment of this.segments) {
      if (!segment.dirty) continue
      segment.dirty = false
      try {
        await writeSegmentFile(this.dir, segment.toParts())
      } catch (error) {
        segment.dirty = true
        throw error
      }
    }
    for (const id of [...this.emptied]) {
      this.emptied.delete(id)
      if (!this.segments.some((s) => s.id === id)) await deleteSegmentFile(this.dir, id)
    }
  }
}
