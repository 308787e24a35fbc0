// The part of better-sqlite3's API the FTS5 peer uses (the package ships no types).
declare module 'better-sqlite3' {
  interface Statement {
    run(...params: unknown[]): { changes: number }
    get(...params: unknown[]): unknown
    all(...params: unknown[]): unknown[]
    pluck(on?: boolean): Statement
    raw(on?: boolean): Statement
  }
  interface Database {
    exec(sql: string): Database
    prepare(sql: string): Statement
    transaction<A extends unknown[]>(fn: (...args: A) => void): (...args: A) => void
    pragma(sql: string, options?: { simple?: boolean }): unknown
    close(): void
  }
  const Database: new (path: string, options?: { readonly?: boolean; fileMustExist?: boolean }) => Database
  export default Database
}
