import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useApiTestContext } from '../../../test/api-test-context.js';
import { ContentImportService } from './content-import.service.js';
import { importFiles, summarize, type FileImportOptions } from './import-files.js';

// WordPress, Ghost and saved-page imports against the real database: what is stored, that a
// re-import changes nothing, that a dry run stores nothing, that a broken file stores nothing.

const formats = path.join(__dirname, '../../../test/fixtures/import-formats');
const wordpress = (name: string) => path.join(formats, 'wordpress', name);

const context = useApiTestContext();
beforeEach(() => context.db.reset());

function importPaths(files: string[], options: Partial<FileImportOptions> = {}) {
  return importFiles(new ContentImportService(context.db.dataSource), files, {
    publish: true,
    ...options,
  });
}

interface StoredArticle {
  slug: string;
  title: string;
  status: string;
  label: string | null;
  author: string | null;
  summary: string | null;
  published_at: Date | null;
  source_key: string | null;
  tags: string[];
  headings: Array<string | null>;
}

async function stored(): Promise<Record<string, StoredArticle>> {
  const rows: StoredArticle[] = await context.db.dataSource.query(`
    SELECT a.slug, a.title, a.status, a.label, a.author, a.summary, a.published_at, a.source_key,
           coalesce((SELECT array_agg(t.name ORDER BY t.name) FROM article_tags at
                      JOIN tags t ON t.id = at.tag_id WHERE at.article_id = a.id), '{}') AS tags,
           coalesce((SELECT json_agg(s.heading ORDER BY s.position) FROM sections s
                      WHERE s.article_id = a.id), '[]') AS headings
      FROM articles a`);
  return Object.fromEntries(rows.map((row) => [row.slug, row]));
}

async function blocksOf(slug: string, position = 0): Promise<unknown[]> {
  const [row] = await context.db.dataSource.query(
    `SELECT s.blocks FROM sections s JOIN articles a ON a.id = s.article_id
      WHERE a.slug = $1 AND s.position = $2`,
    [slug, position],
  );
  return row.blocks;
}

async function counts() {
  const [row] = await context.db.dataSource.query(`
    SELECT (SELECT count(*)::int FROM articles) AS articles,
           (SELECT count(*)::int FROM sections) AS sections,
           (SELECT count(*)::int FROM article_revisions) AS revisions,
           (SELECT max(updated_at) FROM articles) AS "lastUpdate"`);
  return row;
}

describe('WordPress exports', () => {
  it("imports the WordPress importer's own exports: posts, pages, titles, tags and bodies", async () => {
    const reports = await importPaths([
      wordpress('valid-wxr-1.1.xml'),
      wordpress('wxr-simple.xml'),
    ]);

    expect(summarize(reports)).toEqual({
      created: 3,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 0,
    });
    const articles = await stored();
    expect(Object.keys(articles).sort()).toEqual(['about', 'hello-world', 'hello-world-2']);
    expect(articles['hello-world']).toMatchObject({
      title: 'Hello world!',
      status: 'published',
      author: 'John Doe',
      label: null,
      tags: ['alpha', 'clippable'],
      published_at: new Date('2010-10-16T20:53:18Z'),
      source_key: 'wordpress:http://localhost:1',
    });
    expect(articles.about).toMatchObject({ title: 'About', label: 'Page', status: 'published' });
    // Another site's post with the same slug is kept apart, under a free slug.
    expect(articles['hello-world-2']).toMatchObject({
      title: '"The Road Not Taken" by Robert Frost',
      source_key: 'wordpress:https://playground.internal/path:10',
      tags: [],
    });
    expect(reports[2]!.warnings).toEqual([
      'slug "hello-world" is taken by another article; stored as "hello-world-2"',
    ]);
    expect(await blocksOf('hello-world-2')).toEqual([
      {
        type: 'paragraph',
        inlines: [
          {
            text: 'Two roads diverged in a yellow wood,\nAnd sorry I could not travel both',
            marks: [],
          },
        ],
      },
      {
        type: 'paragraph',
        inlines: [
          { text: 'One', marks: [], href: 'https://playground.internal/path/one' },
          { text: ' seemed great, but ', marks: [] },
          { text: 'the other', marks: [], href: 'https://playground.internal/path-not-taken' },
          { text: ' seemed great too. There was also a ', marks: [] },
          { text: 'third', marks: [], href: 'https://w.org' },
          {
            text: ' option, but it was not as great. playground.internal/path/one was the best choice. https://playground.internal/path-not-taken was the second best choice.',
            marks: [],
          },
        ],
      },
    ]);
    expect(await blocksOf('hello-world')).toEqual([
      {
        type: 'paragraph',
        inlines: [
          {
            text: 'Welcome to WordPress. This is your first post. Edit or delete it, then start blogging!',
            marks: [],
          },
        ],
      },
    ]);
  });

  it('keeps text with bidi controls, zalgo and emoji as written, and treats a re-export of the same post as an update', async () => {
    const [report] = await importPaths([wordpress('wxr-utf-8-challenges.xml')]);
    expect(report).toMatchObject({ outcome: 'created', slug: 'hello-world-utf8-test' });
    const article = (await stored())['hello-world-utf8-test']!;
    expect(article.title).toBe(
      '"The Road \u202eNot\u202c Taken" by Rob\u202dert \u202eFrost \u202a🌲\u202c',
    );
    expect(article.summary).toMatch(/^T̷̢̯̭̈h̶̰̾i̵̱̇s̶̰̍ .* 🚀🌟 /u);
    const text = JSON.stringify(await blocksOf('hello-world-utf8-test'));
    expect(text).toContain('🚀🌟💫⭐️🔥💯🎉🎊🌈🦄');
    expect(text).toContain('السلام عليكم');

    // wxr-simple.xml is the same site's post 10: the article is updated in place.
    const [again] = await importPaths([wordpress('wxr-simple.xml')]);
    expect(again).toMatchObject({ outcome: 'updated', slug: 'hello-world-utf8-test' });
    expect(Object.values(await stored()).map((a) => a.title)).toEqual([
      '"The Road Not Taken" by Robert Frost',
    ]);
  });

  it('maps statuses, labels pages, skips attachments and menu items, turns bodies into blocks', async () => {
    const reports = await importPaths([wordpress('classic-and-blocks.xml')]);

    expect(summarize(reports)).toEqual({
      created: 6,
      updated: 0,
      unchanged: 0,
      skipped: 2,
      failed: 0,
    });
    expect(reports.filter((r) => r.outcome === 'skipped').map((r) => r.reason)).toEqual([
      'not a post or page (attachment)',
      'not a post or page (nav_menu_item)',
    ]);
    const articles = await stored();
    const statuses = Object.fromEntries(
      Object.values(articles).map((a) => [a.slug, [a.status, a.label]]),
    );
    expect(statuses).toEqual({
      'leaf-mould': ['published', null],
      'broad-beans': ['published', null],
      'open-day-2031': ['scheduled', null],
      'slug-pellets-the-case-against': ['draft', null],
      'committee-minutes-january': ['draft', null],
      rules: ['published', 'Page'],
    });
    expect(articles['open-day-2031']!.published_at).toEqual(new Date('2031-06-14T09:00:00Z'));
    expect(articles['slug-pellets-the-case-against']!.published_at).toBeNull();
    expect(articles['leaf-mould']).toMatchObject({
      title: 'Making leaf mould in one winter',
      summary: 'Free leaves, two bins and a winter: the cheapest mulch there is.',
      author: 'Mina Hollis',
      tags: ['compost', 'soil'],
      headings: [null, 'What you need', 'When it is ready'],
    });
    expect(articles['broad-beans']).toMatchObject({
      title: 'Sowing broad beans & sweet peas in pots',
      author: 'Tobias Reyes',
      tags: ['beans', 'sowing', 'sweet-peas'],
      headings: [null, 'Pots and compost', 'Watering'],
    });

    // Classic editor: a captioned image, a list, line breaks, a quote with its attribution.
    expect(await blocksOf('leaf-mould', 0)).toContainEqual({
      type: 'image',
      src: 'https://allotments.example.org/wp-content/uploads/2024/11/leaf-bins-300x225.jpg',
      alt: 'Two wire-mesh bins full of wet leaves',
      title: 'The two bins behind the shed',
    });
    expect(await blocksOf('leaf-mould', 2)).toContainEqual({
      type: 'quote',
      paragraphs: [[{ text: 'Leaf mould is ready when it crumbles in your hand.', marks: [] }]],
      attribution: 'Old Ted, plot 12',
    });
    // Gutenberg: figure, ordered list, quote with <cite>, code.
    expect(await blocksOf('broad-beans', 1)).toEqual([
      {
        type: 'image',
        src: 'https://allotments.example.org/wp-content/uploads/2025/01/root-trainers.jpg',
        alt: 'Root trainers on a potting bench',
        title: 'Root trainers keep the long roots straight.',
      },
      {
        type: 'list',
        ordered: true,
        items: [
          [{ text: 'Fill the trainers with peat-free compost.', marks: [] }],
          [
            { text: 'Sow one bean per cell, ', marks: [] },
            { text: '5 cm deep', marks: ['strong'] },
            { text: '.', marks: [] },
          ],
        ],
      },
    ]);
    expect(await blocksOf('broad-beans', 2)).toEqual([
      {
        type: 'quote',
        paragraphs: [[{ text: 'Water once, then wait until the surface is dry.', marks: [] }]],
        attribution: 'The seed packet',
      },
      { type: 'code', code: 'sow:  late January\nmove: mid March' },
    ]);
    // Shortcodes and dynamic blocks are dropped, and said so.
    expect(reports.find((r) => r.slug === 'leaf-mould')!.warnings).toEqual([
      'shortcode [gallery] dropped',
    ]);
    expect(reports.find((r) => r.slug === 'broad-beans')!.warnings).toEqual([
      'shortcode [contact-form-7] dropped',
      'Gutenberg block "latest-posts" has no saved content; dropped',
    ]);
    const allBlocks = JSON.stringify(
      await context.db.dataSource.query('SELECT blocks FROM sections'),
    );
    expect(allBlocks).not.toMatch(/<[a-z]|\[gallery|\[contact-form/);

    // Readers see what is published (and the scheduled post only when its time comes).
    const { data } = await context.api.query(
      '{ articles(first: 20) { totalCount edges { node { slug } } } }',
    );
    expect(data!.articles.totalCount).toBe(3);
  });

  it('refuses a malformed export with a clear error and stores nothing of it; other files still import', async () => {
    const reports = await importPaths([
      wordpress('malformed-simple.xml'),
      wordpress('valid-wxr-1.1.xml'),
    ]);
    expect(reports[0]).toMatchObject({
      outcome: 'failed',
      location: 'malformed-simple.xml',
      reason: 'not well-formed XML: malformed-simple.xml:14:0: unclosed tag: item',
    });
    expect(summarize(reports)).toMatchObject({ created: 2, failed: 1 });
    expect(Object.keys(await stored()).sort()).toEqual(['about', 'hello-world']);

    await context.db.reset();
    await importPaths([wordpress('malformed-simple.xml')]);
    expect((await counts()).articles).toBe(0);
  });

  it('changes nothing on a re-import: no duplicates, no new revisions, no writes', async () => {
    const files = [wordpress('classic-and-blocks.xml'), wordpress('valid-wxr-1.1.xml')];
    await importPaths(files);
    const before = await counts();
    expect(before).toMatchObject({ articles: 8, revisions: 8 });

    const again = await importPaths(files);
    expect(summarize(again)).toEqual({
      created: 0,
      updated: 0,
      unchanged: 8,
      skipped: 2,
      failed: 0,
    });
    expect(await counts()).toEqual(before);
  });

  it('updates an article when its source changed, keeping its slug and adding one revision', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'folio-import-'));
    try {
      const copy = path.join(folder, 'export.xml');
      await copyFile(wordpress('classic-and-blocks.xml'), copy);
      await importPaths([copy]);
      const source = await readFile(copy, 'utf8');
      await writeFile(
        copy,
        source
          .replace('Making leaf mould in one winter', 'Making leaf mould in two winters')
          .replace(
            '<wp:post_name><![CDATA[leaf-mould]]>',
            '<wp:post_name><![CDATA[leaf-mould-2]]>',
          ),
      );

      const reports = await importPaths([copy]);
      expect(summarize(reports)).toEqual({
        created: 0,
        updated: 1,
        unchanged: 5,
        skipped: 2,
        failed: 0,
      });
      const article = (await stored())['leaf-mould'];
      expect(article!.title).toBe('Making leaf mould in two winters');
      expect((await counts()).revisions).toBe(7);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  it('stores nothing on a dry run, and says what would change', async () => {
    const dry = await importPaths([wordpress('classic-and-blocks.xml')], { dryRun: true });
    expect(summarize(dry)).toEqual({ created: 6, updated: 0, unchanged: 0, skipped: 2, failed: 0 });
    expect(dry.find((r) => r.outcome === 'created')).toMatchObject({ slug: 'leaf-mould' });
    expect(await counts()).toMatchObject({ articles: 0, sections: 0, revisions: 0 });

    await importPaths([wordpress('classic-and-blocks.xml')]);
    const before = await counts();
    const dryAgain = await importPaths([wordpress('classic-and-blocks.xml')], {
      dryRun: true,
      publish: false,
    });
    expect(summarize(dryAgain)).toMatchObject({ created: 0, updated: 6 });
    expect(await counts()).toEqual(before);
  });
  it('plans a dry run like a real run: slugs taken earlier in the run, the same post twice', async () => {
    const files = ['valid-wxr-1.1.xml', 'wxr-simple.xml', 'wxr-utf-8-challenges.xml'].map(
      wordpress,
    );
    const dry = await importPaths(files, { dryRun: true });
    expect((await counts()).articles).toBe(0);

    const real = await importPaths(files);
    const outcomes = (reports: typeof real) => reports.map((r) => [r.outcome, r.slug]);
    expect(outcomes(real)).toEqual([
      ['created', 'hello-world'],
      ['created', 'about'],
      ['created', 'hello-world-2'],
      ['updated', 'hello-world-2'],
    ]);
    expect(outcomes(dry)).toEqual(outcomes(real));
  });
});

describe('Ghost exports', () => {
  it('imports posts and pages with tags, authors, statuses and dates, and re-imports as unchanged', async () => {
    const file = path.join(formats, 'ghost', 'repair-cafe.ghost.json');
    const reports = await importPaths([file]);
    expect(summarize(reports)).toEqual({
      created: 5,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      failed: 0,
    });

    const articles = await stored();
    expect(articles['start-a-repair-cafe']).toMatchObject({
      title: 'How to start a repair café',
      summary: 'A table, a kettle and a soldering iron: everything else follows.',
      author: 'Ada Okafor, Jun Park',
      status: 'published',
      tags: ['getting-started'],
      published_at: new Date('2025-03-08T09:00:00Z'),
      source_key: 'ghost:2f6f8d0e-5b7c-4f64-9a53-6f0c1e2a9b01',
      headings: [null, 'What to bring'],
    });
    expect(articles.fuses).toMatchObject({
      author: 'Jun Park',
      tags: ['electrics', 'getting-started'],
      headings: [null, 'Checking a fuse'],
    });
    expect(articles['volunteer-rota']).toMatchObject({ status: 'draft', published_at: null });
    expect(articles['summer-season']).toMatchObject({ status: 'scheduled' });
    expect(articles.about).toMatchObject({ label: 'Page', headings: [null, 'Who runs it'] });
    // The fuses post has only Mobiledoc: its code card became a code block.
    expect(await blocksOf('fuses', 1)).toContainEqual({
      type: 'code',
      language: 'text',
      code: 'fuse = 3 A for lamps\nfuse = 13 A for kettles',
    });
    expect(await blocksOf('start-a-repair-cafe', 0)).toContainEqual({
      type: 'image',
      src: '/content/images/2025/03/cafe.jpg',
      alt: 'Volunteers around a table of broken toasters',
    });

    const before = await counts();
    expect(summarize(await importPaths([file]))).toMatchObject({ unchanged: 5 });
    expect(await counts()).toEqual(before);
  });
});

describe('saved web pages', () => {
  it("imports a page's main content with its title, description, date and tags", async () => {
    const file = path.join(formats, 'html', 'fuse-box-basics.html');
    const [report] = await importPaths([file]);
    expect(report).toMatchObject({ outcome: 'created', slug: 'fuse-boxes-explained', sections: 3 });

    const { data } = await context.api.query(
      '{ article(slug: "fuse-boxes-explained") { title summary publishedAt tags sections { heading blocks { __typename } } } }',
    );
    expect(data!.article).toEqual({
      title: 'Fuse boxes, explained',
      summary: 'What the switches in your fuse box do, and when to call an electrician.',
      publishedAt: '2025-01-18T11:30:00.000Z',
      tags: ['electrics', 'safety'],
      sections: [
        { heading: null, blocks: [{ __typename: 'Paragraph' }, { __typename: 'Paragraph' }] },
        {
          heading: 'The switches, one by one',
          blocks: [{ __typename: 'List' }, { __typename: 'Image' }],
        },
        {
          heading: 'When a switch trips',
          blocks: [
            { __typename: 'Paragraph' },
            { __typename: 'Quote' },
            { __typename: 'Paragraph' },
          ],
        },
      ],
    });
    expect(JSON.stringify(await blocksOf('fuse-boxes-explained', 0))).not.toMatch(
      /Related posts|Privacy|Next café/,
    );

    const [again] = await importPaths([file]);
    expect(again!.outcome).toBe('unchanged');
  });
});
