import type { DataSource } from 'typeorm';
import type { Logger } from '../../logger.js';
import { Article } from '../articles/article.entity.js';
import { ContentImportService } from './content-import.service.js';
import { findArticleFiles, importFiles } from './import-files.js';

/** Loads the sample content once: only when the database holds no article at all. */
export async function seedIfEmpty(
  dataSource: DataSource,
  folder: string,
  logger: Logger,
): Promise<void> {
  if (await dataSource.getRepository(Article).exists()) return;
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
