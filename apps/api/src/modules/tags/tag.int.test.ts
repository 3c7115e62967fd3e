import { createArticle } from '../../../test/factories.js';
import { startTestApi, type TestApi } from '../../../test/test-api.js';
import { createTestDatabase, type TestDatabase } from '../../../test/test-database.js';

let db: TestDatabase;
let api: TestApi;

beforeAll(async () => {
  db = await createTestDatabase();
  api = await startTestApi(db);
});
afterAll(async () => {
  await api.close();
  await db.drop();
});

it('counts published articles per tag, most used first', async () => {
  await createArticle(db.dataSource, { tags: ['rivers', 'maps'] });
  await createArticle(db.dataSource, { tags: ['Rivers'] });
  await createArticle(db.dataSource, { tags: ['drafts-only', 'rivers'] }, { publish: false });

  const { data, errors } = await api.query('{ tags { name articleCount } }');

  expect(errors).toBeUndefined();
  expect(data!.tags).toEqual([
    { name: 'rivers', articleCount: 2 },
    { name: 'maps', articleCount: 1 },
  ]);
  expect((await api.query('{ tags(first: 1) { name } }')).data!.tags).toEqual([{ name: 'rivers' }]);
  expect((await api.query('{ tags(first: 501) { name } }')).errors![0]!.extensions!.code).toBe(
    'BAD_USER_INPUT',
  );
});
