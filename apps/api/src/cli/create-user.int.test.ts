import { Readable } from 'node:stream';
import { useApiTestContext } from '../../test/api-test-context.js';
import { signIn } from '../../test/staff.js';
import { createUserCommand } from './create-user.js';

const context = useApiTestContext();
beforeEach(() => context.db.reset());

/** Runs `npm run user:create -- <args>` against the test file's database. */
async function run(args: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = (context.db.dataSource.options as { url: string }).url;
  try {
    const code = await createUserCommand(args, {
      stdin: Readable.from(stdin ? [Buffer.from(stdin)] : []),
      out: (line) => out.push(line),
      err: (line) => err.push(line),
    });
    return { code, out: out.join('\n'), err: err.join('\n') };
  } finally {
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
  }
}

describe('npm run user:create', () => {
  it('creates the first admin and prints a one-time password that must be changed', async () => {
    const result = await run([
      '--email',
      'Root@Example.org',
      '--name',
      'Rosa Root',
      '--role',
      'admin',
    ]);
    expect(result.code).toBe(0);
    expect(result.out).toMatch(/^[A-Za-z2-9]{20}$/); // stdout holds only the password
    expect(result.err).toMatch(/Created the admin account root@example\.org \(Rosa Root\)/);
    const session = await signIn(context.api, 'root@example.org', result.out);
    expect(session.user).toMatchObject({ role: 'ADMIN', mustChangePassword: true });
    const refused = await context.api.query('{ staffUsers { id } }', {}, session.headers);
    expect(refused.errors![0]!.extensions!.code).toBe('PASSWORD_CHANGE_REQUIRED');
  });

  it('reads a password from standard input with --password-stdin', async () => {
    const result = await run(
      ['--email', 'ed@example.org', '--name', 'Ed', '--role', 'editor', '--password-stdin'],
      'a long enough passphrase\n',
    );
    expect(result).toMatchObject({ code: 0, out: '' });
    const session = await signIn(context.api, 'ed@example.org', 'a long enough passphrase');
    expect(session.user).toMatchObject({ role: 'EDITOR', mustChangePassword: false });
  });

  it('says what is wrong and creates nothing', async () => {
    expect((await run(['--email', 'x@example.org', '--name', 'X', '--role', 'boss'])).code).toBe(2);
    const short = await run(
      ['--email', 'x@example.org', '--name', 'X', '--role', 'editor', '--password-stdin'],
      'short',
    );
    expect(short).toMatchObject({ code: 1, err: 'The password must have at least 12 characters.' });
    const bad = await run(['--email', 'not-an-email', '--name', 'X', '--role', 'editor']);
    expect(bad).toMatchObject({ code: 1, err: '"not-an-email" is not an email address.' });
    expect(
      (await context.db.dataSource.query('SELECT count(*)::int AS n FROM staff_users'))[0].n,
    ).toBe(0);
    await run(['--email', 'x@example.org', '--name', 'X', '--role', 'editor']);
    const again = await run(['--email', 'X@example.org', '--name', 'Y', '--role', 'admin']);
    expect(again).toMatchObject({
      code: 1,
      err: 'An account with the email address x@example.org already exists.',
    });
  });
});
