import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../../test/test-database.js';
import { captureLogs } from '../../../test/captured-logs.js';
import { Article } from '../articles/article.entity.js';
import { seedIfEmpty } from './seed.js';

// The sample content `npm start` and docker-compose load on a first start.
const contentDir = path.join(__dirname, '../../../../../content');

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db?.drop());

describe('seeding sample content', () => {
  it('loads every sample article into an empty database, published, and leaves a database with articles alone', async () => {
    const logs = captureLogs();
    const articles = db.dataSource.getRepository(Article);

    await seedIfEmpty(db.dataSource, contentDir, logs.logger);
    const seeded = await articles.find({ select: { slug: true, status: true } });
    expect(seeded.length).toBeGreaterThanOrEqual(8);
    expect(new Set(seeded.map((a) => a.status))).toEqual(new Set(['published']));
    expect(logs.lines).toEqual([]); // no sample article refused

    await articles.delete({ slug: seeded[0]!.slug });
    await seedIfEmpty(db.dataSource, contentDir, logs.logger);
    expect(await articles.count()).toBe(seeded.length - 1);
  });
});
