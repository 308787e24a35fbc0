// The corpora the search suite measures on (`--corpus generated,brown`): the
// generated news-like one (a 250-word vocabulary, every term dense) and the
// Brown Corpus's real text (a long tail of rare words), each with its queries
// and the query the cold start waits on.

import { brownArchive } from './brown'
import { generateArchive, type GeneratedArticle } from './generate'
import { QUERY_MIX, type BenchQuery } from './queries'
import { realQueries } from './real-queries'

export interface Corpus {
  name: string
  articles(count: number): GeneratedArticle[]
  queries(): BenchQuery[]
  /** A query with answers at every scale, for the cold start's first answer. */
  probe(): string
}

let brownMix: BenchQuery[] | undefined
const brownQueries = (): BenchQuery[] => (brownMix ??= realQueries())

export const CORPORA: Corpus[] = [
  { name: 'generated', articles: (count) => [...generateArchive(count)], queries: () => QUERY_MIX, probe: () => 'Waziristan' },
  { name: 'brown', articles: (count) => brownArchive(count), queries: brownQueries, probe: () => brownQueries().find((q) => q.kind === 'name')!.query },
]
