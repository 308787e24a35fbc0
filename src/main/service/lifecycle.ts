// What happens to articles, for the parts that follow them (search indexes them,
// notes re-anchor and mark broken links). The library reports; features subscribe.

export interface ArticleListener {
  added?(ids: string[]): Promise<void> | void
  /** The article's text was replaced by a new import. */
  replaced?(id: string): Promise<void> | void
  /** Metadata (title, tags, source...) changed. */
  updated?(id: string): Promise<void> | void
  trashed?(id: string): Promise<void> | void
  restored?(id: string): Promise<void> | void
  purged?(id: string): Promise<void> | void
}

export class ArticleLifecycle {
  private readonly listeners: ArticleListener[] = []

  subscribe(listener: ArticleListener): void {
    this.listeners.push(listener)
  }

  async emit<K extends keyof ArticleListener>(event: K, arg: Parameters<NonNullable<ArticleListener[K]>>[0]): Promise<void> {
    for (const listener of this.listeners) {
      const handler = listener[event] as ((value: typeof arg) => Promise<void> | void) | undefined
      await handler?.call(listener, arg)
    }
  }
}
