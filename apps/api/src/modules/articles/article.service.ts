import type { DataSource, Repository } from 'typeorm';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import { decodeTimeIdCursor, encodeTimeIdCursor, pageSize } from '../../graphql/pagination.js';
import { toConnection, type Connection } from '../../graphql/connection.types.js';
import { Article } from './article.entity.js';
import { whereListed, wherePublished } from './article.queries.js';

/** Slugs are made by @folio/content's slugify: lower-case ASCII words and hyphens. */
const SLUG = /^[a-z0-9][a-z0-9-]{0,199}$/;
const TAG_MAX_LENGTH = 64;
const RELATED_DEFAULT = 3;
const RELATED_MAX = 10;

export interface ListArticlesInput {
  first?: number | null;
  after?: string | null;
  tag?: string | null;
}

export class ArticleService {
  private readonly articles: Repository<Article>;

  constructor(dataSource: DataSource) {
    this.articles = dataSource.getRepository(Article);
  }

  /** An article with its sections (in order) and tags, in one SQL statement. */
  async findBySlug(
    slug: string,
    { publishedOnly }: { publishedOnly: boolean },
  ): Promise<Article | null> {
    // Anything that cannot be a slug (path tricks, NUL bytes, 5,000 characters) is simply absent.
    if (!SLUG.test(slug)) return null;
    const qb = this.articles
      .createQueryBuilder('article')
      .leftJoinAndSelect('article.sections', 'section')
      .leftJoinAndSelect('article.tagEntities', 'tag')
      .where('article.slug = :slug', { slug })
      .orderBy('section.position', 'ASC')
      .addOrderBy('tag.name', 'ASC');
    return (publishedOnly ? wherePublished(qb) : qb).getOne();
  }

  /** Listed articles sharing the most tags with this one, newest first among equals. */
  async related(articleId: string, first: number | null | undefined): Promise<Article[]> {
    const limit = pageSize(first ?? RELATED_DEFAULT, RELATED_MAX);
    if (limit === 0) return [];
    return whereListed(this.articles.createQueryBuilder('article'))
      .innerJoin('article_tags', 'shared', 'shared.article_id = article.id')
      .andWhere(
        'shared.tag_id IN (SELECT tag_id FROM article_tags WHERE article_id = :articleId)',
        { articleId },
      )
      .andWhere('article.id <> :articleId', { articleId })
      .groupBy('article.id')
      .orderBy('count(*)', 'DESC')
      .addOrderBy('article.published_at', 'DESC')
      .limit(limit)
      .getMany();
  }

  /** Newest first, keyset-paginated on (published_at, id): two statements per page. */
  async listPublished(input: ListArticlesInput): Promise<Connection<Article>> {
    const first = pageSize(input.first);
    const tag = input.tag?.trim().toLowerCase();
    if (tag !== undefined && (tag.length === 0 || tag.length > TAG_MAX_LENGTH)) {
      throw new BadUserInputError(`"tag" must be 1 to ${TAG_MAX_LENGTH} characters.`, 'tag');
    }

    const filtered = () => {
      const qb = whereListed(this.articles.createQueryBuilder('article'));
      if (tag) {
        qb.andWhere(
          `EXISTS (SELECT 1 FROM article_tags at JOIN tags t ON t.id = at.tag_id
                    WHERE at.article_id = article.id AND t.name = :tag)`,
          { tag },
        );
      }
      return qb;
    };

    const page = filtered()
      .orderBy('article.published_at', 'DESC')
      .addOrderBy('article.id', 'DESC')
      .limit(first + 1);
    if (input.after) {
      const [publishedAt, id] = decodeTimeIdCursor('articles', input.after);
      page.andWhere('(article.published_at, article.id) < (:publishedAt, :id)', {
        publishedAt,
        id,
      });
    }
    const [rows, totalCount] = await Promise.all([
      first === 0 ? Promise.resolve([]) : page.getMany(),
      filtered().getCount(),
    ]);
    return toConnection(rows, first, totalCount, articleCursor);
  }
}

export function articleCursor(article: Article): string {
  return encodeTimeIdCursor('articles', article.publishedAt, article.id);
}
