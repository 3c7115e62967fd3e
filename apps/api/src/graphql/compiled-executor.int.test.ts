import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { gqlPluckFromCodeStringSync } from '@graphql-tools/graphql-tag-pluck';
import { FORWARDED_ADDRESS_HEADER, FORWARDING_SECRET_HEADER } from '@folio/contract';
import { span, type Block } from '@folio/content';
import {
  Kind,
  parse,
  print,
  visit,
  type DefinitionNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
} from 'graphql';
import { buildSections, createArticle } from '../../test/factories.js';
import { sessionFor } from '../../test/staff.js';
import { startTestApi, TEST_FORWARDING_SECRET, type TestApi } from '../../test/test-api.js';
import { createTestDatabase, type TestDatabase } from '../../test/test-database.js';
import { bearerFor, Role } from '../../test/tokens.js';
import { compiledExecutionStats } from './compiled-executor.js';

// The compiled executor must answer exactly as graphql-js does. Two APIs on one database, one
// per executor, get the same requests: the reader's and Studio's real operations (read from
// their sources, fragments and all) and the error cases, and must send the same bytes with the
// same HTTP status. A third pair with the response cache on must cache the same answers.

const REPO = path.resolve(__dirname, '../../../..');
const SOURCES = ['apps/web/app', 'apps/studio/app', 'packages/ui/src'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory())
      return ['generated', 'node_modules'].includes(entry.name) ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Every named operation of the apps, as a document with the fragments it uses. */
function appOperations(): Map<string, string> {
  const definitions: DefinitionNode[] = SOURCES.flatMap((dir) =>
    sourceFiles(path.join(REPO, dir)).flatMap((file) =>
      gqlPluckFromCodeStringSync(file, readFileSync(file, 'utf8')).flatMap(
        (source) => parse(source.body).definitions,
      ),
    ),
  );
  const fragments = new Map(
    definitions
      .filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION)
      .map((d) => [d.name.value, d]),
  );
  const spreadIn = (node: OperationDefinitionNode | FragmentDefinitionNode, into: Set<string>) => {
    visit(node, {
      FragmentSpread(spread) {
        const name = spread.name.value;
        if (into.has(name)) return;
        into.add(name);
        spreadIn(fragments.get(name)!, into);
      },
    });
    return into;
  };
  const operations = new Map<string, string>();
  for (const definition of definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION || !definition.name) continue;
    const used = [...spreadIn(definition, new Set())].map((name) => print(fragments.get(name)!));
    operations.set(definition.name.value, [print(definition), ...used].join('\n\n'));
  }
  return operations;
}

type Caller = 'anonymous' | 'editor' | 'moderator' | 'admin' | 'session' | 'reader';

interface Case {
  name: string;
  query: string;
  variables?: Record<string, unknown>;
  operationName?: string;
  as?: Caller;
  /** Left to graphql-js by design: introspection, invalid variables (mutations always are). */
  interpreted?: boolean;
  /** Refused before execution (query limits), by either server. */
  refused?: boolean;
}

interface Answer {
  status: number;
  body: string;
}

async function post(api: TestApi, c: Pick<Case, 'query' | 'variables' | 'operationName' | 'as'>) {
  const { query, variables, operationName } = c;
  const response = await fetch(`${api.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers[c.as ?? 'anonymous'] },
    body: JSON.stringify({ query, variables, operationName }),
  });
  return { status: response.status, body: await response.text() } satisfies Answer;
}

let db: TestDatabase;
let interpreted: TestApi;
let compiled: TestApi;
const headers: Partial<Record<Caller, Record<string, string>>> = {};
const operations = appOperations();
const ids: Record<string, string> = {};

const blocks: Block[] = [
  { type: 'paragraph', inlines: [span('Lights '), span('on', ['strong']), span(' the water')] },
  { type: 'list', ordered: true, start: 3, items: [[span('one')], [span('two', ['emphasis'])]] },
  { type: 'quote', paragraphs: [[span('Said once.')]], attribution: 'Ada' },
  { type: 'code', language: 'ts', code: 'const a = 1;' },
  { type: 'image', src: 'https://example.org/a.png', alt: 'A harbour', title: 'Harbour' },
  {
    type: 'paragraph',
    inlines: [span('a link', [], 'https://example.org'), span(' and more')],
  },
];

beforeAll(async () => {
  db = await createTestDatabase();
  await createArticle(db.dataSource, {
    title: 'Harbour Lights',
    tags: ['coast', 'night'],
    sections: buildSections(3, () => blocks),
  });
  for (let n = 0; n < 4; n++) await createArticle(db.dataSource, { tags: ['coast'] });
  await createArticle(db.dataSource, { title: 'Draft Harbour' }, { publish: false });
  const common = { RESPONSE_CACHE_MB: '0' };
  interpreted = await startTestApi(db, { ...common, GRAPHQL_EXECUTOR: 'graphql-js' });
  compiled = await startTestApi(db, { ...common, GRAPHQL_EXECUTOR: 'compiled' });
  headers.anonymous = {};
  headers.editor = await bearerFor(db.dataSource, Role.EDITOR);
  headers.moderator = await bearerFor(db.dataSource, Role.MODERATOR);
  headers.admin = await bearerFor(db.dataSource, Role.ADMIN);
  headers.session = (await sessionFor(interpreted, db.dataSource, Role.ADMIN)).headers;
  headers.reader = {
    [FORWARDED_ADDRESS_HEADER]: '203.0.113.7',
    [FORWARDING_SECRET_HEADER]: TEST_FORWARDING_SECRET,
  };
  const ask = async (query: string, variables: unknown, as: Caller) => {
    const { body } = await post(interpreted, {
      query,
      variables: variables as Case['variables'],
      as,
    });
    const parsed = JSON.parse(body);
    if (parsed.errors) throw new Error(body);
    return parsed.data;
  };
  ids.article = (
    await ask('query ($s: String!) { article(slug: $s) { id } }', { s: 'harbour-lights' }, 'editor')
  ).article.id;
  ids.receipt = (
    await ask(
      operations.get('SubmitReport')!,
      {
        input: {
          articleSlug: 'harbour-lights',
          reason: 'MISINFORMATION',
          details: 'Wrong tide.',
          idempotencyKey: randomUUID(),
        },
      },
      'reader',
    )
  ).submitReport.receipt;
  ids.previewToken = (
    await ask(
      'mutation ($id: ID!) { createPreviewLink(articleId: $id) { token } }',
      { id: ids.article },
      'editor',
    )
  ).createPreviewLink.token;
  const revisions = await ask(
    operations.get('RevisionList')!,
    { articleId: ids.article },
    'editor',
  );
  ids.revision = JSON.stringify(revisions).match(/"id":"([^"]+)"/)![1]!;
});

afterAll(async () => {
  await interpreted?.close();
  await compiled?.close();
  await db?.drop();
});

const slug = { slug: 'harbour-lights' };
const DAY_MS = 86_400_000;
const appCases = (): Case[] => [
  { name: 'HomePage', query: op('HomePage'), variables: { first: 3 } },
  { name: 'HomePage, next page', query: op('HomePage'), variables: { first: 3, after: null } },
  { name: 'ArticlePage', query: op('ArticlePage'), variables: slug },
  { name: 'ReportPage', query: op('ReportPage'), variables: slug },
  { name: 'Feed', query: op('Feed') },
  {
    name: 'ArticlePreviewPage',
    query: op('ArticlePreviewPage'),
    variables: { token: ids.previewToken },
  },
  {
    name: 'ReportReceiptPage',
    query: op('ReportReceiptPage'),
    variables: { receipt: ids.receipt },
  },
  { name: 'AppealPage', query: op('AppealPage'), variables: { receipt: ids.receipt } },
  { name: 'SearchPage', query: op('SearchPage'), variables: { query: 'harbour' } },
  { name: 'Sitemap', query: op('Sitemap') },
  { name: 'TagPage', query: op('TagPage'), variables: { tag: 'coast' } },
  {
    name: 'Transparency',
    query: op('Transparency'),
    variables: {
      from: new Date(Date.now() - 30 * DAY_MS).toISOString(),
      to: new Date(Date.now() + DAY_MS).toISOString(),
    },
    as: 'admin',
  },
  { name: 'AuditLog', query: op('AuditLog'), variables: { first: 20 }, as: 'admin' },
  { name: 'AuditStaff', query: op('AuditStaff'), as: 'admin' },
  { name: 'AuditArticle', query: op('AuditArticle'), variables: slug, as: 'admin' },
  { name: 'AdminApiTokens', query: op('AdminApiTokens'), as: 'admin' },
  { name: 'MySessions', query: op('MySessions'), as: 'session' },
  { name: 'StaffUsers', query: op('StaffUsers'), as: 'admin' },
  { name: 'EditorArticle', query: op('EditorArticle'), variables: slug, as: 'editor' },
  { name: 'PreviewLinksPage', query: op('PreviewLinksPage'), variables: slug, as: 'editor' },
  {
    name: 'PreviewLinkList',
    query: op('PreviewLinkList'),
    variables: { articleId: ids.article },
    as: 'editor',
  },
  { name: 'RevisionsPage', query: op('RevisionsPage'), variables: slug, as: 'editor' },
  {
    name: 'RevisionList',
    query: op('RevisionList'),
    variables: { articleId: ids.article },
    as: 'editor',
  },
  {
    name: 'RevisionContent',
    query: op('RevisionContent'),
    variables: { id: ids.revision },
    as: 'editor',
  },
  { name: 'StudioArticles', query: op('StudioArticles'), variables: { first: 20 }, as: 'editor' },
  {
    name: 'StudioArticles, filtered',
    query: op('StudioArticles'),
    variables: { first: 5, status: 'DRAFT', query: 'harbour' },
    as: 'editor',
  },
  {
    name: 'ModerationQueue',
    query: op('ModerationQueue'),
    variables: { order: 'NEWEST' },
    as: 'moderator',
  },
  { name: 'AppealsQueue', query: op('AppealsQueue'), as: 'moderator' },
  { name: 'ModerationPage', query: op('ModerationPage'), variables: slug, as: 'moderator' },
];

const errorCases = (): Case[] => [
  { name: 'unknown article (null)', query: op('ArticlePage'), variables: { slug: 'no-such-page' } },
  { name: 'missing variable', query: op('ArticlePage'), variables: {}, interpreted: true },
  {
    name: 'variable of the wrong type',
    query: op('HomePage'),
    variables: { first: 'ten' },
    interpreted: true,
  },
  {
    name: 'unknown enum value in a variable',
    query: op('ModerationQueue'),
    variables: { order: 'OLDEST' },
    as: 'moderator',
    interpreted: true,
  },
  {
    name: 'page size out of bounds',
    query: op('HomePage'),
    variables: { first: 100_000 },
    refused: true,
  },
  { name: 'staff query without a token', query: op('EditorArticle'), variables: slug },
  { name: 'admin query with an editor token', query: op('StaffUsers'), as: 'editor' },
  {
    name: 'staff-only field of public content',
    query: '{ articles(first: 2) { edges { node { slug status } } } }',
  },
  {
    name: 'preview without a token',
    query: 'query ($slug: String!) { article(slug: $slug, preview: true) { title } }',
    variables: slug,
  },
  {
    name: 'unknown receipt',
    query: op('ReportReceiptPage'),
    variables: { receipt: 'R-0000000000' },
  },
  {
    name: 'bad report input',
    query: op('SubmitReport'),
    variables: { input: { articleSlug: 'harbour-lights', reason: 'OTHER', idempotencyKey: 'x' } },
    as: 'reader',
  },
  {
    name: 'report of an unknown page',
    query: op('SubmitReport'),
    variables: {
      input: { articleSlug: 'no-such-page', reason: 'SPAM', idempotencyKey: randomUUID() },
    },
    as: 'reader',
  },
  {
    name: 'mutation without a token',
    query: op('CreateArticleDraft'),
    variables: { input: { markdown: '# Title\n\nText.' } },
  },
  {
    name: 'aliases, directives, fragments on union members and __typename',
    query: `query ($with: Boolean!) {
      __typename
      first: article(slug: "harbour-lights") { __typename t: title tags @include(if: $with) sections { anchor blocks { __typename ...on Code { code } ...on List @skip(if: $with) { ordered } } } }
      again: articles(first: 2) { edges { cursor node { slug } } pageInfo { hasNextPage endCursor } totalCount }
    }`,
    variables: { with: true },
  },
  {
    name: 'one of several operations',
    query: `query A { tags { name } } query B { articles(first: 1) { totalCount } }`,
    operationName: 'B',
  },
  {
    name: 'introspection',
    query: '{ __schema { queryType { name } } __type(name: "Block") { possibleTypes { name } } }',
    interpreted: true,
  },
];

function op(name: string): string {
  const query = operations.get(name);
  if (!query) throw new Error(`no operation named ${name} in the apps`);
  return query;
}

async function compare(c: Case, a: TestApi, b: TestApi) {
  const before = { ...compiledExecutionStats };
  db.statements.reset();
  const expected = await post(a, c);
  const expectedStatements = db.statements.count;
  const mid = { ...compiledExecutionStats };
  // graphql-js's server must not touch the compiled executor's counts.
  expect(mid).toEqual(before);
  db.statements.reset();
  const actual = await post(b, c);
  const statements = { expected: expectedStatements, actual: db.statements.count };
  return { expected, actual, before, after: { ...compiledExecutionStats }, statements };
}

describe('compiled execution (graphql-jit) against graphql-js', () => {
  it('finds the apps operations to compare', () => {
    expect(operations.size).toBeGreaterThanOrEqual(40);
  });

  it('compares every query the reader and Studio send', () => {
    const queries = [...operations.entries()]
      .filter(([, text]) => /^query\b/.test(text))
      .map(([name]) => name);
    const compared = new Set(appCases().map((c) => c.query));
    expect(queries.filter((name) => !compared.has(op(name)))).toEqual([]);
  });

  it('gives the reader and Studio the same answers, byte for byte', async () => {
    // A token's first use in a minute records it (one UPDATE): done here, not in a comparison.
    for (const as of Object.keys(headers) as Caller[])
      await post(interpreted, { query: '{ __typename }', as });
    for (const c of appCases()) {
      const { expected, actual, before, after, statements } = await compare(
        c,
        interpreted,
        compiled,
      );
      expect({ case: c.name, ...actual }).toEqual({ case: c.name, ...expected });
      // The same SQL: as many statements for the same answer.
      expect({ case: c.name, statements: statements.actual }).toEqual({
        case: c.name,
        statements: statements.expected,
      });
      // A real answer with data, run as compiled code.
      expect({ case: c.name, status: expected.status }).toEqual({ case: c.name, status: 200 });
      const data = JSON.parse(expected.body).data;
      expect({
        case: c.name,
        data: Boolean(data),
        compiled: after.compiledRuns - before.compiledRuns,
      }).toEqual({ case: c.name, data: true, compiled: 1 });
    }
  });

  it('gives the same errors: messages, paths, codes, masking and HTTP status', async () => {
    for (const c of errorCases()) {
      const { expected, actual, before, after } = await compare(c, interpreted, compiled);
      expect({ case: c.name, ...actual }).toEqual({ case: c.name, ...expected });
      const ran = {
        graphqlJs: after.graphqlJsRuns - before.graphqlJsRuns,
        compiled: after.compiledRuns - before.compiledRuns,
      };
      const expectedRuns = c.refused
        ? { graphqlJs: 0, compiled: 0 }
        : c.interpreted || /^mutation\b/.test(c.query)
          ? { graphqlJs: 1, compiled: 0 }
          : { graphqlJs: 0, compiled: 1 };
      expect({ case: c.name, ...ran }).toEqual({ case: c.name, ...expectedRuns });
    }
  });

  it('stops at the request deadline the same way', async () => {
    // A deadline of a nanosecond has always passed by the first field.
    const deadline = { RESPONSE_CACHE_MB: '0', REQUEST_DEADLINE_SECONDS: '0.000000001' };
    const a = await startTestApi(db, { ...deadline, GRAPHQL_EXECUTOR: 'graphql-js' });
    const b = await startTestApi(db, { ...deadline, GRAPHQL_EXECUTOR: 'compiled' });
    try {
      for (const c of [
        { name: 'deadline, article', query: op('ArticlePage'), variables: slug },
        { name: 'deadline, list', query: op('HomePage'), variables: { first: 3 } },
      ]) {
        const { expected, actual } = await compare(c, a, b);
        expect({ case: c.name, ...actual }).toEqual({ case: c.name, ...expected });
        expect(expected.body).toContain('REQUEST_TIMEOUT');
      }
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('keeps the response cache policy: the same answers are cached, the same are not', async () => {
    const a = await startTestApi(db, { GRAPHQL_EXECUTOR: 'graphql-js' });
    const b = await startTestApi(db, { GRAPHQL_EXECUTOR: 'compiled' });
    /** Whether asking again (up to 10 times) is answered without SQL, and the last answer. */
    const cachedAnswer = async (api: TestApi, c: Case) => {
      let last: Answer | undefined;
      for (let attempt = 0; attempt < 10; attempt++) {
        db.statements.reset();
        last = await post(api, c);
        if (attempt > 0 && db.statements.count === 0) return { cached: true, ...last };
      }
      return { cached: false, ...last! };
    };
    try {
      const cases: Case[] = [
        ...appCases().filter((c) => (c.as ?? 'anonymous') === 'anonymous'),
        {
          name: 'preview (dynamic PRIVATE hint)',
          query: 'query ($slug: String!) { article(slug: $slug, preview: true) { title } }',
          variables: slug,
          as: 'editor',
        },
        {
          name: 'report status (no hint)',
          query: op('ReportReceiptPage'),
          variables: { receipt: ids.receipt },
        },
      ];
      const seen = { cached: 0, fresh: 0 };
      for (const c of cases) {
        const expected = await cachedAnswer(a, c);
        const actual = await cachedAnswer(b, c);
        expect({ case: c.name, ...actual }).toEqual({ case: c.name, ...expected });
        seen[expected.cached ? 'cached' : 'fresh'] += 1;
      }
      // Both kinds occur, so the comparison means something.
      expect(seen.cached).toBeGreaterThan(3);
      expect(seen.fresh).toBeGreaterThanOrEqual(2);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('leaves mutations to graphql-js: a report is filed, an edit reaches the cache at once', async () => {
    const report = (api: TestApi) =>
      post(api, {
        query: op('SubmitReport'),
        variables: {
          input: { articleSlug: 'harbour-lights', reason: 'SPAM', idempotencyKey: randomUUID() },
        },
        as: 'reader',
      });
    const receipt = (answer: Answer): string => JSON.parse(answer.body).data.submitReport.receipt;
    const reports = async () =>
      (await db.dataSource.query('SELECT count(*)::int AS n FROM reports'))[0].n as number;
    const stored = await reports();
    const before = { ...compiledExecutionStats };
    const expected = await report(interpreted);
    const actual = await report(compiled);
    expect(compiledExecutionStats.compiledRuns).toBe(before.compiledRuns);
    expect(compiledExecutionStats.graphqlJsRuns).toBe(before.graphqlJsRuns + 1);
    expect(actual.status).toBe(expected.status);
    expect(actual.body.replace(receipt(actual), 'R')).toBe(
      expected.body.replace(receipt(expected), 'R'),
    );
    expect(await reports()).toBe(stored + 2);

    // A query compiled after a mutation answers as graphql-js does.
    const afterMutation: Case = {
      name: 'a page asked for after a mutation',
      query: op('ArticlePage').replace('query ArticlePage', 'query ArticlePageAfterAMutation'),
      variables: slug,
    };
    const compiledBefore = { ...compiledExecutionStats };
    const { expected: page, actual: samePage } = await compare(
      afterMutation,
      interpreted,
      compiled,
    );
    expect(samePage).toEqual(page);
    expect(JSON.parse(page.body).data.article.title).toBe('Harbour Lights');
    expect(compiledExecutionStats.compiled).toBe(compiledBefore.compiled + 1);

    // The content-mutation announcement still sees the mutation's root field on this server.
    await createArticle(db.dataSource, { title: 'Story To Edit' });
    const cached = await startTestApi(db, { GRAPHQL_EXECUTOR: 'compiled' });
    try {
      const read: Case = {
        name: 'read',
        query: 'query ($slug: String!) { article(slug: $slug) { id title } }',
        variables: { slug: 'story-to-edit' },
      };
      let answer = await post(cached, read);
      for (let attempt = 0; attempt < 20; attempt++) {
        db.statements.reset();
        answer = await post(cached, read);
        if (db.statements.count === 0) break;
      }
      expect(db.statements.count).toBe(0);
      const { id } = JSON.parse(answer.body).data.article;
      const edit = await post(cached, {
        query: op('UpdateArticleDetails'),
        variables: { id, input: { title: 'Edited Story' } },
        as: 'editor',
      });
      expect(JSON.parse(edit.body).errors).toBeUndefined();
      const next = await post(cached, read);
      expect(JSON.parse(next.body).data.article.title).toBe('Edited Story');
    } finally {
      await cached.close();
    }
  });
});
