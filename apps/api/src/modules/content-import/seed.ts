import type { DataSource } from 'typeorm';
import type { Logger } from '../../logger.js';
import { Article } from '../articles/article.entity.js';
import { ContentImportService } from './content-import.service.js';

/** Loads the sample content once: only when the database holds no article at all. */
export async function seedIfEmpty(
  dataSource: DataSource,
  folder: string,
  logger: Logger,
): Promise<void> {
  if (await dataSource.getRepository(Article).exists()) return;
  // The importers (an HTML parser, Readability, WXR and Ghost readers) are loaded only when there
  // is something to seed: kept resident by every API process, they cost about 34 MB of RSS.
  const { findArticleFiles, importFiles } = await import('./import-files.js');
  const results = await importFiles(
    new ContentImportService(dataSource),
    await findArticleFiles([folder]),
    {
      publish: true,
    },
  );
  for (const result of results) {
    if (result.outcome === 'failed')
      logger.warn({ file: result.file, reason: result.reason }, 'sample article not loaded');
  }
  logger.info(
    { folder, articles: results.filter((r) => r.outcome !== 'failed').length },
    'loaded sample content',
  );
}
