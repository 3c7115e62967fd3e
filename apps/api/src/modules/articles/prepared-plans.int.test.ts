import type { DataSource } from 'typeorm';
import { createArticle } from '../../../test/factories.js';
import { useOwnDataSources } from '../../../test/own-data-sources.js';
import { readQuery } from '../../db/read-query.js';
import { ArticleService } from './article.service.js';

// The front page is the API's most asked-for list. Its statement is prepared once per
// connection; if PostgreSQL had to plan it again on every request (as it did while the page
// size was a parameter), each front page would cost the database about 0.35 ms more.

interface PlanCounts {
  name: string;
  generic_plans: string;
  custom_plans: string;
}

describe('prepared statements of the front page', () => {
  const own = useOwnDataSources();
  // One connection, so pg_prepared_statements (per connection) sees every execution.
  let connection: DataSource;
  let service: ArticleService;

  beforeAll(async () => {
    ({ dataSource: connection } = await own.open({ poolMax: 1 }));
    service = new ArticleService(connection);
    for (let i = 0; i < 4; i++) await createArticle(own.database.dataSource);
  });

  const plans = () =>
    readQuery<PlanCounts>(
      connection,
      `SELECT name, generic_plans::text, custom_plans::text FROM pg_prepared_statements
        WHERE name LIKE 'newest_articles%' ORDER BY name`,
      [],
    );

  it('plans the front page once per connection and page size, not on every request', async () => {
    for (let i = 0; i < 8; i++) {
      const page = await service.listPublished({ first: 20 });
      expect(page.edges).toHaveLength(4);
    }
    expect(await plans()).toEqual([
      { name: 'newest_articles_21', generic_plans: '8', custom_plans: '0' },
    ]);
  });

  it('gives each page size its own statement on the same connection', async () => {
    const two = await service.listPublished({ first: 2 });
    const three = await service.listPublished({ first: 3 });
    expect(two.edges).toHaveLength(2);
    expect(two.pageInfo.hasNextPage).toBe(true);
    expect(three.edges).toHaveLength(3);
    expect(three.edges.slice(0, 2).map((edge) => edge.node.slug)).toEqual(
      two.edges.map((edge) => edge.node.slug),
    );
    expect((await plans()).map((row) => row.name)).toEqual([
      'newest_articles_21',
      'newest_articles_3',
      'newest_articles_4',
    ]);
  });
});
