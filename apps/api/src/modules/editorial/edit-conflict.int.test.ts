import { useApiTestContext } from '../../../test/api-test-context.js';
import { Role, sessionFor } from '../../../test/staff.js';
import { bearerFor } from '../../../test/tokens.js';

const context = useApiTestContext();
beforeEach(() => context.db.reset());

async function newArticle(headers: Record<string, string>) {
  const { data, errors } = await context.api.query(
    `mutation { createArticle(input: { title: "Shared piece", sections: [
      { heading: "Intro", markdown: "First words." }, { heading: "Middle", markdown: "More words." }] })
      { id version sections { id } } }`,
    {},
    headers,
  );
  if (errors) throw new Error(JSON.stringify(errors));
  return data!.createArticle as { id: string; version: number; sections: Array<{ id: string }> };
}

const UPDATE = `mutation ($id: ID!, $title: String!, $v: Int) {
  updateArticle(id: $id, input: { title: $title }, expectedVersion: $v) { title version }
}`;

describe('optimistic concurrency', () => {
  it('two editors saving the same version at once: one wins, the other is told what changed', async () => {
    const ada = await sessionFor(context.api, context.db.dataSource, Role.EDITOR, 'Ada');
    const bo = await sessionFor(context.api, context.db.dataSource, Role.EDITOR, 'Bo');
    const article = await newArticle(ada.headers);
    expect(article.version).toBe(1);
    const [first, second] = await Promise.all([
      context.api.query(UPDATE, { id: article.id, title: 'Ada’s title', v: 1 }, ada.headers),
      context.api.query(UPDATE, { id: article.id, title: 'Bo’s title', v: 1 }, bo.headers),
    ]);
    const results = [first, second];
    const won = results.filter((r) => !r.errors);
    const lost = results.filter((r) => r.errors);
    expect(won).toHaveLength(1);
    expect(lost).toHaveLength(1);
    const winner = won[0]!.data!.updateArticle;
    expect(winner.version).toBe(2);
    const conflict = lost[0]!.errors![0]!;
    const winnerName = winner.title === 'Ada’s title' ? 'Ada' : 'Bo';
    const winnerId = winnerName === 'Ada' ? ada.user.id : bo.user.id;
    expect(conflict.extensions).toMatchObject({
      code: 'EDIT_CONFLICT',
      expectedVersion: 1,
      currentVersion: 2,
      savedBy: winnerName,
      savedByUserId: winnerId,
      changedFields: ['title'],
      changes: [{ version: 2, reason: 'update', savedBy: winnerName }],
    });
    expect(conflict.message).toMatch(/Someone else saved this article/);
    // Nothing of the losing save was stored: the winner's title, two revisions.
    const stored = await context.db.dataSource.query(
      `SELECT a.title, (SELECT count(*)::int FROM article_revisions r WHERE r.article_id = a.id) AS revisions
         FROM articles a`,
    );
    expect(stored).toEqual([{ title: winner.title, revisions: 2 }]);
  });

  it('checks section saves, publishing and restores too, and says which fields changed', async () => {
    const ada = await sessionFor(context.api, context.db.dataSource, Role.EDITOR, 'Ada');
    const article = await newArticle(ada.headers);
    const section = article.sections[0]!.id;
    const edited = await context.api.query(
      `mutation { updateSection(id: "${section}", input: { markdown: "Changed words." }, expectedVersion: 1) { version } }`,
      {},
      ada.headers,
    );
    expect(edited.data!.updateSection.version).toBe(2);
    for (const stale of [
      `mutation { updateSection(id: "${section}", input: { markdown: "Mine." }, expectedVersion: 1) { id } }`,
      `mutation { addSection(articleId: "${article.id}", input: { markdown: "New." }, expectedVersion: 1) { id } }`,
      `mutation { moveSection(id: "${section}", position: 1, expectedVersion: 1) { id } }`,
      `mutation { removeSection(id: "${section}", expectedVersion: 1) { id } }`,
      `mutation { publishArticle(id: "${article.id}", expectedVersion: 1) { id } }`,
      `mutation { archiveArticle(id: "${article.id}", expectedVersion: 1) { id } }`,
    ]) {
      const refused = await context.api.query(stale, {}, ada.headers);
      expect([stale, refused.errors?.[0]?.extensions]).toEqual([
        stale,
        expect.objectContaining({ code: 'EDIT_CONFLICT', changedFields: ['sections'] }),
      ]);
    }
    const published = await context.api.query(
      `mutation { publishArticle(id: "${article.id}", expectedVersion: 2) { version } }`,
      {},
      ada.headers,
    );
    expect(published.data!.publishArticle.version).toBe(3);
    const stale = await context.api.query(
      UPDATE,
      { id: article.id, title: 'Late', v: 2 },
      ada.headers,
    );
    expect(stale.errors![0]!.extensions).toMatchObject({
      changedFields: ['status', 'publishedAt'],
    });
  });

  it('saves without a check when no expectedVersion is given (integrations), and refuses a negative one', async () => {
    const token = await bearerFor(context.db.dataSource, Role.EDITOR, 'integration');
    const article = await newArticle(token);
    await context.api.query(UPDATE, { id: article.id, title: 'One' }, token);
    const second = await context.api.query(UPDATE, { id: article.id, title: 'Two' }, token);
    expect(second.data!.updateArticle).toEqual({ title: 'Two', version: 3 });
    const negative = await context.api.query(UPDATE, { id: article.id, title: 'X', v: -1 }, token);
    expect(negative.errors![0]!.extensions!.code).toBe('BAD_USER_INPUT');
  });

  it('shows the version to staff only', async () => {
    const token = await bearerFor(context.db.dataSource, Role.EDITOR);
    const article = await newArticle(token);
    await context.api.query(`mutation { publishArticle(id: "${article.id}") { id } }`, {}, token);
    const anonymous = await context.api.query('{ article(slug: "shared-piece") { version } }');
    expect(anonymous.errors![0]!.extensions!.code).toBe('UNAUTHENTICATED');
    const staff = await context.api.query('{ articles { edges { node { version } } } }', {}, token);
    expect(staff.data!.articles.edges).toEqual([{ node: { version: 2 } }]);
  });
});
