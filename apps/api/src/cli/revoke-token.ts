import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { ApiTokenService } from '../modules/auth/api-token.service.js';
import { withCliDatabase } from './database-url.js';

async function run(): Promise<number> {
  const { values } = parseArgs({ options: { name: { type: 'string' } } });
  const name = values.name;
  if (!name) {
    console.error('Usage: npm run token:revoke -- --name <name>');
    return 2;
  }
  return withCliDatabase(async (dataSource) => {
    const revoked = await new ApiTokenService(dataSource).revoke(name, null);
    console.log(revoked ? `Revoked "${name}".` : `No live token is named "${name}".`);
    return revoked ? 0 : 1;
  });
}

run().then((code) => process.exit(code));
