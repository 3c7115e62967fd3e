import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { prepareArticle } from '@folio/content';
import type { ImportCandidate } from '@folio/content/importers';
import {
  ARTICLE_LIMITS,
  type ContentImportService,
  type DryRunPlan,
  type ImportOutcome,
} from './content-import.service.js';
import { openSource, type ImportSource } from './import-sources.js';

// Files and folders in, one report per item out: a source that cannot be read is refused whole
// (nothing of it stored), an item that fails is reported with where it is and skipped.

const ARTICLE_FILE = /\.(md|markdown|txt|xml|json|html?)$/i;

export type ItemOutcome = ImportOutcome | 'skipped' | 'failed';

export interface ItemReport {
  file: string;
  /** Where in the file: `export.xml:120 (post 7)`, `ghost.json posts[3] (slug)`, a file name. */
  location: string;
  outcome: ItemOutcome;
  slug?: string;
  sections?: number;
  sourceKey?: string;
  /** Why it was skipped or failed. */
  reason?: string;
  warnings: string[];
}

export interface ImportSummary {
  created: number;
  updated: number;
  /** Skipped because the source has not changed since the last import. */
  unchanged: number;
  /** Skipped because the item is not an article (an attachment, a menu item…). */
  skipped: number;
  failed: number;
}

export interface FileImportOptions {
  /** Publish with the source's status (or published); false imports new articles as drafts. */
  publish: boolean;
  /** Decide every outcome, write nothing. */
  dryRun?: boolean;
  /** How files are named in locations (relative to where the command ran). */
  displayName?: (file: string) => string;
  /** Called once, when every source has been checked, with the number of items to come. */
  onTotal?: (total: number) => void;
  onItem?: (report: ItemReport) => void;
  /**
   * Keep every report for the result (the default). The command passes false and counts
   * through `onItem`, so memory does not grow with the number of items.
   */
  collect?: boolean;
}

/** Every importable file under the given files and folders, sorted, without duplicates. */
export async function findArticleFiles(paths: readonly string[]): Promise<string[]> {
  const found = new Set<string>();
  const visit = async (target: string, explicit: boolean): Promise<void> => {
    const info = await stat(target);
    if (info.isDirectory()) {
      const entries = await readdir(target);
      for (const entry of entries.sort()) {
        if (!entry.startsWith('.')) await visit(path.join(target, entry), false);
      }
    } else if (explicit || ARTICLE_FILE.test(target)) {
      found.add(path.resolve(target));
    }
  };
  for (const target of paths) await visit(target, true);
  return [...found];
}

/** Imports every item of every file; one that cannot be read or stored does not stop the rest. */
export async function importFiles(
  service: ContentImportService,
  files: readonly string[],
  options: FileImportOptions,
): Promise<ItemReport[]> {
  const name = options.displayName ?? ((file: string) => path.basename(file));
  const reports: ItemReport[] = [];
  const report = (entry: ItemReport) => {
    if (options.collect !== false) reports.push(entry);
    options.onItem?.(entry);
  };

  const plan: DryRunPlan = { slugs: new Set(), keys: new Map() };
  const checked: ImportSource[] = [];
  const refused: ItemReport[] = [];
  let total = 0;
  for (const file of files) {
    try {
      const source = await openSource(file, name(file));
      total += await source.check();
      checked.push(source);
    } catch (error) {
      total += 1;
      refused.push(failure(file, name(file), error));
    }
  }
  options.onTotal?.(total);
  for (const entry of refused) report(entry);

  for (const source of checked) {
    try {
      for await (const item of source.items()) {
        if (item.kind === 'article')
          report(await importCandidate(service, source.file, item, options, plan));
        else
          report({
            file: source.file,
            location: item.location,
            outcome: item.kind,
            reason: item.reason,
            warnings: [],
          });
      }
    } catch (error) {
      report(failure(source.file, name(source.file), error));
    }
  }
  return reports;
}

export function summarize(reports: readonly ItemReport[]): ImportSummary {
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
  for (const { outcome } of reports) summary[outcome] += 1;
  return summary;
}

async function importCandidate(
  service: ContentImportService,
  file: string,
  candidate: ImportCandidate,
  { publish, dryRun }: FileImportOptions,
  plan: DryRunPlan,
): Promise<ItemReport> {
  const { location, sourceKey } = candidate;
  const warnings = [...candidate.warnings];
  try {
    const draft = { ...candidate.draft };
    if (draft.tags.length > ARTICLE_LIMITS.tags) {
      warnings.push(`${draft.tags.length} tags; kept the first ${ARTICLE_LIMITS.tags}`);
      draft.tags = draft.tags.slice(0, ARTICLE_LIMITS.tags);
    }
    const article = prepareArticle(draft);
    const result = await service.importItem(
      { article, sourceKey, status: publish ? (candidate.status ?? 'published') : undefined },
      { dryRun, plan },
    );
    return {
      file,
      location,
      outcome: result.outcome,
      slug: result.slug,
      sections: article.sections.length,
      ...(sourceKey ? { sourceKey } : {}),
      warnings: [...warnings, ...result.warnings],
    };
  } catch (error) {
    return { ...failure(file, location, error), warnings };
  }
}

function failure(file: string, location: string, error: unknown): ItemReport {
  return {
    file,
    location,
    outcome: 'failed',
    reason: error instanceof Error ? error.message : String(error),
    warnings: [],
  };
}
