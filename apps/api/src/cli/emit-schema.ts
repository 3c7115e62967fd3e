import 'reflect-metadata';
import { writeFile } from 'node:fs/promises';
import { schemaFilePath } from '@folio/schema';
import { printSortedSchema } from '../app-modules.js';

/** Writes packages/schema/schema.graphql from the resolvers (`npm run schema:emit`). */
async function emit(): Promise<void> {
  await writeFile(schemaFilePath, await printSortedSchema());
  console.log(`wrote ${schemaFilePath}`);
}

void emit();
