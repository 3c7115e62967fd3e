import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createDataSource } from '../db/data-source.js';
import { ApiTokenService, TokenNameTakenError } from '../modules/auth/api-token.service.js';
import { ROLES, type Role } from '../modules/auth/role.js';
import { cliDatabaseUrl, explainConnectionFailure } from './database-url.js';

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
  const url = cliDatabaseUrl();
  const dataSource = createDataSource({ url, poolMax: 1 });
  try {
    await dataSource.initialize();
  } catch (error) {
    console.error(explainConnectionFailure(url, error));
    return 1;
  }
  try {
    await dataSource.runMigrations({ transaction: 'each' });
    const { token } = await new ApiTokenService(dataSource).create(name, role);
    console.error(`Created the ${role} token "${name}". It is shown once; store it now:`);
    console.log(token);
    return 0;
  } catch (error) {
    if (error instanceof TokenNameTakenError) {
      console.error(
        `${error.message}; pick another name or revoke it with npm run token:revoke -- --name ${name}`,
      );
      return 1;
    }
    throw error;
  } finally {
    await dataSource.destroy();
  }
}

run().then((code) => process.exit(code));
