import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { CONTENT_CHANGES_ACK_PATH, CONTENT_CHANGES_PATH } from '@folio/contract';
import { createHttpLogger } from '@folio/server-kit';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { RequestListener } from 'node:http';
import type { DataSource } from 'typeorm';
import type { Env } from './env.js';
import { ContentChangeListener } from './cache/content-change-listener.js';
import { ContentChangeStream } from './cache/content-change-stream.js';
import { announceContentMutations } from './cache/content-mutations.plugin.js';
import { ContentVersion } from './cache/content-version.js';
import { responseCachePlugins } from './cache/response-cache.js';
import { formatApiError } from './errors/format-api-error.js';
import { createArmor, QUERY_LIMITS } from './graphql/armor.js';
import { compiledExecutionGateway } from './graphql/compiled-executor.js';
import type { Context } from './graphql/context.js';
import { queryLimitsPlugin } from './graphql/query-limits.plugin.js';
import { requestDeadlinePlugin } from './graphql/request-deadline.plugin.js';
import { buildFolioSchema, createRequestContext, type SchemaEnv } from './app-modules.js';
import type { Logger } from './logger.js';
import { clientAddress } from './http/forwarded-identity.js';
import { createFrontHandler } from './http/front-handler.js';
import { createGraphQLHandler } from './http/graphql-handler.js';
import { BODY_LIMIT, writeHttpFailure } from './http/json-errors.js';
import type { Clock } from './modules/moderation/clock.js';

export { BODY_LIMIT };

export type ServerEnv = Pick<
  Env,
  | 'NODE_ENV'
  | 'FORWARDED_ADDRESS_SECRET'
  | 'RESPONSE_CACHE_MB'
  | 'REQUEST_DEADLINE_SECONDS'
  | 'GRAPHQL_EXECUTOR'
> &
  SchemaEnv;

export interface ServerDeps {
  dataSource: DataSource;
  env: ServerEnv;
  logger: Logger;
  /** Moderation's, sessions' and previews' clock; the system clock unless a test injects one. */
  clock?: Clock;
}

export interface FolioServer {
  /** What the HTTP server runs: /graphql on Node's request and response, the rest via `app`. */
  handler: RequestListener;
  /** Health, content changes and 404s; never /graphql. */
  app: Express;
  apollo: ApolloServer<Context>;
  /** On SIGTERM: readiness answers 503 so load balancers stop sending traffic. */
  lifecycle: { shuttingDown: boolean };
  /** Ends long-lived responses (content change streams) so draining can finish. */
  closeStreams(): void;
  /** Stops Apollo and releases the services' resources; the data source is the caller's. */
  stop(): Promise<void>;
}

/** The API's request handler (Apollo at /graphql, express for the rest). It never listens by itself. */
export async function createServer({
  dataSource,
  env,
  logger,
  clock,
}: ServerDeps): Promise<FolioServer> {
  const production = env.NODE_ENV === 'production';
  const armor = createArmor(production);
  const folioSchema = await buildFolioSchema({ dataSource, env, clock });
  // Content changes are tracked whether or not this API caches: the reader's page cache
  // follows them through /content-changes.
  const contentVersion = new ContentVersion();
  const changeListener = new ContentChangeListener(dataSource, contentVersion, logger);
  await changeListener.start();
  const changeStream = new ContentChangeStream(
    contentVersion,
    env.FORWARDED_ADDRESS_SECRET,
    logger,
  );
  const cacheEnabled = env.RESPONSE_CACHE_MB > 0;
  const apollo = new ApolloServer<Context>({
    // Compiled execution keeps Apollo's pipeline and plugins and replaces only graphql-js's
    // execute for queries (see graphql/compiled-executor.ts).
    ...(env.GRAPHQL_EXECUTOR === 'compiled'
      ? { gateway: compiledExecutionGateway(folioSchema.schema) }
      : { schema: folioSchema.schema }),
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    formatError: formatApiError(logger),
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    // main.ts drains HTTP first and stops Apollo after; Apollo's own SIGTERM handler would stop
    // it while requests are still in flight.
    stopOnTerminationSignals: false,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    plugins: [
      ...armor.plugins,
      // Checked once the operation is known, before the response cache is consulted: a refused
      // operation is refused even when an answer to it is cached.
      queryLimitsPlugin(),
      requestDeadlinePlugin(env.REQUEST_DEADLINE_SECONDS * 1000),
      ...(cacheEnabled
        ? responseCachePlugins(contentVersion, env.RESPONSE_CACHE_MB)
        : [ApolloServerPluginCacheControlDisabled()]),
      announceContentMutations(contentVersion, changeStream),
    ],
    validationRules: [...armor.validationRules],
  });
  await apollo.start();
  const requestContext = createRequestContext({ dataSource, env, clock }, (req) =>
    clientAddress(req, env.FORWARDED_ADDRESS_SECRET),
  );

  const lifecycle = { shuttingDown: false };

  const app = express();
  app.disable('x-powered-by');
  // GraphQL answers POSTs: an ETag (a hash of every response body) would never be used.
  app.set('etag', false);
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', async (_req, res) => {
    if (lifecycle.shuttingDown) {
      res.status(503).json({ status: 'shutting down' });
      return;
    }
    try {
      await dataSource.query('SELECT 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
  app.get(CONTENT_CHANGES_PATH, changeStream.subscribe);
  app.post(CONTENT_CHANGES_ACK_PATH, express.json({ limit: '1kb' }), changeStream.acknowledge);
  app.use(jsonErrors(logger));
  const graphql = createGraphQLHandler({
    apollo,
    logger,
    context: (req) => requestContext(req, contentVersion.current),
  });
  const handler = createFrontHandler({
    // The reader passes its request id on, so one page's logs line up across both services.
    httpLogger: createHttpLogger({
      logger,
      ignore: (req) => req.url?.startsWith('/health') ?? false,
    }),
    graphql,
    rest: app,
  });
  return {
    handler,
    app,
    apollo,
    lifecycle,
    closeStreams: () => changeStream.closeAll(),
    stop: async () => {
      changeStream.closeAll();
      await changeListener.stop();
      await apollo.stop();
      await folioSchema.close();
    },
  };
}

/** Body-parser and other HTTP-level failures as JSON, with their status (413, 400, 415). */
function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => writeHttpFailure(res, error, logger);
}
