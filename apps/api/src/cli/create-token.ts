import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ApiTokenService, TokenNameTakenError } from '../modules/auth/api-token.service.js';
import { ROLES, type Role } from '../modules/auth/role.js';
import { withCliDatabase } from './database-url.js';

const USAGE = `Usage: npm run token:create -- --name <name> --role <${ROLES.join('|')}>

Prints a new API token once; only its sha-256 is stored. Send it as "Authorization: Bearer <token>".`;

async function run(): Promise<number> {
  const { values } = parseArgs({ options: { name: { type: 'string' }, role: { type: 'string' } } });
  const name = values.name?.trim();
  const role = values.role as Role | undefined;
  if (!name || name.length > 100 || !role || !ROLES.includes(role)) {
    console.error(USAGE);
    return 2;
  }
  return withCliDatabase(async (dataSource) => {
    try {
      const { token } = await new ApiTokenService(dataSource).create(name, role);
      console.error(`Created the ${role} token "${name}". It is shown once; store it now:`);
      console.log(token);
      return 0;
    } catch (error) {
      if (!(error instanceof TokenNameTakenError)) throw error;
      console.error(
        `${error.message}; pick another name or revoke it with npm run token:revoke -- --name ${name}`,
      );
      return 1;
    }
  });
}

run().then((code) => process.exit(code));
