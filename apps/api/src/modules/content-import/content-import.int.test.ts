import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useApiTestContext } from '../../../test/api-test-context.js';
import { ContentImportService } from './content-import.service.js';
import { findArticleFiles, importFiles } from './import-files.js';

const fixtures = path.join(__dirname, '../../../test/fixtures/import');

const context = useApiTestContext();
beforeEach(() => context.db.reset());

describe('importing files', () => {
  it('imports Markdown and plain text, names each failing file with its reason, and keeps going', async () => {
    const files = await findArticleFiles([fixtures]);
    const results = await importFiles(new ContentImportService(context.db.dataSource), files, {
      publish: true,
    });

    const byFile = Object.fromEntries(
      results.map((result) => [path.basename(result.file), result]),
    );
    expect(byFile['good-article.md']).toMatchObject({
      outcome: 'created',
      slug: 'a-good-article',
      sections: 2,
    });
    expect(byFile['scraped-page.txt']).toMatchObject({
      outcome: 'created',
      slug: 'why-libraries-lend-seeds',
    });
    expect(byFile['broken.md']).toMatchObject({
      outcome: 'failed',
      reason: expect.stringMatching(/not valid YAML/),
    });
    expect(byFile['untitled.md']).toMatchObject({
      outcome: 'failed',
      reason: expect.stringMatching(/no title/),
    });

    const { data } = await context.api.query(
      '{ article(slug: "why-libraries-lend-seeds") { title label summary sections { heading } } }',
    );
    expect(data!.article).toEqual({
      title: 'Why Libraries Lend Seeds',
      label: 'News',
      summary:
        'Seed libraries let gardeners borrow seeds and return some at the end of the season.',
      sections: [{ heading: 'How it works' }],
    });
  });

  it('updates an article with the same slug instead of duplicating it, and leaves an unchanged one alone', async () => {
    const service = new ContentImportService(context.db.dataSource);
    const folder = await mkdtemp(path.join(tmpdir(), 'folio-import-'));
    try {
      const file = path.join(folder, 'article.md');
      await copyFile(path.join(fixtures, 'good-article.md'), file);
      const [first] = await importFiles(service, [file], { publish: true });
      const [second] = await importFiles(service, [file], { publish: true });
      await writeFile(
        file,
        (await readFile(file, 'utf8')).replace('Text of the first', 'New text of the first'),
      );
      const [third] = await importFiles(service, [file], { publish: true });

      expect([first!.outcome, second!.outcome, third!.outcome]).toEqual([
        'created',
        'unchanged',
        'updated',
      ]);
      const [{ count, revisions }] = await context.db.dataSource.query(
        'SELECT (SELECT count(*)::int FROM articles) AS count, (SELECT count(*)::int FROM article_revisions) AS revisions',
      );
      expect({ count, revisions }).toEqual({ count: 1, revisions: 2 });
      const [{ sections }] = await context.db.dataSource.query(
        'SELECT count(*)::int AS sections FROM sections',
      );
      expect(sections).toBe(2);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('keeps imports made with --draft out of public view', async () => {
    await importFiles(
      new ContentImportService(context.db.dataSource),
      [path.join(fixtures, 'good-article.md')],
      { publish: false },
    );
    expect(
      (await context.api.query('{ article(slug: "a-good-article") { title } }')).data!.article,
    ).toBeNull();
  });
});
