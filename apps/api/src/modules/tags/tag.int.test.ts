import { createArticle } from '../../../test/factories.js';
import { useApiTestContext } from '../../../test/api-test-context.js';

const context = useApiTestContext();

it('counts published articles per tag, most used first', async () => {
  await createArticle(context.db.dataSource, { tags: ['rivers', 'maps'] });
  await createArticle(context.db.dataSource, { tags: ['Rivers'] });
  await createArticle(
    context.db.dataSource,
    { tags: ['drafts-only', 'rivers'] },
    { publish: false },
  );

  const { data, errors } = await context.api.query('{ tags { name articleCount } }');

  expect(errors).toBeUndefined();
  expect(data!.tags).toEqual([
    { name: 'rivers', articleCount: 2 },
    { name: 'maps', articleCount: 1 },
  ]);
  expect((await context.api.query('{ tags(first: 1) { name } }')).data!.tags).toEqual([
    { name: 'rivers' },
  ]);
  expect(
    (await context.api.query('{ tags(first: 501) { name } }')).errors![0]!.extensions!.code,
  ).toBe('BAD_USER_INPUT');
});
