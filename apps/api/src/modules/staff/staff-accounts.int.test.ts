import { performance } from 'node:perf_hooks';
import { useApiTestContext } from '../../../test/api-test-context.js';
import {
  createStaffUser,
  sessionFor,
  signIn,
  SIGN_IN,
  Role,
  TEST_PASSWORD,
} from '../../../test/staff.js';
import { movableClock } from '../../../test/test-clock.js';
import { bearerFor } from '../../../test/tokens.js';

const clock = movableClock();
const context = useApiTestContext(
  {
    SIGN_IN_MAX_FAILURES: '3',
    SIGN_IN_LOCKOUT_MINUTES: '15',
    SIGN_IN_MAX_FAILURES_PER_ADDRESS: '8',
    SESSION_IDLE_MINUTES: '30',
    SESSION_MAX_HOURS: '8',
  },
  clock,
);
beforeEach(() => context.db.reset());

const MINUTE = 60_000;
const ME = '{ me { id email displayName role } }';
const CREATE = `mutation { createArticle(input: { title: "By a person", sections: [{ heading: "One", markdown: "Body." }] }) { id slug } }`;

const attempt = (email: string, password: string, headers: Record<string, string> = {}) =>
  context.api.query(SIGN_IN, { email, password }, headers);
const codeOf = (response: { errors?: Array<{ extensions?: Record<string, any> }> }) =>
  response.errors?.[0]?.extensions?.code ?? 'OK';

describe('signing in', () => {
  it('signs in with the right password and acts as the user on the API', async () => {
    const { email } = await createStaffUser(context.db.dataSource, Role.EDITOR, {
      name: 'Ada Editor',
      email: 'ada@folio.test',
    });
    // Emails are compared trimmed and lower-cased.
    const session = await signIn(context.api, '  Ada@Folio.TEST ', TEST_PASSWORD);
    expect(session.token).toMatch(/^session_[A-Za-z0-9_-]{43}$/);
    expect(session.user).toMatchObject({ displayName: 'Ada Editor', role: 'EDITOR' });
    expect(new Date(session.expiresAt).getTime() - clock.now().getTime()).toBe(8 * 60 * MINUTE);
    expect(session.idleTimeoutMinutes).toBe(30);
    const me = await context.api.query(ME, {}, session.headers);
    expect(me.data!.me).toMatchObject({ email, displayName: 'Ada Editor', role: 'EDITOR' });
    // Stored: the token's sha-256 and an argon2id hash, never the token or the password.
    const [row] = await context.db.dataSource.query(
      `SELECT s.token_hash, u.password_hash FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id`,
    );
    expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(JSON.stringify(row)).not.toContain(session.token.slice(8));
  });

  it('gives a wrong password and an unknown account the same answer', async () => {
    await createStaffUser(context.db.dataSource, Role.EDITOR, { email: 'known@folio.test' });
    const wrong = await attempt('known@folio.test', 'not the password at all');
    const unknown = await attempt('nobody@folio.test', 'not the password at all');
    expect(wrong.errors).toEqual(unknown.errors);
    expect(wrong.errors![0]).toMatchObject({
      message: 'The email address or password is wrong.',
      extensions: { code: 'SIGN_IN_FAILED' },
    });
    expect(wrong.data).toBeNull();
    expect(
      (await context.db.dataSource.query('SELECT count(*)::int AS n FROM staff_sessions'))[0].n,
    ).toBe(0);
  });

  it('spends one argon2 verification on an unknown account too, so timing does not tell', async () => {
    // The server runs in this process: count the argon2 verifications each answer cost.
    await createStaffUser(context.db.dataSource, Role.EDITOR, { email: 'known@folio.test' });
    // The module object itself (an `import * as` would be a copy the server does not call).
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const argon2: typeof import('@node-rs/argon2') = require('@node-rs/argon2');
    const verify = jest.spyOn(argon2, 'verify');
    try {
      const costOf = async (email: string) => {
        verify.mockClear();
        const started = performance.now();
        expect(codeOf(await attempt(email, 'a wrong guess'))).toBe('SIGN_IN_FAILED');
        return { verifications: verify.mock.calls.length, ms: performance.now() - started };
      };
      const known = await costOf('known@folio.test');
      const unknown = await costOf('nobody@folio.test');
      expect([known.verifications, unknown.verifications]).toEqual([1, 1]);
      // Measured for the record (`--verbose`); equal work is what the assertion above proves.
      console.info(
        `wrong password ${known.ms.toFixed(0)} ms, unknown account ${unknown.ms.toFixed(0)} ms`,
      );
    } finally {
      verify.mockRestore();
    }
  });

  it('locks an account after repeated failures, even for the right password, and says so', async () => {
    const { email } = await createStaffUser(context.db.dataSource, Role.EDITOR);
    for (let i = 0; i < 3; i++) {
      expect(codeOf(await attempt(email, 'wrong password here'))).toBe('SIGN_IN_FAILED');
    }
    const locked = await attempt(email, TEST_PASSWORD);
    expect(locked.errors![0]).toMatchObject({
      message: 'Too many failed sign-ins. Try again in 15 minutes.',
      extensions: { code: 'RATE_LIMITED' },
    });
    expect(locked.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(14 * 60);
    // An email with no account locks the same way, so a lockout reveals nothing.
    for (let i = 0; i < 3; i++) await attempt('ghost@folio.test', 'wrong password here');
    expect(codeOf(await attempt('ghost@folio.test', 'wrong password here'))).toBe('RATE_LIMITED');
  });

  it('a success ends the run of failures; the address limit counts across accounts', async () => {
    const { email } = await createStaffUser(context.db.dataSource, Role.EDITOR);
    for (let i = 0; i < 2; i++) await attempt(email, 'wrong password here');
    await signIn(context.api, email, TEST_PASSWORD);
    for (let i = 0; i < 2; i++) await attempt(email, 'wrong password here');
    await signIn(context.api, email, TEST_PASSWORD); // not locked: the count started again
    // 4 failures so far from this address; 4 more on other accounts reach its limit of 8.
    for (let i = 0; i < 4; i++) await attempt(`other-${i}@folio.test`, 'wrong password here');
    expect(codeOf(await attempt(email, TEST_PASSWORD))).toBe('RATE_LIMITED');
  });

  it('counts failures per forwarded address when the reader site forwards them', async () => {
    const { email } = await createStaffUser(context.db.dataSource, Role.EDITOR);
    const from = (address: string) => ({
      'x-folio-forwarding-secret': 'test-forwarding-secret-0123456789',
      'x-folio-reader-address': address,
    });
    for (let i = 0; i < 8; i++)
      await attempt(`someone-${i}@folio.test`, 'wrong guess', from('203.0.113.9'));
    expect(codeOf(await attempt(email, TEST_PASSWORD, from('203.0.113.9')))).toBe('RATE_LIMITED');
    expect(codeOf(await attempt(email, TEST_PASSWORD, from('198.51.100.4')))).toBe('OK');
  });

  it('refuses a deactivated account with the same message', async () => {
    const { email, user } = await createStaffUser(context.db.dataSource, Role.EDITOR);
    await context.db.dataSource.query(
      `UPDATE staff_users SET deactivated_at = now() WHERE id = $1`,
      [user.id],
    );
    expect((await attempt(email, TEST_PASSWORD)).errors![0]!.message).toBe(
      'The email address or password is wrong.',
    );
  });
});

describe('sessions', () => {
  it('ends a session left idle, and one past its absolute expiry however active', async () => {
    const idle = await sessionFor(context.api, context.db.dataSource, Role.EDITOR);
    const active = await sessionFor(context.api, context.db.dataSource, Role.EDITOR);
    clock.advance(29 * MINUTE);
    expect(codeOf(await context.api.query(ME, {}, active.headers))).toBe('OK');
    expect(codeOf(await context.api.query(ME, {}, idle.headers))).toBe('OK');
    // `idle` was last seen just now too; leave it alone for 31 minutes while `active` works.
    for (let i = 0; i < 2; i++) {
      clock.advance(16 * MINUTE);
      expect(codeOf(await context.api.query(ME, {}, active.headers))).toBe('OK');
    }
    const expired = await context.api.query(ME, {}, idle.headers);
    expect(expired.status).toBe(401);
    expect(expired.errors![0]).toMatchObject({
      message: 'The session has expired or was signed out; sign in again.',
      extensions: { code: 'UNAUTHENTICATED' },
    });
    // Keep `active` busy up to its 8-hour end: then it ends too.
    while (clock.now().getTime() < new Date(active.expiresAt).getTime() - 20 * MINUTE) {
      clock.advance(20 * MINUTE);
      expect(codeOf(await context.api.query(ME, {}, active.headers))).toBe('OK');
    }
    clock.advance(20 * MINUTE);
    expect((await context.api.query(ME, {}, active.headers)).status).toBe(401);
  });

  it('records sign-ins, failed attempts and sign-outs in the audit trail for admins', async () => {
    const { user, email } = await createStaffUser(context.db.dataSource, Role.EDITOR, {
      name: 'Ada Editor',
    });
    const laptop = { 'user-agent': 'Laptop Firefox' };
    await attempt(email, 'not the password at all', laptop);
    await attempt('nobody@folio.test', 'not the password at all', laptop);
    const session = await signIn(context.api, email, TEST_PASSWORD, laptop);
    await context.api.query('mutation { signOut }', {}, session.headers);

    const admin = await sessionFor(context.api, context.db.dataSource, Role.ADMIN, 'Root Admin');
    const { data } = await context.api.query(
      `{ auditEvents(first: 10) { edges { node { action actorId actorName actorUserId targetType targetId details } } } }`,
      {},
      admin.headers,
    );
    const events = data!.auditEvents.edges
      .map((edge: any) => edge.node)
      .filter((node: any) => node.action.startsWith('user.sign'))
      .filter((node: any) => node.actorName !== 'Root Admin')
      .reverse();
    const [sessionRow] = await context.db.dataSource.query(
      'SELECT id FROM staff_sessions WHERE user_id = $1',
      [user.id],
    );
    const anonymous = { actorId: expect.stringMatching(/^address:.+/), actorName: 'anonymous' };
    expect(events).toEqual([
      {
        ...anonymous,
        action: 'user.sign_in_failed',
        actorUserId: null,
        targetType: 'user',
        targetId: user.id,
        details: expect.objectContaining({
          email,
          reason: 'wrong password',
          userAgent: 'Laptop Firefox',
        }),
      },
      {
        ...anonymous,
        action: 'user.sign_in_failed',
        actorUserId: null,
        targetType: 'user',
        targetId: 'unknown',
        details: expect.objectContaining({ email: 'nobody@folio.test', reason: 'unknown email' }),
      },
      {
        action: 'user.sign_in',
        actorId: `user:${user.id}`,
        actorName: 'Ada Editor',
        actorUserId: user.id,
        targetType: 'user',
        targetId: user.id,
        details: expect.objectContaining({ sessionId: sessionRow.id, userAgent: 'Laptop Firefox' }),
      },
      {
        action: 'user.sign_out',
        actorId: `user:${user.id}`,
        actorName: 'Ada Editor',
        actorUserId: user.id,
        targetType: 'user',
        targetId: user.id,
        details: { sessionId: sessionRow.id },
      },
    ]);
    // Neither the password tried nor the session's token is ever written.
    expect(JSON.stringify(events)).not.toContain('not the password at all');
    expect(JSON.stringify(events)).not.toContain(session.token.slice(8));
  });

  it('signs out: the token stops working', async () => {
    const session = await sessionFor(context.api, context.db.dataSource, Role.EDITOR);
    const out = await context.api.query('mutation { signOut }', {}, session.headers);
    expect(out.data!.signOut).toBe(true);
    const after = await context.api.query(CREATE, {}, session.headers);
    expect(after.status).toBe(401);
    expect(codeOf(after)).toBe('UNAUTHENTICATED');
  });

  it('lists the user’s own live sessions and revokes one of them', async () => {
    const { email, password } = await createStaffUser(context.db.dataSource, Role.EDITOR);
    const laptop = await signIn(context.api, email, password, {
      'x-folio-user-agent': 'Laptop Firefox',
    });
    const phone = await signIn(context.api, email, password, { 'user-agent': 'Phone Safari' });
    const someoneElse = await sessionFor(context.api, context.db.dataSource, Role.EDITOR);
    const list = await context.api.query(
      '{ mySessions { id userAgent address current expiresAt idleExpiresAt } }',
      {},
      laptop.headers,
    );
    const sessions = list.data!.mySessions;
    expect(sessions.map((s: any) => [s.userAgent, s.current]).sort()).toEqual([
      ['Laptop Firefox', true],
      ['Phone Safari', false],
    ]);
    expect(sessions[0].address).toBe('127.0.0.1');
    const phoneId = sessions.find((s: any) => !s.current).id;
    // Someone else's session cannot be revoked by id.
    const foreign = await context.api.query(
      `mutation { revokeSession(id: "${phoneId}") }`,
      {},
      someoneElse.headers,
    );
    expect(foreign.data!.revokeSession).toBe(false);
    expect(codeOf(await context.api.query(ME, {}, phone.headers))).toBe('OK');
    const revoked = await context.api.query(
      `mutation { revokeSession(id: "${phoneId}") }`,
      {},
      laptop.headers,
    );
    expect(revoked.data!.revokeSession).toBe(true);
    expect((await context.api.query(ME, {}, phone.headers)).status).toBe(401);
    expect(codeOf(await context.api.query(ME, {}, laptop.headers))).toBe('OK');
  });

  it('changing the password needs the current one and signs out every other session', async () => {
    const { email, password } = await createStaffUser(context.db.dataSource, Role.EDITOR);
    const here = await signIn(context.api, email, password);
    const elsewhere = await signIn(context.api, email, password);
    const change = (current: string, next: string) =>
      context.api.query(
        `mutation ($c: String!, $n: String!) { changePassword(currentPassword: $c, newPassword: $n) { sessionsRevoked user { mustChangePassword } } }`,
        { c: current, n: next },
        here.headers,
      );
    const wrong = await change('not my password', 'a brand new passphrase');
    expect(wrong.errors![0]).toMatchObject({
      message: 'The current password is wrong.',
      extensions: { code: 'BAD_USER_INPUT' },
    });
    // Wrong guesses count towards the account's lockout (3 here): two more and it is locked.
    await change('still not it', 'a brand new passphrase');
    await change('nor this one', 'a brand new passphrase');
    expect(codeOf(await change(password, 'a brand new passphrase'))).toBe('RATE_LIMITED');
    await context.db.dataSource.query('TRUNCATE rate_limits');
    expect((await change(password, 'short')).errors![0]!.message).toBe(
      'The password must have at least 12 characters.',
    );
    expect(codeOf(await context.api.query(ME, {}, elsewhere.headers))).toBe('OK');
    const changed = await change(password, 'a brand new passphrase');
    expect(changed.data!.changePassword).toEqual({
      sessionsRevoked: 1,
      user: { mustChangePassword: false },
    });
    expect((await context.api.query(ME, {}, elsewhere.headers)).status).toBe(401);
    expect(codeOf(await context.api.query(ME, {}, here.headers))).toBe('OK');
    expect(codeOf(await attempt(email, password))).toBe('SIGN_IN_FAILED');
    await signIn(context.api, email, 'a brand new passphrase');
  });

  it('with a one-time password, allows nothing but changing it', async () => {
    const admin = await sessionFor(context.api, context.db.dataSource, Role.ADMIN);
    const created = await context.api.query(
      `mutation { createStaffUser(input: { email: "New@Folio.test", displayName: "Nia New", role: EDITOR }) { oneTimePassword user { email mustChangePassword } } }`,
      {},
      admin.headers,
    );
    const { oneTimePassword, user } = created.data!.createStaffUser;
    expect(user).toEqual({ email: 'new@folio.test', mustChangePassword: true });
    expect(oneTimePassword).toMatch(/^[A-Za-z2-9]{20}$/);
    const session = await signIn(context.api, 'new@folio.test', oneTimePassword);
    expect(session.user.mustChangePassword).toBe(true);
    const refused = await context.api.query(CREATE, {}, session.headers);
    expect(codeOf(refused)).toBe('PASSWORD_CHANGE_REQUIRED');
    await context.api.query(
      `mutation ($c: String!) { changePassword(currentPassword: $c, newPassword: "my own long passphrase") { sessionsRevoked } }`,
      { c: oneTimePassword },
      session.headers,
    );
    expect(codeOf(await context.api.query(CREATE, {}, session.headers))).toBe('OK');
  });
});

describe('roles and the audit trail', () => {
  it('refuses operations the signed-in role does not allow', async () => {
    const moderator = await sessionFor(context.api, context.db.dataSource, Role.MODERATOR);
    const refused = await context.api.query(CREATE, {}, moderator.headers);
    expect(refused.errors![0]).toMatchObject({
      message: 'This needs the editor role; you are signed in as moderator.',
      extensions: { code: 'FORBIDDEN' },
    });
    const editor = await sessionFor(context.api, context.db.dataSource, Role.EDITOR);
    for (const adminOnly of [
      '{ staffUsers { id } }',
      '{ apiTokens { name } }',
      'mutation { createApiToken(name: "x", role: EDITOR) { token } }',
      'mutation { createStaffUser(input: { email: "x@folio.test", displayName: "X", role: ADMIN }) { oneTimePassword } }',
    ]) {
      expect([adminOnly, codeOf(await context.api.query(adminOnly, {}, editor.headers))]).toEqual([
        adminOnly,
        'FORBIDDEN',
      ]);
    }
    expect(
      (await context.db.dataSource.query('SELECT count(*)::int AS n FROM articles'))[0].n,
    ).toBe(0);
  });

  it('names the signed-in user in every audit entry and revision', async () => {
    const editor = await sessionFor(
      context.api,
      context.db.dataSource,
      Role.EDITOR,
      'Grace Writer',
    );
    const created = await context.api.query(CREATE, {}, editor.headers);
    const articleId = created.data!.createArticle.id;
    await context.api.query(
      `mutation { publishArticle(id: "${articleId}") { id } }`,
      {},
      editor.headers,
    );
    const admin = await sessionFor(context.api, context.db.dataSource, Role.ADMIN, 'Root Admin');
    const { data } = await context.api.query(
      `{ auditEvents(first: 10) { edges { node { action actorId actorName actorUserId } } } }`,
      {},
      admin.headers,
    );
    const articleEvents = data!.auditEvents.edges
      .map((e: any) => e.node)
      .filter((node: any) => node.action.startsWith('article.'));
    expect(articleEvents).toEqual([
      {
        action: 'article.publish',
        actorId: `user:${editor.user.id}`,
        actorName: 'Grace Writer',
        actorUserId: editor.user.id,
      },
      {
        action: 'article.create',
        actorId: `user:${editor.user.id}`,
        actorName: 'Grace Writer',
        actorUserId: editor.user.id,
      },
    ]);
    const revisions = await context.api.query(
      `{ articleRevisions(articleId: "${articleId}") { number savedBy savedByUserId } }`,
      {},
      editor.headers,
    );
    expect(revisions.data!.articleRevisions).toEqual([
      { number: 2, savedBy: 'Grace Writer', savedByUserId: editor.user.id },
      { number: 1, savedBy: 'Grace Writer', savedByUserId: editor.user.id },
    ]);
  });

  it('lets admins manage accounts: list, change a role (at once), deactivate (ending sessions)', async () => {
    const admin = await sessionFor(context.api, context.db.dataSource, Role.ADMIN, 'Root Admin');
    const writer = await sessionFor(
      context.api,
      context.db.dataSource,
      Role.MODERATOR,
      'Will Writer',
    );
    const list = await context.api.query('{ staffUsers { displayName role } }', {}, admin.headers);
    expect(list.data!.staffUsers).toEqual([
      { displayName: 'Root Admin', role: 'ADMIN' },
      { displayName: 'Will Writer', role: 'MODERATOR' },
    ]);
    expect(codeOf(await context.api.query(CREATE, {}, writer.headers))).toBe('FORBIDDEN');
    await context.api.query(
      `mutation { setStaffUserRole(id: "${writer.user.id}", role: EDITOR) { role } }`,
      {},
      admin.headers,
    );
    expect(codeOf(await context.api.query(CREATE, {}, writer.headers))).toBe('OK');
    const self = await context.api.query(
      `mutation { deactivateStaffUser(id: "${admin.user.id}") { id } }`,
      {},
      admin.headers,
    );
    expect(self.errors![0]!.message).toBe('You cannot deactivate your own account.');
    const deactivated = await context.api.query(
      `mutation { deactivateStaffUser(id: "${writer.user.id}") { deactivatedAt } }`,
      {},
      admin.headers,
    );
    expect(deactivated.data!.deactivateStaffUser.deactivatedAt).not.toBeNull();
    expect((await context.api.query(ME, {}, writer.headers)).status).toBe(401);
    const { data } = await context.api.query(
      `{ auditEvents(first: 10) { edges { node { action actorName targetId details } } } }`,
      {},
      admin.headers,
    );
    const actions = data!.auditEvents.edges.map((e: any) => e.node.action);
    // (each session above began with a sign-in, recorded too)
    expect(actions.filter((action: string) => action !== 'user.sign_in')).toEqual([
      'user.deactivate',
      'article.create',
      'user.role',
      'user.create',
      'user.create',
    ]);
    expect(data!.auditEvents.edges[0].node).toMatchObject({
      actorName: 'Root Admin',
      targetId: writer.user.id,
      details: { sessionsRevoked: 1 },
    });
  });

  it('lets admins create API tokens for integrations, shown once and working at once', async () => {
    const admin = await sessionFor(context.api, context.db.dataSource, Role.ADMIN, 'Root Admin');
    const created = await context.api.query(
      'mutation { createApiToken(name: "newsletter", role: EDITOR) { token apiToken { name role } } }',
      {},
      admin.headers,
    );
    const { token, apiToken } = created.data!.createApiToken;
    expect(apiToken).toEqual({ name: 'newsletter', role: 'EDITOR' });
    expect(token).toMatch(/^folio_/);
    const used = await context.api.query(CREATE, {}, { authorization: `Bearer ${token}` });
    expect(codeOf(used)).toBe('OK');
    const again = await context.api.query(
      'mutation { createApiToken(name: "newsletter", role: EDITOR) { token } }',
      {},
      admin.headers,
    );
    expect(codeOf(again)).toBe('CONFLICT');
    // A token is not a person: it has no sessions or password.
    const tokenHeaders = await bearerFor(context.db.dataSource, Role.EDITOR);
    expect((await context.api.query(ME, {}, tokenHeaders)).data!.me).toBeNull();
    expect(codeOf(await context.api.query('mutation { signOut }', {}, tokenHeaders))).toBe(
      'FORBIDDEN',
    );
  });
});
