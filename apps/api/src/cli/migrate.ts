import 'reflect-metadata';
import { createDataSource } from '../db/data-source.js';
import { cliDatabaseUrl, explainConnectionFailure } from './database-url.js';

/** `npm run migrate -w @folio/api`: applies pending migrations and lists them. */
async function migrate(): Promise<void> {
  const url = cliDatabaseUrl();
  const dataSource = createDataSource({ url, poolMax: 1 });
  try {
    await dataSource.initialize();
  } catch (error) {
    console.error(explainConnectionFailure(url, error));
    process.exit(1);
  }
  const applied = await dataSource.runMigrations({ transaction: 'each' });
  console.log(
    applied.length ? applied.map((m) => `applied ${m.name}`).join('\n') : 'database is up to date',
  );
  await dataSource.destroy();
}

void migrate();
