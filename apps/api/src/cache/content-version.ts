/**
 * A number that moves on whenever published content may have changed. Cached responses are
 * keyed by the number current when their request started, so after a bump nothing computed
 * before it can be served again: invalidation is one increment, however many entries there are.
 */
export class ContentVersion {
  private value = 0;
  private readonly listeners = new Set<() => void>();
  /**
   * False while this process could miss another process's changes (its LISTEN connection is
   * down): caches must then be bypassed, not trusted.
   */
  trusted = true;

  get current(): number {
    return this.value;
  }

  bump(): void {
    this.value += 1;
    for (const listener of this.listeners) listener();
  }

  onBump(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
