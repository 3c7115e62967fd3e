import { readFile } from 'node:fs/promises';
import { schemaFilePath } from '@folio/schema';
import { printSortedSchema } from './app-modules.js';

it('matches the committed packages/schema/schema.graphql (run `npm run schema:emit` after changing the API)', async () => {
  expect(await readFile(schemaFilePath, 'utf8')).toBe(await printSortedSchema());
});
