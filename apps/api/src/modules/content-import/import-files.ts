import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArticleFile, prepareArticle } from '@folio/content';
import type {
  ContentImportService,
  ImportOptions,
  ImportOutcome,
} from './content-import.service.js';

const ARTICLE_FILE = /\.(md|markdown|txt)$/i;

export type FileImportResult =
  | { file: string; outcome: ImportOutcome; slug: string; sections: number }
  | { file: string; outcome: 'failed'; reason: string };

/** Every .md/.markdown/.txt file under the given files and folders, sorted, without duplicates. */
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

/** Imports each file on its own: one that cannot be read or parsed does not stop the others. */
export async function importFiles(
  service: ContentImportService,
  files: readonly string[],
  options: ImportOptions,
): Promise<FileImportResult[]> {
  const results: FileImportResult[] = [];
  for (const file of files) {
    try {
      const prepared = prepareArticle(parseArticleFile(file, await readFile(file, 'utf8')));
      const outcome = await service.importArticle(prepared, options);
      results.push({ file, outcome, slug: prepared.slug, sections: prepared.sections.length });
    } catch (error) {
      results.push({ file, outcome: 'failed', reason: (error as Error).message });
    }
  }
  return results;
}
