import 'reflect-metadata';
import { GraphQLError } from 'graphql';
import { parseArgs } from 'node:util';
import { ROLES, type Role } from '../modules/auth/role.js';
import { StaffUserService } from '../modules/staff/staff-user.service.js';
import { withCliDatabase } from './database-url.js';

const USAGE = `Usage: npm run user:create -- --email <address> --name "<display name>" --role <${ROLES.join('|')}> [--password-stdin]

Creates a Folio Studio account. Prints a one-time password, which must be changed at the first
sign-in; with --password-stdin, reads the password (at least 12 characters) from standard input
instead, e.g. printf '%s' "$PASSWORD" | npm run user:create -- ... --password-stdin`;

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // One trailing newline (echo, a here-string) is not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

async function run(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const role = values.role as Role | undefined;
  if (!values.email || !values.name || !role || !ROLES.includes(role)) {
    console.error(USAGE);
    return 2;
  }
  const password = values['password-stdin'] ? await readStdin() : null;
  return withCliDatabase(async (dataSource) => {
    try {
      const { user, oneTimePassword } = await new StaffUserService(dataSource).create(
        { email: values.email!, displayName: values.name!, role, password },
        null,
      );
      console.error(`Created the ${user.role} account ${user.email} (${user.displayName}).`);
      if (oneTimePassword) {
        console.error(
          'Its one-time password is shown once; it must be changed at the first sign-in:',
        );
        console.log(oneTimePassword);
      }
      return 0;
    } catch (error) {
      // Bad input or an email already in use: say what, without a stack trace.
      if (!(error instanceof GraphQLError)) throw error;
      console.error(error.message);
      return 1;
    }
  });
}

run().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
