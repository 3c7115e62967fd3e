/**
 * A number that moves on whenever published content may have changed. Cached responses are
 * keyed by the number current when their request started, so after a bump nothing computed
 * before it can be served again: invalidation is one increment, however many entries there are.
 */
export class ContentVersion {
  private value = 0;
  private isTrusted = true;
  private readonly bumpListeners = new Set<() => void>();
  private readonly trustListeners = new Set<() => void>();

  get current(): number {
    return this.value;
  }

  /**
   * False while this process could miss another process's changes (its LISTEN connection is
   * down): caches must then be bypassed, not trusted.
   */
  get trusted(): boolean {
    return this.isTrusted;
  }

  set trusted(trusted: boolean) {
    if (trusted === this.isTrusted) return;
    this.isTrusted = trusted;
    for (const listener of this.trustListeners) listener();
  }

  bump(): void {
    this.value += 1;
    for (const listener of this.bumpListeners) listener();
  }

  onBump(listener: () => void): () => void {
    this.bumpListeners.add(listener);
    return () => this.bumpListeners.delete(listener);
  }

  onTrustChange(listener: () => void): () => void {
    this.trustListeners.add(listener);
    return () => this.trustListeners.delete(listener);
  }
}
