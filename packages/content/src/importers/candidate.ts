import type { ArticleDraft } from '../article-draft.js';

/** Where an imported article stands once stored: the source's own status, mapped to Folio's. */
export type ImportStatus = 'published' | 'scheduled' | 'draft';

/** One article found in a source file, ready for the database. */
export interface ImportCandidate {
  kind: 'article';
  /** Where it was found, for messages: `export.xml:120` or `ghost.json posts[3]`. */
  location: string;
  /**
   * The source system's identity for it (`wordpress:<site>:<post id>`, `ghost:<uuid>`), so a
   * re-import updates the same article. Absent for Markdown and plain text, keyed by slug.
   */
  sourceKey?: string;
  draft: ArticleDraft;
  /** Absent when the source has no status of its own (Markdown, text, saved pages). */
  status?: ImportStatus;
  /** Things dropped or changed on the way in (shortcodes, embeds, tables). */
  warnings: string[];
}

/** An item in a source that is deliberately not an article (an attachment, a menu item). */
export interface SkippedItem {
  kind: 'skipped';
  location: string;
  reason: string;
}

/** An item that could not be read; the rest of the source is still imported. */
export interface FailedItem {
  kind: 'failed';
  location: string;
  reason: string;
}

export type SourceItem = ImportCandidate | SkippedItem | FailedItem;

export function failedItem(location: string, error: unknown): FailedItem {
  return {
    kind: 'failed',
    location,
    reason: error instanceof Error ? error.message : String(error),
  };
}
