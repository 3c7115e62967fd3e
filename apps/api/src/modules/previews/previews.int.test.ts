import { useApiTestContext } from '../../../test/api-test-context.js';
import { createArticle } from '../../../test/factories.js';
import { Role, sessionFor } from '../../../test/staff.js';
import { movableClock } from '../../../test/test-clock.js';
import { signPreviewToken } from './preview-token.js';

const clock = movableClock();
const context = useApiTestContext({ RESPONSE_CACHE_MB: '8' }, clock);
let editor: Awaited<ReturnType<typeof sessionFor>>;
let articleId: string;

beforeEach(async () => {
  await context.db.reset();
  editor = await sessionFor(context.api, context.db.dataSource, Role.EDITOR, 'Pat Preview');
  await createArticle(context.db.dataSource, { title: 'Unreleased draft' }, { publish: false });
  [{ id: articleId }] = await context.db.dataSource.query(`SELECT id FROM articles`);
});

const HOUR = 3_600_000;
const PREVIEW = `query ($token: String!) { articlePreview(token: $token) { title summary sections { heading text } } }`;

async function createLink(hours?: number) {
  const { data, errors } = await context.api.query(
    `mutation ($id: ID!, $hours: Int) { createPreviewLink(articleId: $id, expiresInHours: $hours) { id token expiresAt live createdBy } }`,
    { id: articleId, hours },
    editor.headers,
  );
  if (errors) throw new Error(JSON.stringify(errors));
  return data!.createPreviewLink;
}

/** As a reader without an account would ask. */
const preview = async (token: string) =>
  (await context.api.query(PREVIEW, { token })).data!.articlePreview;

describe('preview links', () => {
  it('shows a draft to anyone holding the link, and to no one else', async () => {
    const link = await createLink(48);
    expect(link).toMatchObject({ live: true, createdBy: 'Pat Preview' });
    expect(new Date(link.expiresAt).getTime() - clock.now().getTime()).toBeGreaterThan(
      48 * HOUR - 1000,
    );
    const shown = await preview(link.token);
    expect(shown.title).toBe('Unreleased draft');
    expect(shown.sections).toHaveLength(3);
    expect(
      (await context.api.query('{ article(slug: "unreleased-draft") { title } }')).data!.article,
    ).toBeNull();
    const list = await context.api.query(
      `{ previewLinks(articleId: "${articleId}") { id token live } }`,
      {},
      editor.headers,
    );
    expect(list.data!.previewLinks).toEqual([{ id: link.id, token: link.token, live: true }]);
  });

  it('refuses a token that is expired, tampered with or signed with another key', async () => {
    const link = await createLink(1);
    const [id, expiry, signature] = link.token.split('.');
    // A later expiry written into the token breaks its signature.
    expect(await preview(`${id}.${Number(expiry) + 86_400}.${signature}`)).toBeNull();
    const foreign = signPreviewToken(Buffer.from('another-key-another-key-another-key'), {
      linkId: id,
      expiresAt: new Date(Number(expiry) * 1000),
    });
    expect(await preview(foreign)).toBeNull();
    expect(await preview('not-a-token')).toBeNull();
    expect(await preview(link.token)).not.toBeNull();
    clock.advance(HOUR + 1000);
    expect(await preview(link.token)).toBeNull();
    const list = await context.api.query(
      `{ previewLinks(articleId: "${articleId}") { live } }`,
      {},
      editor.headers,
    );
    expect(list.data!.previewLinks).toEqual([{ live: false }]);
  });

  it('stops working the moment it is revoked, and is audited with who did it', async () => {
    const link = await createLink();
    expect(await preview(link.token)).not.toBeNull();
    const revoked = await context.api.query(
      `mutation { revokePreviewLink(id: "${link.id}") { live revokedAt } }`,
      {},
      editor.headers,
    );
    expect(revoked.data!.revokePreviewLink.live).toBe(false);
    expect(await preview(link.token)).toBeNull();
    const events = await context.db.dataSource.query(
      `SELECT action, actor_name, actor_user_id FROM audit_events WHERE action LIKE 'preview.%' ORDER BY id`,
    );
    expect(events).toEqual([
      { action: 'preview.create', actor_name: 'Pat Preview', actor_user_id: editor.user.id },
      { action: 'preview.revoke', actor_name: 'Pat Preview', actor_user_id: editor.user.id },
    ]);
  });

  it('is never answered from the response cache', async () => {
    const link = await createLink();
    expect(await preview(link.token)).not.toBeNull();
    // Revoked behind the API's back: no mutation and no content change moves the cache's
    // version, so only a fresh answer can know.
    await context.db.dataSource.query(`UPDATE preview_links SET revoked_at = now()`);
    expect(await preview(link.token)).toBeNull();
    // And an edit shows on the next preview, with nothing to wait for.
    await context.db.dataSource.query(`UPDATE preview_links SET revoked_at = NULL`);
    await context.api.query(
      `mutation { updateArticle(id: "${articleId}", input: { title: "Renamed draft" }) { id } }`,
      {},
      editor.headers,
    );
    expect((await preview(link.token)).title).toBe('Renamed draft');
  });

  it('shows nothing once a moderator removed the article', async () => {
    const link = await createLink();
    await context.db.dataSource.query(`UPDATE articles SET moderation_state = 'removed'`);
    expect(await preview(link.token)).toBeNull();
  });

  it('is for editors, with a bounded lifetime', async () => {
    const moderator = await sessionFor(context.api, context.db.dataSource, Role.MODERATOR);
    const refused = await context.api.query(
      `mutation { createPreviewLink(articleId: "${articleId}") { id } }`,
      {},
      moderator.headers,
    );
    expect(refused.errors![0]!.extensions!.code).toBe('FORBIDDEN');
    const anonymous = await context.api.query(`{ previewLinks(articleId: "${articleId}") { id } }`);
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const tooLong = await context.api.query(
      `mutation { createPreviewLink(articleId: "${articleId}", expiresInHours: 721) { id } }`,
      {},
      editor.headers,
    );
    expect(tooLong.errors![0]).toMatchObject({
      message: '"expiresInHours" must be between 1 and 720; got 721.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(
      (await context.db.dataSource.query('SELECT count(*)::int AS n FROM preview_links'))[0].n,
    ).toBe(0);
  });
});
