import { FORWARDED_ADDRESS_HEADER, FORWARDING_SECRET_HEADER } from '@folio/contract';
import { randomUUID } from 'node:crypto';
import { createArticle } from '../factories.js';
import { createTestDatabase, type TestDatabase } from '../test-database.js';
import { TEST_FORWARDING_SECRET } from '../test-api.js';
import { bearerFor, Role } from '../tokens.js';
import { startHostileRun, type HostileCase, type HostileRun } from './hostile-harness.js';

// Every class of hostile input the outside review found, and its neighbours, against a real
// API and PostgreSQL. Each case must get a clear error code (never a 500), log nothing at error
// level, store nothing, and leave the content version (caches) alone; where it should be
// refused before execution, no SQL statement may run at all.

let db: TestDatabase;
let run: HostileRun;
let editor: Record<string, string>;
let moderator: Record<string, string>;
let admin: Record<string, string>;
let articleId: string;
const UUID = '8c1f4a56-0d0e-4e3c-9d0a-0123456789ab';

beforeAll(async () => {
  db = await createTestDatabase();
  await createArticle(db.dataSource, { title: 'Target', tags: ['harbours', 'tides'] });
  await createArticle(db.dataSource, { title: 'Neighbour', tags: ['harbours'] });
  await createArticle(db.dataSource, {
    title: 'Gone',
    summary: 'Withheld.',
    author: 'Someone',
    tags: ['harbours'],
  });
  await db.dataSource.query(`UPDATE articles SET moderation_state = 'removed' WHERE slug = 'gone'`);
  [{ id: articleId }] = await db.dataSource.query(`SELECT id FROM articles WHERE slug = 'target'`);
  editor = await bearerFor(db.dataSource, Role.EDITOR);
  moderator = await bearerFor(db.dataSource, Role.MODERATOR);
  admin = await bearerFor(db.dataSource, Role.ADMIN);
  // Started once the data is in, so that only what the cases do could move its version.
  run = await startHostileRun(db, { REPORT_REVIEW_THRESHOLD: '100' });
});

afterAll(async () => {
  if (run) {
    // One line for the CI log: how much was tried, and that nothing was lost.
    console.log(run.summary());
    expect(run.rowsLost).toBe(0);
    await run.close();
  }
  await db?.drop();
});

const cursor = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const reader = (address: string) => ({
  [FORWARDED_ADDRESS_HEADER]: address,
  [FORWARDING_SECRET_HEADER]: TEST_FORWARDING_SECRET,
});
const REPORT = `mutation ($input: SubmitReportInput!) { submitReport(input: $input) { receipt } }`;
const report = (input: Record<string, unknown>) => ({
  articleSlug: 'target',
  reason: 'SPAM',
  idempotencyKey: randomUUID(),
  ...input,
});
const ARTICLES =
  'query ($after: String, $tag: String) { articles(after: $after, tag: $tag) { totalCount } }';
const PAGE =
  'articles(first: $n) { edges { node { title tags sections { heading text blocks { __typename } } related(first: $m) { title sections { text } } } } }';
const COSTLY = `query ($n: Int, $m: Int) { a: ${PAGE} b: ${PAGE} }`;
const TOO_COSTLY = /Query cost limit of \d+ exceeded/;
const NESTED_RELATED = /"related" cannot be asked for inside "related"/;
const ONE_SEARCH = /At most 1 search per request/;
const CONTROL = /must not contain NUL or other control characters/;

// Item 1: mutations that commit nothing must not empty the caches.
const cacheCases: HostileCase[] = [
  { name: 'anonymous mutation { __typename }', query: 'mutation { __typename }', code: null },
  {
    name: 'anonymous __typename in a fragment',
    query: 'mutation { ...M } fragment M on Mutation { __typename }',
    code: null,
  },
  ...(
    [
      ['updateArticle', 'updateArticle(id: $id, input: { title: "Pwned" }) { id }'],
      ['unpublishArticle', 'unpublishArticle(id: $id) { id }'],
      ['archiveArticle', 'archiveArticle(id: $id) { id }'],
      ['removeSection', 'removeSection(id: $id) { id }'],
      [
        'resolveReport',
        'resolveReport(id: $id, input: { action: REMOVE_ARTICLE, reasons: "Because." }) { id }',
      ],
      ['triageReport', 'triageReport(id: $id) { id }'],
    ] as const
  ).map(([name, field]): HostileCase => ({
    name: `anonymous ${name}`,
    query: `mutation ($id: ID!) { ${field} }`,
    variables: { id: 'ARTICLE' },
    code: 'UNAUTHENTICATED',
    status: 401,
    beforeExecution: false,
  })),
  {
    name: 'anonymous createArticle',
    query: 'mutation { createArticle(input: { markdown: "# Spam" }) { id } }',
    code: 'UNAUTHENTICATED',
    status: 401,
  },
  {
    name: 'a moderator trying an editorial mutation',
    query: 'mutation ($id: ID!) { unpublishArticle(id: $id) { id } }',
    variables: { id: 'ARTICLE' },
    headers: 'MODERATOR' as never,
    code: 'FORBIDDEN',
  },
  {
    name: 'an editor unpublishing an article that does not exist',
    query: 'mutation ($id: ID!) { unpublishArticle(id: $id) { id } }',
    variables: { id: UUID },
    headers: 'EDITOR' as never,
    code: 'NOT_FOUND',
  },
  {
    name: 'an editor mutation beside an anonymous-only field, with a malformed id',
    query: 'mutation { a: archiveArticle(id: "not-a-uuid") { id } b: __typename }',
    headers: 'EDITOR' as never,
    code: 'NOT_FOUND',
  },
  {
    name: 'a mutation over GET',
    method: 'GET',
    query: 'mutation { __typename }',
    code: 'BAD_REQUEST',
    status: 405,
  },
  {
    name: 'a wrong token',
    query: 'mutation { __typename }',
    headers: { authorization: 'Bearer not-a-real-token' },
    code: 'UNAUTHENTICATED',
    status: 401,
  },
];

// Item 2: cost with variables, nested related, searches, for GET, POST and persisted queries.
const costCases: HostileCase[] = [
  ...(['POST', 'GET'] as const).flatMap((method): HostileCase[] => [
    {
      name: `${method}: nested related with variables n=100, m=10`,
      method,
      query:
        'query ($n: Int, $m: Int) { articles(first: $n) { edges { node { related(first: $m) { related(first: $m) { title } } } } } }',
      variables: { n: 100, m: 10 },
      code: 'GRAPHQL_VALIDATION_FAILED',
      beforeExecution: true,
      message: NESTED_RELATED,
    },
    {
      name: `${method}: related nested through a fragment`,
      method,
      query:
        '{ article(slug: "target") { ...R } } fragment R on Article { related { ... on Article { related { title } } } }',
      code: 'GRAPHQL_VALIDATION_FAILED',
      beforeExecution: true,
      message: NESTED_RELATED,
    },
    {
      name: `${method}: 15 aliased searches with a variable page size`,
      method,
      query: `query ($n: Int) { ${Array.from({ length: 15 }, (_, i) => `s${i}: search(query: "harbour", first: $n) { totalCount }`).join(' ')} }`,
      variables: { n: 50 },
      code: 'GRAPHQL_VALIDATION_FAILED',
      beforeExecution: true,
      message: ONE_SEARCH,
    },
    {
      name: `${method}: two searches, one hidden in a fragment`,
      method,
      query:
        '{ a: search(query: "x") { totalCount } ...S } fragment S on Query { b: search(query: "y") { totalCount } }',
      code: 'GRAPHQL_VALIDATION_FAILED',
      beforeExecution: true,
      message: ONE_SEARCH,
    },
    {
      name: `${method}: two pages with sections and related, sizes given as variables`,
      method,
      query: COSTLY,
      variables: { n: 100, m: 10 },
      code: 'GRAPHQL_VALIDATION_FAILED',
      beforeExecution: true,
      message: TOO_COSTLY,
    },
  ]),
  {
    name: 'the same with small sizes is answered',
    query: COSTLY,
    variables: { n: 20, m: 3 },
    code: null,
  },
  {
    name: 'two pages with sections and related, as literals',
    query: COSTLY.replace('query ($n: Int, $m: Int) ', '')
      .replaceAll('$n', '100')
      .replaceAll('$m', '10'),
    code: 'GRAPHQL_VALIDATION_FAILED',
    beforeExecution: true,
    message: TOO_COSTLY,
  },
  {
    name: 'a costly operation sent as a persisted query',
    persisted: true,
    query: COSTLY,
    variables: { n: 100, m: 10 },
    code: 'GRAPHQL_VALIDATION_FAILED',
    beforeExecution: true,
    message: TOO_COSTLY,
  },
  {
    name: 'a costly operation sent by its hash alone after being refused: never stored',
    method: 'GET',
    persisted: true,
    hashOnly: true,
    query: COSTLY,
    variables: { n: 100, m: 10 },
    code: 'PERSISTED_QUERY_NOT_FOUND',
    status: 200,
    noSql: true,
  },
  {
    name: 'a costly operation skipped by @include(if: false) is cheap and answered',
    query:
      'query ($n: Int, $yes: Boolean!) { articles(first: $n) @include(if: $yes) { edges { node { sections { text } related(first: 10) { sections { text } } } } } }',
    variables: { n: 100, yes: false },
    code: null,
  },
];

// Item 8: every argument checked before SQL.
const inputCases: HostileCase[] = [
  ...(
    [
      ['a time that is not an ISO timestamp', ['articles', '1', UUID]],
      ['a bad uuid', ['articles', '2026-01-01T00:00:00.000Z', 'not-a-uuid']],
      ['an impossible date', ['articles', '2026-02-31T00:00:00.000Z', UUID]],
      ['a year past 9999', ['articles', '+275760-09-13T00:00:00.000Z', UUID]],
      ['too many values', ['articles', '2026-01-01T00:00:00.000Z', UUID, 'x']],
      ['too few values', ['articles']],
      ['another list’s kind', ['search', 3]],
      ['not an array', { kind: 'articles' }],
    ] as const
  ).map(([name, value]): HostileCase => ({
    name: `articles cursor with ${name}`,
    query: ARTICLES,
    variables: { after: cursor(value) },
    code: 'BAD_USER_INPUT',
    message: /"after" is not a cursor/,
    noSql: true,
  })),
  {
    name: 'a cursor that is not base64url',
    query: ARTICLES,
    variables: { after: 'not a cursor!' },
    code: 'BAD_USER_INPUT',
    beforeExecution: true,
  },
  {
    name: 'a search cursor of the wrong kind',
    query: 'query ($after: String) { search(query: "harbour", after: $after) { totalCount } }',
    variables: { after: cursor(['articles', '2026-01-01T00:00:00.000Z', UUID]) },
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a search cursor with two offsets',
    query: 'query ($after: String) { search(query: "harbour", after: $after) { totalCount } }',
    variables: { after: cursor(['search', 3, 4]) },
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'a reports cursor with a bad date (moderator)',
    query: 'query ($after: String) { reports(after: $after) { totalCount } }',
    variables: { after: cursor(['reports', '1', UUID]) },
    headers: 'MODERATOR' as never,
    code: 'BAD_USER_INPUT',
  },
  {
    name: 'an audit cursor that is not a number (admin)',
    query: 'query ($after: String) { auditEvents(after: $after) { totalCount } }',
    variables: { after: cursor(['audit', '1; DROP TABLE articles']) },
    headers: 'ADMIN' as never,
    code: 'BAD_USER_INPUT',
  },
  ...(
    [
      ['tag (variable)', ARTICLES, { tag: 'a\u0000b' }],
      ['tag (literal escape)', '{ articles(tag: "a\\u0000b") { totalCount } }', undefined],
      ['slug', 'query ($s: String!) { article(slug: $s) { title } }', { s: 'target\u0000' }],
      [
        'search query',
        'query ($q: String!) { search(query: $q) { totalCount } }',
        { q: 'x\u0000' },
      ],
      [
        'search query (escape sequence)',
        'query ($q: String!) { search(query: $q) { totalCount } }',
        { q: '\u001b[31m' },
      ],
      ['receipt', 'query ($r: String!) { reportStatus(receipt: $r) { status } }', { r: 'R\u0000' }],
      ['an ID', 'query ($id: ID!) { report(id: $id) { id } }', { id: `${UUID}\u0000` }],
    ] as const
  ).map(([name, query, variables]): HostileCase => ({
    name: `a NUL or control character in ${name}`,
    query,
    variables,
    code: 'BAD_USER_INPUT',
    beforeExecution: true,
    message: CONTROL,
  })),
  ...(
    [
      ['tag', ARTICLES, { tag: 't'.repeat(65) }],
      ['slug', 'query ($s: String!) { article(slug: $s) { title } }', { s: 's'.repeat(5000) }],
      [
        'search query',
        'query ($q: String!) { search(query: $q) { totalCount } }',
        { q: 'q'.repeat(201) },
      ],
      [
        'receipt',
        'query ($r: String!) { reportStatus(receipt: $r) { status } }',
        { r: 'R'.repeat(101) },
      ],
      ['cursor', ARTICLES, { after: 'A'.repeat(513) }],
    ] as const
  ).map(([name, query, variables]): HostileCase => ({
    name: `an overlong ${name}`,
    query,
    variables,
    code: 'BAD_USER_INPUT',
    beforeExecution: true,
    message: /must be at most \d+ characters/,
  })),
  {
    name: 'a lone surrogate in a tag',
    query: ARTICLES,
    variables: { tag: 'a\ud800' },
    code: 'BAD_USER_INPUT',
    beforeExecution: true,
    message: /unpaired surrogates/,
  },
  {
    name: 'an editor sending a NUL byte in an article id',
    query: 'mutation ($id: ID!) { updateArticle(id: $id, input: { title: "x" }) { id } }',
    variables: { id: 'a\u0000' },
    headers: 'EDITOR' as never,
    code: 'BAD_USER_INPUT',
    status: 400,
  },
  {
    name: 'an editor sending a control character deep in an input',
    query: 'mutation ($id: ID!) { updateArticle(id: $id, input: { title: "bell\\u0007" }) { id } }',
    variables: { id: 'ARTICLE' },
    headers: 'EDITOR' as never,
    code: 'BAD_USER_INPUT',
    status: 400,
    message: CONTROL,
  },
];

// Report submissions, as far as the API's input layer goes, from IPv4 and IPv6 readers.
const reportCases: HostileCase[] = (['203.0.113.50', '2001:db8:1:2::1'] as const).flatMap(
  (address): HostileCase[] => [
    {
      name: `[${address}] a NUL byte in articleSlug`,
      query: REPORT,
      variables: { input: report({ articleSlug: 'target\u0000' }) },
      headers: reader(address),
      code: 'BAD_USER_INPUT',
      beforeExecution: true,
      message: CONTROL,
    },
    {
      name: `[${address}] a NUL byte in articleSlug as a literal`,
      query: `mutation { submitReport(input: { articleSlug: "target\\u0000", reason: SPAM, idempotencyKey: "${randomUUID()}" }) { receipt } }`,
      headers: reader(address),
      code: 'BAD_USER_INPUT',
      beforeExecution: true,
      message: CONTROL,
    },
    {
      name: `[${address}] an unknown article`,
      query: REPORT,
      variables: { input: report({ articleSlug: 'no-such-page' }) },
      headers: reader(address),
      code: 'BAD_USER_INPUT',
    },
    {
      name: `[${address}] a removed article`,
      query: REPORT,
      variables: { input: report({ articleSlug: 'gone' }) },
      headers: reader(address),
      code: 'BAD_USER_INPUT',
    },
    {
      name: `[${address}] a NUL byte in sectionAnchor`,
      query: REPORT,
      variables: { input: report({ sectionAnchor: 'section-1\u0000' }) },
      headers: reader(address),
      code: 'BAD_USER_INPUT',
      beforeExecution: true,
    },
    {
      name: `[${address}] oversized details`,
      query: REPORT,
      variables: { input: report({ reason: 'OTHER', details: 'd'.repeat(2001) }) },
      headers: reader(address),
      code: 'BAD_USER_INPUT',
      noSql: true,
      message: /details must be at most 2000 characters/,
    },
    {
      name: `[${address}] a control character in details`,
      query: REPORT,
      variables: { input: report({ reason: 'OTHER', details: 'look\u0008here' }) },
      headers: reader(address),
      code: 'BAD_USER_INPUT',
      beforeExecution: true,
    },
    ...['short', 'has spaces in it', '../../etc/passwd'].map((key): HostileCase => ({
      name: `[${address}] idempotency key ${JSON.stringify(key)}`,
      query: REPORT,
      variables: { input: report({ idempotencyKey: key }) },
      headers: reader(address),
      code: 'BAD_USER_INPUT',
      noSql: true,
      message: /idempotencyKey must be 8 to 100 letters, digits, - or _/,
    })),
    // Caught by the argument rules, before execution.
    ...['k'.repeat(101), 'key\u0000with-nul'].map((key): HostileCase => ({
      name: `[${address}] idempotency key ${JSON.stringify(key.slice(0, 20))}`,
      query: REPORT,
      variables: { input: report({ idempotencyKey: key }) },
      headers: reader(address),
      code: 'BAD_USER_INPUT',
      beforeExecution: true,
    })),
    {
      name: `[${address}] an invalid contact email`,
      query: REPORT,
      variables: { input: report({ contactEmail: 'not an email' }) },
      headers: reader(address),
      code: 'BAD_USER_INPUT',
      noSql: true,
    },
    {
      name: `[${address}] forged forwarding headers without the secret`,
      query: REPORT,
      variables: { input: report({ articleSlug: 'target\u0000' }) },
      headers: {
        [FORWARDED_ADDRESS_HEADER]: address,
        [FORWARDING_SECRET_HEADER]: 'wrong-secret-wrong-secret',
        'x-forwarded-for': address,
      },
      code: 'BAD_USER_INPUT',
      beforeExecution: true,
    },
  ],
);

// Appeals are public too: the same input layer guards them.
const APPEAL = 'mutation ($input: AppealReportInput!) { appealReport(input: $input) { status } }';
const appealCases: HostileCase[] = [
  {
    name: 'an appeal with a NUL byte in its grounds',
    query: APPEAL,
    variables: { input: { receipt: 'R-ABCDEFGHJK', grounds: 'wrong\u0000decision' } },
    code: 'BAD_USER_INPUT',
    beforeExecution: true,
    message: CONTROL,
  },
  {
    name: 'an appeal with a receipt that is not one',
    query: APPEAL,
    variables: { input: { receipt: "R-' OR 1=1 --", grounds: 'Please look again.' } },
    code: 'BAD_USER_INPUT',
    noSql: true,
  },
  {
    name: 'an appeal against a receipt that does not exist',
    query: APPEAL,
    variables: { input: { receipt: 'R-ABCDEFGHJK', grounds: 'Please look again.' } },
    code: 'NOT_FOUND',
  },
];

// Item 12: a removed page tells anonymous callers its title and state, nothing else.
const removedCases: HostileCase[] = [
  {
    name: 'everything about a removed page, anonymously',
    query:
      '{ article(slug: "gone") { title moderationState summary label author tags wordCount readingTimeMinutes publishedAt sections { text } toc { anchor } related { slug } } }',
    code: null,
    check: (data) =>
      expect(data!.article).toEqual({
        title: 'Gone',
        moderationState: 'REMOVED',
        summary: null,
        label: null,
        author: null,
        tags: [],
        wordCount: 0,
        readingTimeMinutes: 0,
        publishedAt: null,
        sections: [],
        toc: [],
        related: [],
      }),
  },
];

function withTokens(hostile: HostileCase): HostileCase {
  const token = hostile.headers as unknown;
  const headers =
    token === 'EDITOR'
      ? editor
      : token === 'MODERATOR'
        ? moderator
        : token === 'ADMIN'
          ? admin
          : hostile.headers;
  const variables = hostile.variables
    ? Object.fromEntries(
        Object.entries(hostile.variables).map(([key, value]) => [
          key,
          value === 'ARTICLE' ? articleId : value,
        ]),
      )
    : undefined;
  // A token is looked up (SQL) before the operation is even read: count statements only
  // for anonymous callers.
  const staff = headers !== hostile.headers;
  return {
    ...hostile,
    headers,
    variables,
    beforeExecution: staff ? false : hostile.beforeExecution,
    status: hostile.status ?? (staff && hostile.beforeExecution ? 400 : hostile.status),
  };
}

describe.each([
  ['caches: mutations that commit nothing', cacheCases],
  ['cost: variables, nesting, searches, GET/POST/persisted', costCases],
  ['arguments: cursors, control characters, lengths', inputCases],
  ['report submissions', reportCases],
  ['appeals', appealCases],
  ['removed pages', removedCases],
])('hostile input — %s', (_group, cases) => {
  it.each(cases.map((hostile) => [hostile.name, hostile] as const))(
    '%s',
    async (_name, hostile) => {
      await run.attempt(withTokens(hostile));
    },
  );
});
