import 'reflect-metadata';
import { withCliDatabase } from './database-url.js';

/** `npm run migrate -w @folio/api`: applies pending migrations and lists them. */
void withCliDatabase(
  async (dataSource) => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    console.log(
      applied.length
        ? applied.map((m) => `applied ${m.name}`).join('\n')
        : 'database is up to date',
    );
    return 0;
  },
  { migrate: false },
).then((code) => process.exit(code));
