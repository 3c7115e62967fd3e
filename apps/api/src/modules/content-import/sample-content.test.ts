import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArticleFile, prepareArticle, type Block, type PreparedArticle } from '@folio/content';
import { findArticleFiles } from './import-files.js';

// The sample content that `npm start` loads: it must all import, and show off the model.
const contentDir = path.join(__dirname, '../../../../../content');

describe('sample content in content/', () => {
  let articles: PreparedArticle[];

  beforeAll(async () => {
    const files = await findArticleFiles([contentDir]);
    articles = await Promise.all(
      files.map(async (file) =>
        prepareArticle(parseArticleFile(file, await readFile(file, 'utf8'))),
      ),
    );
  });

  it('has at least 8 articles with distinct slugs across at least 4 tags', () => {
    expect(articles.length).toBeGreaterThanOrEqual(8);
    expect(new Set(articles.map((a) => a.slug)).size).toBe(articles.length);
    expect(new Set(articles.flatMap((a) => a.tags)).size).toBeGreaterThanOrEqual(4);
  });

  it('gives every article a summary and 3 to 8 sections', () => {
    for (const article of articles) {
      expect({ slug: article.slug, summary: Boolean(article.summary) }).toEqual({
        slug: article.slug,
        summary: true,
      });
      expect(article.sections.length).toBeGreaterThanOrEqual(3);
      expect(article.sections.length).toBeLessThanOrEqual(8);
    }
  });

  it('uses lists, quotes and links', () => {
    const blocks: Block[] = articles.flatMap((a) => a.sections.flatMap((s) => s.blocks));
    expect(blocks.some((b) => b.type === 'list' && b.ordered)).toBe(true);
    expect(blocks.some((b) => b.type === 'list' && !b.ordered)).toBe(true);
    expect(blocks.filter((b) => b.type === 'quote').length).toBeGreaterThanOrEqual(5);
    const links = blocks.flatMap((b) =>
      b.type === 'paragraph' ? b.inlines.filter((i) => i.href) : [],
    );
    expect(links.length).toBeGreaterThanOrEqual(5);
  });
});
