import { renderToString } from 'react-dom/server';
import type { ArticleCardFieldsFragment } from '~/generated/graphql';
import { RelatedArticles } from './article-card';
import { relatedArticlesHtml } from './related-articles-html';

const nasty = `<script>alert("x")</script> & 'quoted' > <img src=x onerror=alert(1)>`;

const card = (fields: Partial<ArticleCardFieldsFragment>): ArticleCardFieldsFragment => ({
  id: fields.slug ?? 'tides',
  slug: 'tides',
  title: 'Tides',
  label: 'Blog Article',
  summary: 'How the sea comes and goes.',
  tags: ['sea', 'moon'],
  publishedAt: '2026-03-02T09:13:00.000Z',
  readingTimeMinutes: 3,
  ...fields,
});

/** What React renders inside the section, which the reader keeps as server HTML. */
function insideSection(html: string): string {
  const match = /^<section class="related" aria-labelledby="related-title">(.*)<\/section>$/s.exec(
    html,
  );
  if (!match) throw new Error(`not the related articles' section: ${html}`);
  return match[1]!;
}

describe('relatedArticlesHtml', () => {
  it('writes the same bytes inside the section as React renders the cards', () => {
    const cases: ArticleCardFieldsFragment[][] = [
      [card({})],
      [
        card({ slug: 'one' }),
        card({ slug: 'two', label: null, summary: null, publishedAt: null, tags: [] }),
        card({ slug: 'three', label: '', summary: '', readingTimeMinutes: 12, tags: ['x'] }),
        card({ slug: 'four', title: '', readingTimeMinutes: 1 }),
      ],
      // Stored markup in every text and attribute, tags that need encoding in a path.
      [
        card({
          slug: 'odd',
          title: `Title ${nasty}`,
          label: `Label ${nasty}`,
          summary: `Summary ${nasty}`,
          tags: ['sea life', 'a/b?c#d', 'é', nasty, ''],
          publishedAt: '1999-12-31T23:59:59.999Z',
          readingTimeMinutes: 0,
        }),
      ],
    ];
    for (const related of cases) {
      const html = relatedArticlesHtml(related);
      expect(html).toBe(insideSection(renderToString(<RelatedArticles related={related} />)));
      expect(html).not.toContain('<script>');
    }
  });

  it('renders no section for no related articles, as the component does', () => {
    expect(renderToString(<RelatedArticles related={[]} />)).toBe('');
  });
});
