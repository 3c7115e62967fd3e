import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Express } from 'express';
import type { DataSource } from 'typeorm';
import type { Env } from './env.js';
import { maskInternalErrors } from './errors/mask-internal-errors.js';
import { createLoaders, type Context } from './graphql/context.js';
import { buildFolioSchema } from './graphql/schema.js';
import type { Logger } from './logger.js';

export const BODY_LIMIT = '100kb';

export interface ServerDeps {
  dataSource: DataSource;
  env: Pick<Env, 'NODE_ENV'>;
  logger: Logger;
}

export interface FolioServer {
  app: Express;
  apollo: ApolloServer<Context>;
}

/** The express app with Apollo mounted at /graphql. It never listens by itself. */
export async function createServer({ dataSource, env, logger }: ServerDeps): Promise<FolioServer> {
  const production = env.NODE_ENV === 'production';
  const apollo = new ApolloServer<Context>({
    schema: await buildFolioSchema(dataSource),
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    formatError: maskInternalErrors(logger),
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
  });
  await apollo.start();

  const app = express();
  app.disable('x-powered-by');
  app.get('/health/live', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/health/ready', async (_req, res) => {
    try {
      await dataSource.query('SELECT 1');
      res.json({ status: 'ok' });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  });
  app.use(
    '/graphql',
    express.json({ limit: BODY_LIMIT }),
    expressMiddleware(apollo, {
      context: async (): Promise<Context> => ({ loaders: createLoaders(dataSource) }),
    }),
  );
  app.use(jsonErrors(logger));
  return { app, apollo };
}

/** Body-parser and other HTTP-level failures as JSON, with their status (413, 400, 415). */
function jsonErrors(logger: Logger): ErrorRequestHandler {
  return (error, _req, res, _next) => {
    const status = typeof error?.status === 'number' && error.status < 500 ? error.status : 500;
    if (status === 500) logger.error({ err: error }, 'unhandled HTTP error');
    const message =
      status === 413
        ? `Request body too large; the limit is ${BODY_LIMIT}.`
        : status === 500
          ? 'Internal server error'
          : String(error.message ?? 'Bad request');
    res
      .status(status)
      .json({
        errors: [
          {
            message,
            extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' },
          },
        ],
      });
  };
}
