import 'reflect-metadata';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ContentImportService } from '../modules/content-import/content-import.service.js';
import { findArticleFiles, importFiles } from '../modules/content-import/import-files.js';
import { createImportReporter } from '../modules/content-import/import-reporter.js';
import { parseCliEnv } from '../env.js';
import { withCliDatabase } from './database-url.js';

const USAGE = `Usage: npm run content:import -- [--draft] [--announce] [--dry-run] <file or folder>...

Creates or updates articles from WordPress exports (WXR .xml), Ghost exports (.json), saved
web pages (.html), Markdown and plain text, each recognised by its content. Importing the same
source again updates its articles; an unchanged one is left alone.
  --draft     import new articles as drafts (existing ones keep their status)
  --announce  send article.published webhooks for articles the import makes visible (an
              archive is not news, so by default only changes to visible ones are sent)
  --dry-run   print what would be created or updated; store nothing
  --json      one JSON line per item even on a terminal (the default when piped)

Exit code 0 when every item was imported or skipped, 1 when any failed.`;

async function run(): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        draft: { type: 'boolean', default: false },
        announce: { type: 'boolean', default: false },
        'dry-run': { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
    });
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
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
    console.error('No .xml, .json, .html, .md, .markdown or .txt files found.');
    return 1;
  }

  const dryRun = values['dry-run'];
  return withCliDatabase(async (dataSource) => {
    const reporter = createImportReporter({
      terminal: !values.json && process.stderr.isTTY === true && process.stdout.isTTY === true,
      dryRun,
      stdout: process.stdout,
      stderr: process.stderr,
    });
    const service = new ContentImportService(dataSource, {
      announcePublications: values.announce,
    });
    await importFiles(service, files, {
      publish: !values.draft,
      dryRun,
      displayName: (file) => path.relative(base, file) || path.basename(file),
      onTotal: (total) => reporter.start(total),
      onItem: (report) => reporter.item(report),
      collect: false,
    });
    const summary = reporter.finish();
    return summary.failed > 0 ? 1 : 0;
  });
}

run().then((code) => process.exit(code));
