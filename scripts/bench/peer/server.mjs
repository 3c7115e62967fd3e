// PostGraphile 5 over the bench's database: the bench's peer for W1 and W2 (an auto-generated
// GraphQL API over the same tables, as an integrator would deploy it). Started by ../peer.mjs on
// Node 22 with DATABASE_URL and PORT; says 'ready' over IPC once it listens.
import { createServer } from 'node:http';
import { postgraphile } from 'postgraphile';
import { makePgService } from 'postgraphile/adaptors/pg';
import { grafserv } from 'postgraphile/grafserv/node';
import { PostGraphileAmberPreset } from 'postgraphile/presets/amber';

/** @type {GraphileConfig.Preset} */
const preset = {
  extends: [PostGraphileAmberPreset],
  pgServices: [
    makePgService({
      connectionString: process.env.DATABASE_URL,
      schemas: ['public'],
      // the same pool size as the bare baseline
      poolConfig: { max: 10 },
    }),
  ],
  // Order and filter by any column, as V4's --no-ignore-indexes did: the articles' only ordering
  // index is partial (published ones), which PostGraphile does not count as an index.
  disablePlugins: ['PgIndexBehaviorsPlugin'],
  grafserv: { graphiql: false, watch: false },
  grafast: { explain: false },
};

const pgl = postgraphile(preset);
const serv = pgl.createServ(grafserv);
const server = createServer();
await serv.addTo(server);
server.listen(Number(process.env.PORT), '127.0.0.1', () => process.send?.('ready'));
process.on('SIGTERM', () => server.close(() => pgl.release().then(() => process.exit(0))));
