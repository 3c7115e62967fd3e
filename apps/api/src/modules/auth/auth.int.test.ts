import { createArticle } from '../../../test/factories.js';
import { useApiTestContext } from '../../../test/api-test-context.js';
import { bearerFor, Role } from '../../../test/tokens.js';
import { ApiTokenService } from './api-token.service.js';

const context = useApiTestContext();
beforeEach(() => context.db.reset());

const CREATE = `mutation { createArticle(input: { title: "Tokens", sections: [{ heading: "One", markdown: "Body." }] }) { slug } }`;
const articleCount = async () =>
  (await context.db.dataSource.query('SELECT count(*)::int AS n FROM articles'))[0].n;

describe('API tokens and roles', () => {
  it('stores only the sha-256 of a token, never the token', async () => {
    const { token } = await new ApiTokenService(context.db.dataSource).create('ci', Role.EDITOR);
    const [row] = await context.db.dataSource.query('SELECT token_hash FROM api_tokens');
    expect(token).toMatch(/^folio_[A-Za-z0-9_-]{43}$/);
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(token.slice(6));
  });

  it('lets an editor create an article and records when the token was last used', async () => {
    const headers = await bearerFor(context.db.dataSource, Role.EDITOR, 'writer');
    const { data, errors } = await context.api.query(CREATE, {}, headers);
    expect(errors).toBeUndefined();
    expect(data!.createArticle.slug).toBe('tokens');
    const [row] = await context.db.dataSource.query(
      `SELECT last_used_at FROM api_tokens WHERE name = 'writer'`,
    );
    expect(row.last_used_at).not.toBeNull();
  });

  it('refuses an editor mutation without a token, and stores nothing', async () => {
    const { data, errors } = await context.api.query(CREATE);
    expect(data).toBeNull();
    expect(errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(await articleCount()).toBe(0);
  });

  it("refuses a moderator's token for an editor mutation", async () => {
    const { errors } = await context.api.query(
      CREATE,
      {},
      await bearerFor(context.db.dataSource, Role.MODERATOR),
    );
    expect(errors![0]!.extensions!.code).toBe('FORBIDDEN');
    expect(errors![0]!.message).toBe('This needs the editor role; this token has moderator.');
    expect(await articleCount()).toBe(0);
  });

  it('refuses a revoked, unknown or malformed token with 401', async () => {
    const headers = await bearerFor(context.db.dataSource, Role.EDITOR, 'leaver');
    expect(await new ApiTokenService(context.db.dataSource).revoke('leaver', null)).toBe(true);
    for (const authorization of [
      headers.authorization,
      'Bearer folio_unknown',
      'Basic abc',
      'Bearer',
    ]) {
      const response = await context.api.query(CREATE, {}, { authorization });
      expect(response.status).toBe(401);
      expect(response.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    }
    expect(await articleCount()).toBe(0);
  });

  it('gives admins every role, and only admins the token list', async () => {
    const admin = await bearerFor(context.db.dataSource, Role.ADMIN, 'root');
    expect((await context.api.query(CREATE, {}, admin)).errors).toBeUndefined();
    const list = await context.api.query('{ apiTokens { name role lastUsedAt } }', {}, admin);
    expect(list.data!.apiTokens).toEqual([
      { name: 'root', role: 'ADMIN', lastUsedAt: expect.any(String) },
    ]);
    const editor = await bearerFor(context.db.dataSource, Role.EDITOR);
    expect(
      (await context.api.query('{ apiTokens { name } }', {}, editor)).errors![0]!.extensions!.code,
    ).toBe('FORBIDDEN');
  });

  it('keeps drafts and the editorial status from anonymous callers', async () => {
    await createArticle(context.db.dataSource, { title: 'Secret draft' }, { publish: false });
    const preview = await context.api.query(
      '{ article(slug: "secret-draft", preview: true) { title } }',
    );
    expect(preview.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    await createArticle(context.db.dataSource, { title: 'Public piece' });
    const status = await context.api.query('{ article(slug: "public-piece") { title status } }');
    expect(status.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    expect(status.errors![0]!.path).toEqual(['article', 'status']);

    const editor = await bearerFor(context.db.dataSource, Role.EDITOR);
    const seen = await context.api.query(
      '{ article(slug: "secret-draft", preview: true) { title status } }',
      {},
      editor,
    );
    expect(seen.data!.article).toEqual({ title: 'Secret draft', status: 'DRAFT' });
  });
});

describe('every private operation checks its role', () => {
  const id = '00000000-0000-4000-8000-000000000000';
  const editorOnly = [
    `mutation { createArticle(input: { title: "X" }) { id } }`,
    `mutation { updateArticle(id: "${id}", input: { title: "X" }) { id } }`,
    `mutation { addSection(articleId: "${id}", input: { markdown: "x" }) { id } }`,
    `mutation { updateSection(id: "${id}", input: { markdown: "x" }) { id } }`,
    `mutation { moveSection(id: "${id}", position: 0) { id } }`,
    `mutation { removeSection(id: "${id}") { id } }`,
    `mutation { publishArticle(id: "${id}") { id } }`,
    `mutation { unpublishArticle(id: "${id}") { id } }`,
    `mutation { archiveArticle(id: "${id}") { id } }`,
    `mutation { restoreRevision(id: "${id}") { id } }`,
    `{ articleRevisions(articleId: "${id}") { id } }`,
    `{ articleRevision(id: "${id}") { id } }`,
    `{ articleRevisionDiff(articleId: "${id}", from: 1) { changedFields } }`,
    `mutation { createPreviewLink(articleId: "${id}") { id } }`,
    `{ previewLinks(articleId: "${id}") { id } }`,
    `mutation { revokePreviewLink(id: "${id}") { id } }`,
    `mutation { appealDecision(input: { decisionId: "${id}", grounds: "g" }) { id } }`,
  ];
  const moderatorOnly = [
    `{ reports { totalCount } }`,
    `{ reportCountsByArticle { reportCount } }`,
    `{ report(id: "${id}") { id } }`,
    `mutation { triageReport(id: "${id}") { id } }`,
    `mutation { resolveReport(id: "${id}", input: { action: DISMISS, reasons: "r" }) { id } }`,
    `mutation { resolveArticleReports(articleId: "${id}", input: { action: REMOVE_ARTICLE, reasons: "r" }) { closedReports } }`,
    `{ moderationQueue { totalCount } }`,
    `{ moderationReasonTemplates { key } }`,
    `{ transparencyReport(from: "2026-01-01T00:00:00Z", to: "2026-02-01T00:00:00Z") { reportCount } }`,
    `{ appeals { totalCount } }`,
    `mutation { resolveAppeal(id: "${id}", input: { outcome: UPHOLD, reasons: "r" }) { id } }`,
  ];
  const adminOnly = [
    `{ auditEvents { totalCount } }`,
    `{ apiTokens { name } }`,
    `mutation { revokeApiToken(name: "x") }`,
    `mutation { createApiToken(name: "x", role: EDITOR) { token } }`,
    `{ staffUsers { id } }`,
    `mutation { createStaffUser(input: { email: "x@folio.test", displayName: "X", role: EDITOR }) { oneTimePassword } }`,
    `mutation { setStaffUserRole(id: "${id}", role: EDITOR) { id } }`,
    `mutation { deactivateStaffUser(id: "${id}") { id } }`,
    `mutation { reactivateStaffUser(id: "${id}") { id } }`,
    `mutation { resetStaffUserPassword(id: "${id}") { oneTimePassword } }`,
  ];

  const codeFor = async (query: string, headers?: Record<string, string>) =>
    (await context.api.query(query, {}, headers)).errors?.[0]?.extensions?.code ?? 'ALLOWED';

  it.each([
    ['editor', editorOnly, Role.EDITOR, [Role.MODERATOR]],
    ['moderator', moderatorOnly, Role.MODERATOR, [Role.EDITOR]],
    ['admin', adminOnly, Role.ADMIN, [Role.EDITOR, Role.MODERATOR]],
  ] as const)(
    '%s operations: refused anonymously and to other roles, allowed to the role',
    async (_name, operations, allowed, refused) => {
      const allowedHeaders = await bearerFor(context.db.dataSource, allowed);
      const refusedHeaders = await Promise.all(
        refused.map((role) => bearerFor(context.db.dataSource, role)),
      );
      for (const operation of operations) {
        expect([operation, await codeFor(operation)]).toEqual([operation, 'UNAUTHENTICATED']);
        for (const headers of refusedHeaders) {
          expect([operation, await codeFor(operation, headers)]).toEqual([operation, 'FORBIDDEN']);
        }
        // Allowed through the check: either it works or the (absent) target is NOT_FOUND.
        expect(['ALLOWED', 'NOT_FOUND']).toContain(await codeFor(operation, allowedHeaders));
      }
    },
  );
});
