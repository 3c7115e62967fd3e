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

export interface CommandIo {
  stdin: AsyncIterable<Buffer | string>;
  /** Standard output: only the one-time password goes there, so scripts can capture it. */
  out(line: string): void;
  err(line: string): void;
}

async function readAll(stdin: CommandIo['stdin']): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.from(chunk));
  // One trailing newline (echo, a here-string) is not part of the password.
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

/** The command itself, apart from the process, so a test can run it. */
export async function createUserCommand(args: string[], io: CommandIo): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
        'password-stdin': { type: 'boolean' },
      },
    }));
  } catch (error) {
    io.err(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const role = values.role as Role | undefined;
  if (!values.email || !values.name || !role || !ROLES.includes(role)) {
    io.err(USAGE);
    return 2;
  }
  const password = values['password-stdin'] ? await readAll(io.stdin) : null;
  return withCliDatabase(async (dataSource) => {
    try {
      const { user, oneTimePassword } = await new StaffUserService(dataSource).create(
        { email: values.email!, displayName: values.name!, role, password },
        null,
      );
      io.err(`Created the ${user.role} account ${user.email} (${user.displayName}).`);
      if (oneTimePassword) {
        io.err('Its one-time password is shown once; it must be changed at the first sign-in:');
        io.out(oneTimePassword);
      }
      return 0;
    } catch (error) {
      // Bad input or an email already in use: say what, without a stack trace.
      if (!(error instanceof GraphQLError)) throw error;
      io.err(error.message);
      return 1;
    }
  });
}

if (require.main === module) {
  createUserCommand(process.argv.slice(2), {
    stdin: process.stdin,
    out: (line) => console.log(line),
    err: (line) => console.error(line),
  }).then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
