// SQLite FTS5 as a peer, set up as a careful app would: one row per article,
// unicode61 with diacritics removed, prefix indexes for 2 and 3 letters, bm25()
// with Dossier's field boosts, the top 20 with a snippet each plus COUNT(*) for
// the total. FTS5 has no typo tolerance, so Dossier's rule (typos.ts) is applied
// through its fts5vocab table: a word it lacks becomes an OR of the words within
// the allowed edits. The vocabulary is read from fts5vocab once after the build
// (counted in the build), then scanned in memory, as Dossier scans its own.

import Database from 'better-sqlite3'
import { mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { SearchFilters } from '../../src/shared/search'
import type { GeneratedArticle } from './generate'
import type { Peer } from './peers'
import { TOP } from './peers'
import { partsOf, type BenchQuery } from './queries'
import { isTypoCandidate, nearWords } from './typos'

/** Dossier's boosts (src/main/core/search/evaluate.ts), in column order; the filter columns weigh nothing. */
const COLUMNS = ['title', 'text', 'author', 'source', 'tags'] as const
const WEIGHTS = [2.5, 1, 1.5, 1.2, 1.5, 0, 0, 0]
const STOP_WORDS_NOTE = 'query words are the bench queries’ own (no stop words outside phrases)'

const quote = (term: string): string => `"${term.replace(/"/g, '""')}"`

/** FTS5's unicode61 folding of a query word: lower case, no diacritics. */
const fold = (w: string): string => w.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()

export class Fts5Peer implements Peer {
  name = 'SQLite FTS5'
  about = `one row per article, unicode61 remove_diacritics 2, prefix '2 3', bm25 with Dossier's boosts, top 20 with snippet() + COUNT; typos by Dossier's edit rule over fts5vocab; ${STOP_WORDS_NOTE}`
  /** Matches counted by the last search (COUNT(*)). */
  total = 0
  /** Snippets cut by the last search. */
  snippets: string[] = []
  readonly dir: string
  readonly file: string
  private db: Database | undefined
  private vocabulary = new Map<string, number>()
  private sortedTerms: string[] = []
  private byLength = new Map<number, [string, number][]>()

  constructor(dir?: string) {
    this.dir = dir ?? mkdtempSync(join(tmpdir(), 'dossier-fts5-'))
    this.file = join(this.dir, 'fts5.db')
    mkdirSync(this.dir, { recursive: true })
  }

  async build(articles: GeneratedArticle[]): Promise<void> {
    const db = new Database(this.file)
    db.exec(
      `CREATE VIRTUAL TABLE docs USING fts5(${COLUMNS.join(', ')}, src UNINDEXED, published UNINDEXED, taglist UNINDEXED, ` +
        `tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3');` +
        `CREATE VIRTUAL TABLE vocab USING fts5vocab(docs, 'row');`,
    )
    const insert = db.prepare('INSERT INTO docs (rowid, title, text, author, source, tags, src, published, taglist) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)')
    const all = db.transaction((batch: GeneratedArticle[], from: number) => {
      batch.forEach((a, i) => insert.run(from + i + 1, a.title, a.text, a.byline ?? '', a.source ?? '', a.tags.join(' '), a.source ?? '', a.publishedAt ?? '', `\u001f${a.tags.join('\u001f')}\u001f`))
    })
    for (let i = 0; i < articles.length; i += 1000) all(articles.slice(i, i + 1000), i)
    db.exec(`INSERT INTO docs (docs) VALUES ('optimize')`)
    this.ids = articles.map((a) => a.id)
    this.db = db
    this.loadVocabulary()
  }

  /** Opens an index built before; without the vocabulary (a cold start), typed words are taken as they are until loadVocabulary(). */
  open(ids: string[], vocabulary = true): void {
    this.db = new Database(this.file, { readonly: true, fileMustExist: true })
    this.ids = ids
    if (vocabulary) this.loadVocabulary()
  }

  private ids: string[] = []

  /** Reads fts5vocab into memory, for prefix and typo decisions. */
  loadVocabulary(): void {
    const rows = this.db!.prepare('SELECT term, doc FROM vocab').raw().all() as [string, number][]
    this.vocabulary = new Map(rows)
    this.sortedTerms = rows.map(([t]) => t)
    this.byLength = new Map()
    for (const row of rows) {
      const list = this.byLength.get(row[0].length) ?? []
      list.push(row)
      this.byLength.set(row[0].length, list)
    }
  }

  /** Whether any indexed word begins with `prefix` (the vocabulary is in term order). */
  private begins(prefix: string): boolean {
    let lo = 0
    let hi = this.sortedTerms.length
    while (lo < hi) {
      const m = (lo + hi) >> 1
      if (this.sortedTerms[m]! < prefix) lo = m + 1
      else hi = m
    }
    return this.sortedTerms[lo]?.startsWith(prefix) ?? false
  }

  /** The words a typed word stands for under Dossier's rule: itself, its completions, or its near spellings. */
  expand(word: string, prefix: boolean): { terms: string[]; prefix: boolean } {
    const term = fold(word)
    if (prefix && this.begins(term)) return { terms: [term], prefix: true }
    if (this.vocabulary.has(term) || !isTypoCandidate(term)) return { terms: [term], prefix: false }
    const byLength = this.byLength
    function* candidates(): Generator<[string, number]> {
      for (let length = term.length - 2; length <= term.length + 2; length++) yield* byLength.get(length) ?? []
    }
    return { terms: [term, ...nearWords(term, candidates())], prefix: false }
  }

  /** The MATCH expression for a bench query. */
  matchOf(query: BenchQuery): string {
    const { groups, excluded, phrases, prefixLast } = partsOf(query.query)
    const clause = (word: string, prefix: boolean): string => {
      const e = this.expand(word, prefix)
      const terms = e.terms.map((t) => quote(t) + (e.prefix ? ' *' : ''))
      return terms.length === 1 ? terms[0]! : `(${terms.join(' OR ')})`
    }
    const required = [
      ...phrases.map((p) => quote(p)),
      ...groups.map((g, gi) => {
        const alternatives = g.map((w, wi) => clause(w, prefixLast && gi === groups.length - 1 && wi === g.length - 1))
        return alternatives.length === 1 ? alternatives[0]! : `(${alternatives.join(' OR ')})`
      }),
    ]
    let match = required.join(' AND ')
    for (const w of excluded) match += ` NOT ${clause(w, false)}`
    return match
  }

  private where(filters: SearchFilters | undefined, params: unknown[]): string {
    let sql = ''
    if (filters?.source !== undefined) {
      sql += ` AND src IN (${filters.source.map(() => '?').join(', ')})`
      params.push(...filters.source)
    }
    for (const tag of filters?.tags ?? []) {
      sql += ' AND instr(taglist, ?) > 0'
      params.push(`\u001f${tag}\u001f`)
    }
    if (filters?.publishedFrom !== undefined) {
      sql += ' AND published >= ?'
      params.push(filters.publishedFrom)
    }
    if (filters?.publishedTo !== undefined) {
      sql += ' AND published <= ?'
      params.push(filters.publishedTo)
    }
    return sql
  }

  async search(query: BenchQuery): Promise<string[]> {
    return this.searchMatch(this.matchOf(query), query.filters)
  }

  /** The top TOP ids for a MATCH expression, with snippets, and the total. */
  searchMatch(match: string, filters?: SearchFilters): string[] {
    const params: unknown[] = [match]
    const where = this.where(filters, params)
    const db = this.db!
    const rows = db
      .prepare(`SELECT rowid, snippet(docs, 1, '<mark>', '</mark>', '…', 24) FROM docs WHERE docs MATCH ?${where} ORDER BY bm25(docs, ${WEIGHTS.join(', ')}) LIMIT ${TOP}`)
      .raw()
      .all(...params) as [number, string][]
    this.total = db.prepare(`SELECT count(*) FROM docs WHERE docs MATCH ?${where}`).pluck().get(...params) as number
    this.snippets = rows.map((r) => r[1])
    return rows.map((r) => this.ids[r[0] - 1]!)
  }

  /** Bytes on disk. */
  size(): number {
    return statSync(this.file).size
  }

  close(): void {
    this.db?.close()
    this.db = undefined
  }

  /** Closes and deletes the index. */
  dispose(): void {
    this.close()
    rmSync(this.dir, { recursive: true, force: true })
  }
}
