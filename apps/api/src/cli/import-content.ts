import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ContentImportService } from '../modules/content-import/content-import.service.js';
import { findArticleFiles, importFiles } from '../modules/content-import/import-files.js';
import { parseCliEnv } from '../env.js';
import { withCliDatabase } from './database-url.js';

const USAGE = `Usage: npm run content:import -- [--draft] <file or folder>...

Creates or updates articles (by slug) from .md, .markdown and .txt files.
  --draft   import as drafts instead of publishing`;

async function run(): Promise<number> {
  const { values, positionals } = parseArgs({
    options: { draft: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
    allowPositionals: true,
  });
  if (values.help || positionals.length === 0) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  // npm runs workspace scripts from the workspace folder; paths are the caller's.
  const base = parseCliEnv().INIT_CWD ?? process.cwd();
  let files: string[];
  try {
    files = await findArticleFiles(positionals.map((p) => path.resolve(base, p)));
  } catch (error) {
    console.error(
      `Cannot read ${(error as NodeJS.ErrnoException).path ?? 'input'}: ${(error as Error).message}`,
    );
    return 1;
  }
  if (files.length === 0) {
    console.error('No .md, .markdown or .txt files found.');
    return 1;
  }

  return withCliDatabase(async (dataSource) => {
    const results = await importFiles(new ContentImportService(dataSource), files, {
      publish: !values.draft,
    });
    for (const result of results) {
      const file = path.relative(base, result.file);
      if (result.outcome === 'failed') console.error(`failed   ${file}: ${result.reason}`);
      else
        console.log(
          `${result.outcome.padEnd(8)} ${result.slug} (${result.sections} sections) from ${file}`,
        );
    }
    const failed = results.filter((result) => result.outcome === 'failed').length;
    console.log(`${results.length - failed} imported, ${failed} failed`);
    return failed > 0 ? 1 : 0;
  });
}

run().then((code) => process.exit(code));
