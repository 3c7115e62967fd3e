import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import express, { type ErrorRequestHandler, type Express, type Request } from 'express';
import type { DataSource } from 'typeorm';
import type { Env } from './env.js';
import { UnauthenticatedError } from './errors/api-errors.js';
import { formatApiError } from './errors/format-api-error.js';
import { createArmor, QUERY_LIMITS } from './graphql/armor.js';
import { createLoaders, type Context } from './graphql/context.js';
import { buildFolioSchema, type SchemaEnv } from './graphql/schema.js';
import type { Logger } from './logger.js';
import { ApiTokenService } from './modules/auth/api-token.service.js';
import type { Viewer } from './modules/auth/viewer.js';
import { clientAddress } from './modules/reports/reporter-identity.js';

export const BODY_LIMIT = '100kb';

export type ServerEnv = Pick<Env, 'NODE_ENV' | 'FORWARDED_ADDRESS_SECRET'> & SchemaEnv;

export interface ServerDeps {
  dataSource: DataSource;
  env: ServerEnv;
  logger: Logger;
}

export interface FolioServer {
  app: Express;
  apollo: ApolloServer<Context>;
}

/** The express app with Apollo mounted at /graphql. It never listens by itself. */
export async function createServer({ dataSource, env, logger }: ServerDeps): Promise<FolioServer> {
  const production = env.NODE_ENV === 'production';
  const armor = createArmor(production);
  const apollo = new ApolloServer<Context>({
    schema: await buildFolioSchema({ dataSource, env }),
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    formatError: formatApiError(logger),
    csrfPrevention: true,
    allowBatchedHttpRequests: false,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    plugins: [...armor.plugins],
    validationRules: [...armor.validationRules],
  });
  await apollo.start();
  const tokens = new ApiTokenService(dataSource);

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
      context: async ({ req }): Promise<Context> => ({
        viewer: await viewerOf(req, tokens),
        clientAddress: clientAddress(req, env.FORWARDED_ADDRESS_SECRET),
        loaders: createLoaders(dataSource),
      }),
    }),
  );
  app.use(jsonErrors(logger));
  return { app, apollo };
}

/** No Authorization header: anonymous. A header that is not a live token: refused, not ignored. */
async function viewerOf(req: Request, tokens: ApiTokenService): Promise<Viewer | null> {
  const header = req.headers.authorization;
  if (header === undefined) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header);
  const viewer = match ? await tokens.authenticate(match[1]!) : null;
  if (!viewer) throw new UnauthenticatedError('The API token is malformed, unknown or revoked.');
  return viewer;
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
    res.status(status).json({
      errors: [
        { message, extensions: { code: status === 500 ? 'INTERNAL_SERVER_ERROR' : 'BAD_REQUEST' } },
      ],
    });
  };
}
