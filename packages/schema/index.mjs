import { fileURLToPath } from 'node:url';

/** Where the committed schema lives. */
export const schemaFilePath = fileURLToPath(new URL('./schema.graphql', import.meta.url));
