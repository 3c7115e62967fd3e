/**
 * Per-request state: who is calling, from where, and batching loaders. This folder declares
 * the parts no module owns; modules add their own by declaration merging (modules/auth/viewer.ts
 * adds `viewer`, modules/articles/article.loaders.ts adds `loaders`), as the reader extends
 * Remix's AppLoadContext, so the toolkit imports no module.
 */
export interface Context {
  /** The reader's address: the connection's, or the one a trusted reader site forwarded. */
  clientAddress: string;
  /** The browser's User-Agent (forwarded by Studio), shown in a user's sessions list. */
  userAgent: string | null;
  /** The content version when the request arrived; cached answers are keyed by it. */
  contentVersion: number;
}

/** The context inside @Authorized resolvers, where a viewer is guaranteed. */
export type AuthedContext = Context & { viewer: NonNullable<Context['viewer']> };
