import { createArticle } from '../../test/factories.js';
import { useApiTestContext } from '../../test/api-test-context.js';
import { QUERY_LIMITS } from './armor.js';

// Hostile operations are refused before any resolver or SQL runs, and store nothing.

const context = useApiTestContext({ NODE_ENV: 'production' });
beforeAll(async () => {
  await createArticle(context.db.dataSource, { title: 'Target' });
});

const report = (alias = 'r', key = 'hostile-key-0001') =>
  `${alias}: submitReport(input: { articleSlug: "target", reason: SPAM, idempotencyKey: "${key}" }) { receipt }`;

async function expectRefused(
  body: string | object,
  expected: { status?: number; code: string; message?: RegExp },
) {
  context.db.statements.reset();
  const response = await fetch(`${context.api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await response.json()) as {
    data?: unknown;
    errors: Array<{ message: string; extensions: { code: string } }>;
  };
  expect(response.status).toBe(expected.status ?? 400);
  expect(json.data ?? null).toBeNull();
  expect(json.errors[0]!.extensions.code).toBe(expected.code);
  if (expected.message) expect(json.errors[0]!.message).toMatch(expected.message);
  expect(context.db.statements.count).toBe(0); // refused before any SQL
  const [{ n }] = await context.db.dataSource.query('SELECT count(*)::int AS n FROM reports');
  expect(n).toBe(0);
}

describe('hostile operations', () => {
  const ofTypes = (depth: number) => 'ofType { '.repeat(depth) + 'name' + ' }'.repeat(depth);

  it('refuses a query nested 50 deep', async () => {
    await expectRefused(
      { query: `{ __type(name: "Article") { fields { type { ${ofTypes(50)} } } } }` },
      {
        code: 'GRAPHQL_VALIDATION_FAILED',
        message: /Query depth limit of 12 exceeded|Query Cost limit/,
      },
    );
    // Just past the depth limit, where the cost is still small, depth alone refuses it.
    await expectRefused(
      {
        query: `{ __type(name: "Article") { fields { type { ${ofTypes(QUERY_LIMITS.maxDepth)} } } } }`,
      },
      {
        code: 'GRAPHQL_VALIDATION_FAILED',
        message: new RegExp(`Query depth limit of ${QUERY_LIMITS.maxDepth} exceeded`),
      },
    );
  });

  it('refuses depth hidden in nested fragments, and fragment cycles', async () => {
    const fragments = Array.from(
      { length: 14 },
      (_, i) => `fragment F${i} on __Type { ofType { ...F${i + 1} } }`,
    ).join('\n');
    await expectRefused(
      {
        query: `{ __type(name: "Article") { ...F0 } } ${fragments} fragment F14 on __Type { name }`,
      },
      {
        code: 'GRAPHQL_VALIDATION_FAILED',
        message: /depth limit|Cost limit/,
      },
    );
    await expectRefused(
      {
        query: `mutation { ...A } fragment A on Mutation { ...B } fragment B on Mutation { ...A ${report()} }`,
      },
      {
        code: 'GRAPHQL_VALIDATION_FAILED',
        message: /Cannot spread fragment "A" within itself/,
      },
    );
  });

  it('refuses 1,000 aliases', async () => {
    const aliases = Array.from({ length: 1000 }, (_, i) =>
      report(`r${i}`, `hostile-key-${i}`),
    ).join(' ');
    await expectRefused(
      { query: `mutation { ${aliases} }` },
      { status: 413, code: 'BAD_REQUEST', message: /too large/ },
    );
    const small = Array.from({ length: 100 }, (_, i) => `a${i}: tags { name }`).join(' ');
    await expectRefused(
      { query: `{ ${small} }` },
      { code: 'GRAPHQL_VALIDATION_FAILED', message: /Aliases limit of 15 exceeded/ },
    );
  });

  it('refuses too many tokens and directives', async () => {
    const tokens = `{ ${'__typename '.repeat(3000)} }`;
    await expectRefused(
      { query: tokens },
      { code: 'GRAPHQL_PARSE_FAILED', message: /Document contains more that 2000 tokens/ },
    );
    const directives = `{ __typename ${'@include(if: true) '.repeat(50)} }`;
    await expectRefused(
      { query: directives },
      { code: 'GRAPHQL_VALIDATION_FAILED', message: /Directives limit of 20 exceeded/ },
    );
  });

  it('refuses an operation whose estimated cost is too high', async () => {
    const page = `articles(first: 100) { edges { node { title summary tags toc { anchor heading } sections { heading anchor text blocks { ... on Paragraph { inlines { text marks href } } ... on List { items { text } } } } } } }`;
    const query = `{ ${Array.from({ length: 15 }, (_, i) => `p${i}: ${page}`).join(' ')} }`;
    await expectRefused(
      { query },
      { code: 'GRAPHQL_VALIDATION_FAILED', message: /Query cost limit of 25000 exceeded/ },
    );
  });

  it('answers a 1 MB body with 413', async () => {
    await expectRefused(
      { query: `mutation { ${report()} }`, padding: 'x'.repeat(1024 * 1024) },
      { status: 413, code: 'BAD_REQUEST' },
    );
  });

  it('refuses a page size of a million before running it, and says the bound for a modest one', async () => {
    await expectRefused(
      { query: '{ articles(first: 1000000) { edges { node { title } } } }' },
      {
        code: 'GRAPHQL_VALIDATION_FAILED',
        message: /Query cost limit of 25000 exceeded/,
      },
    );
    const modest = await context.api.query('{ articles(first: 101) { totalCount } }');
    expect(modest.errors![0]).toMatchObject({
      message: '"first" must be between 0 and 100; got 101.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
  });

  it('refuses the same operation each time it comes, and judges each request by its own variables', async () => {
    // The analysis is planned once per parsed operation: a refusal must not be forgotten on the
    // second request, nor one request's variables decide for the next.
    const costly = { query: '{ articles(first: 1000000) { edges { node { title } } } }' };
    for (let i = 0; i < 2; i++)
      await expectRefused(costly, {
        code: 'GRAPHQL_VALIDATION_FAILED',
        message: /Query cost limit of 25000 exceeded/,
      });
    const paged = 'query ($n: Int) { articles(first: $n) { edges { node { title } } } }';
    expect((await context.api.query(paged, { n: 2 })).errors).toBeUndefined();
    await expectRefused(
      { query: paged, variables: { n: 1_000_000 } },
      { code: 'GRAPHQL_VALIDATION_FAILED', message: /Query cost limit of 25000 exceeded/ },
    );
    const long = await context.api.query('query ($s: String!) { article(slug: $s) { title } }', {
      s: 'x'.repeat(5_000),
    });
    expect(long.errors![0]!.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    const fine = await context.api.query('query ($s: String!) { article(slug: $s) { title } }', {
      s: 'target',
    });
    expect(fine).toMatchObject({ status: 200, data: { article: { title: 'Target' } } });
    expect((await context.api.query(paged, { n: 2 })).errors).toBeUndefined();
  });

  it('refuses unknown enum values and extra input fields (no mass assignment)', async () => {
    await expectRefused(
      {
        query: `mutation { submitReport(input: { articleSlug: "target", reason: BORED, idempotencyKey: "hostile-key-0001" }) { receipt } }`,
      },
      {
        code: 'GRAPHQL_VALIDATION_FAILED',
        message: /Value "BORED" does not exist in "ReportReason" enum/,
      },
    );
    await expectRefused(
      {
        query: `mutation { submitReport(input: { articleSlug: "target", reason: SPAM, idempotencyKey: "hostile-key-0001", status: ACTIONED, id: "x" }) { receipt } }`,
      },
      {
        code: 'GRAPHQL_VALIDATION_FAILED',
        message: /Field "status" is not defined by type "SubmitReportInput"/,
      },
    );
  });

  it('gives no field suggestions in production', async () => {
    await expectRefused(
      { query: '{ artcles { totalCount } }' },
      { code: 'GRAPHQL_VALIDATION_FAILED' },
    );
    const response = await context.api.query('{ artcles { totalCount } }');
    expect(response.errors![0]!.message).not.toMatch(/Did you mean/);
    expect(response.errors![0]!.message).toBe(
      'Cannot query field "artcles" on type "Query". [Suggestion hidden]?',
    );
  });

  it('refuses a wrong content type (CSRF prevention)', async () => {
    context.db.statements.reset();
    const response = await fetch(`${context.api.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ query: `mutation { ${report()} }` }),
    });
    expect(response.status).toBe(400);
    expect(context.db.statements.count).toBe(0);
  });
});
