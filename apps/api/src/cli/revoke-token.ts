import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { createDataSource } from '../db/data-source.js';
import { ApiTokenService } from '../modules/auth/api-token.service.js';
import { cliDatabaseUrl, explainConnectionFailure } from './database-url.js';

async function run(): Promise<number> {
  const { values } = parseArgs({ options: { name: { type: 'string' } } });
  if (!values.name) {
    console.error('Usage: npm run token:revoke -- --name <name>');
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
    const revoked = await new ApiTokenService(dataSource).revoke(values.name, null);
    console.log(revoked ? `Revoked "${values.name}".` : `No live token is named "${values.name}".`);
    return revoked ? 0 : 1;
  } finally {
    await dataSource.destroy();
  }
}

run().then((code) => process.exit(code));
