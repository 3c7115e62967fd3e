import { Article } from './article.entity.js';
import { toArticle, type ArticleDocument } from './article-document.js';
import { ArticleStatus, ModerationState } from './article-status.js';

/** A document as PostgreSQL's json_build_object writes it (timestamps in the session's zone). */
function documentWith(dates: Pick<ArticleDocument, 'publishedAt' | 'createdAt' | 'updatedAt'>) {
  return {
    id: '6f1c2b1e-8a0e-4c53-9d4a-0c8e2f6b7a10',
    slug: 'on-tides',
    title: 'On tides',
    summary: 'Why the sea comes and goes.',
    label: null,
    author: 'R. Carson',
    status: ArticleStatus.PUBLISHED,
    moderationState: ModerationState.VISIBLE,
    ...dates,
    wordCount: 1200,
    readingTimeMinutes: 6,
    tags: ['nature', 'sea'],
    sectionCount: 3,
  } as ArticleDocument;
}

describe('toArticle', () => {
  it('gives each date as the Date of its text, the same Date every time it is read', () => {
    const texts = {
      publishedAt: '2020-01-05T10:00:00.123456+01:00',
      createdAt: '1969-12-31T23:59:59.9995+00:00',
      updatedAt: '2026-11-27T17:29:12.345678+05:45',
    };
    const article = toArticle(documentWith(texts));
    expect(article.publishedAt).toEqual(new Date(texts.publishedAt));
    expect(article.createdAt).toEqual(new Date(texts.createdAt));
    expect(article.updatedAt).toEqual(new Date(texts.updatedAt));
    expect(article.publishedAt!.toISOString()).toBe('2020-01-05T09:00:00.123Z');
    expect(article.publishedAt).toBe(article.publishedAt);
    expect(article.updatedAt).toBeInstanceOf(Date);
  });

  it('keeps an unpublished article without a date, and a date written later as written', () => {
    const article = toArticle(
      documentWith({
        publishedAt: null,
        createdAt: '2020-01-05T10:00:00+00:00',
        updatedAt: '2020-01-05T10:00:00+00:00',
      }),
    );
    expect(article.publishedAt).toBeNull();
    const when = new Date('2026-11-27T12:00:00Z');
    article.publishedAt = when;
    expect(article.publishedAt).toBe(when);
    article.updatedAt = when;
    expect(article.updatedAt).toBe(when);
  });

  it('is an Article to TypeORM and type-graphql (constructor and prototype chain)', () => {
    const article = toArticle(
      documentWith({
        publishedAt: '2020-01-05T10:00:00+00:00',
        createdAt: '2020-01-05T10:00:00+00:00',
        updatedAt: '2020-01-05T10:00:00+00:00',
      }),
    );
    expect(article).toBeInstanceOf(Article);
    expect(article.constructor).toBe(Article);
    expect({ slug: article.slug, tags: article.tagNames, sections: article.sectionCount }).toEqual({
      slug: 'on-tides',
      tags: ['nature', 'sea'],
      sections: 3,
    });
  });
});
