import 'reflect-metadata';
import type { ContainerType } from 'type-graphql';
import type { IncomingMessage } from 'node:http';
import type { DataSource } from 'typeorm';
import { createDataSource, type DataSourceOptions } from './db/data-source.js';
import type { Env } from './env.js';
import { buildGraphQLSchema, printSortedSchema as printSorted } from './graphql/schema.js';
import type { GraphQLSchema } from 'graphql';
import type { Context } from './graphql/context.js';
import { installPlainFieldResolvers } from './graphql/plain-field-resolvers.js';
import { Article } from './modules/articles/article.entity.js';
import { articleFields } from './modules/articles/article-fields.js';
import { createLoaders, type Loaders } from './modules/articles/article.loaders.js';
import { ArticleResolver } from './modules/articles/article.resolver.js';
import { ArticleService } from './modules/articles/article.service.js';
import { AuditEvent } from './modules/audit/audit-event.entity.js';
import { AuditResolver } from './modules/audit/audit.resolver.js';
import { AuditService } from './modules/audit/audit.service.js';
import { ApiToken } from './modules/auth/api-token.entity.js';
import { ApiTokenResolver } from './modules/auth/api-token.resolver.js';
import { ApiTokenService } from './modules/auth/api-token.service.js';
import { authChecker } from './modules/auth/auth-checker.js';
import type { Viewer } from './modules/auth/viewer.js';
import { userAgentOf, viewerOf } from './modules/auth/request-viewer.js';
import { ArticleRevision } from './modules/editorial/article-revision.entity.js';
import { EditorialResolver } from './modules/editorial/editorial.resolver.js';
import { EditorialService } from './modules/editorial/editorial.service.js';
import { ModerationResolver } from './modules/moderation/moderation.resolver.js';
import { AppealResolver } from './modules/moderation/appeal.resolver.js';
import { AppealService } from './modules/moderation/appeal.service.js';
import { systemClock, type Clock } from './modules/moderation/clock.js';
import { ModerationQueueService } from './modules/moderation/moderation-queue.service.js';
import { ModerationService } from './modules/moderation/moderation.service.js';
import { TransparencyService } from './modules/moderation/transparency.service.js';
import { Report } from './modules/reports/report.entity.js';
import { ReportResolver } from './modules/reports/report.resolver.js';
import { ReportService } from './modules/reports/report.service.js';
import { SearchResolver } from './modules/search/search.resolver.js';
import { SearchService } from './modules/search/search.service.js';
import { Section } from './modules/sections/section.entity.js';
import { resolveBlocksAtOnce } from './modules/sections/block.types.js';
import { Tag } from './modules/tags/tag.entity.js';
import { TagResolver } from './modules/tags/tag.resolver.js';
import { TagService } from './modules/tags/tag.service.js';
import { PreviewLinkRecord } from './modules/previews/preview-link.entity.js';
import { PreviewResolver } from './modules/previews/preview.resolver.js';
import { createPreviewResolver, type PreviewEnv } from './modules/previews/previews.module.js';
import {
  createStudioEditorialResolvers,
  studioEditorialResolvers,
} from './modules/editorial/editorial.module.js';
import { StaffSession } from './modules/staff/staff-session.entity.js';
import { StaffUser } from './modules/staff/staff-user.entity.js';
import { SessionService } from './modules/staff/session.service.js';
import {
  createStaffResolvers,
  sessionPolicy,
  staffResolvers,
  type StaffEnv,
} from './modules/staff/staff.module.js';
import { WebhookEndpoint } from './modules/webhooks/webhook-endpoint.entity.js';
import { endpointPolicyFor } from './modules/webhooks/webhook-runtime.js';
import { WebhookResolver } from './modules/webhooks/webhook.resolver.js';
import { WebhookService } from './modules/webhooks/webhook.service.js';

// The composition root: the one file that lists the API's modules (their entities and
// resolvers) and wires services into resolvers. Everything below it (graphql/, db/, errors/,
// the modules themselves) is told what to use; nothing below imports it. A new module is
// added here, in both lists, and nowhere else.

/** Every TypeORM entity; db/data-source.ts takes this list rather than naming modules. */
export const entities = [
  Article,
  Section,
  Tag,
  ApiToken,
  ArticleRevision,
  Report,
  AuditEvent,
  StaffUser,
  StaffSession,
  PreviewLinkRecord,
  WebhookEndpoint,
];

export const resolvers = [
  ArticleResolver,
  SearchResolver,
  TagResolver,
  ReportResolver,
  EditorialResolver,
  ModerationResolver,
  AppealResolver,
  AuditResolver,
  ApiTokenResolver,
  ...staffResolvers,
  PreviewResolver,
  ...studioEditorialResolvers,
  WebhookResolver,
] as const;

/** The database of this app: its entities and migrations, with the caller's connection. */
export function createAppDataSource(options: Omit<DataSourceOptions, 'entities'>): DataSource {
  return createDataSource({ ...options, entities });
}

export type SchemaEnv = Pick<
  Env,
  | 'REPORTER_KEY_SECRET'
  | 'REPORT_RATE_LIMIT'
  | 'REPORT_RATE_WINDOW_SECONDS'
  | 'REPORT_REVIEW_THRESHOLD'
  | 'REPORT_REVIEW_WINDOW_SECONDS'
  | 'REPORT_BURST_SECONDS'
  | 'REPORT_REPORTERS_PER_NETWORK_MAX'
  | 'REPORT_AUTO_HIDE_PER_HOUR'
  | 'REPORT_BATCH_MAX'
  | 'REPORT_QUEUE_MAX'
  | 'REPORT_BATCHES_IN_FLIGHT'
  | 'NODE_ENV'
  | 'WEBHOOK_ALLOW_PRIVATE'
> &
  StaffEnv &
  PreviewEnv;

export interface SchemaDeps {
  dataSource: DataSource;
  env: SchemaEnv;
  /** Moderation's time (report windows, appeal deadlines), sessions' and preview links' expiry; tests pass a manual clock. */
  clock?: Clock;
}

/** Wires services into resolvers by hand: a map is all the container this app needs. */
function createContainer(
  deps: SchemaDeps | null,
  closers: Array<() => Promise<void>>,
): ContainerType {
  const instances = new Map<unknown, unknown>();
  if (deps) {
    const { dataSource, env, clock = systemClock } = deps;
    const reports = new ReportService(
      dataSource,
      {
        rateLimit: env.REPORT_RATE_LIMIT,
        rateWindowSeconds: env.REPORT_RATE_WINDOW_SECONDS,
        threshold: env.REPORT_REVIEW_THRESHOLD,
        windowSeconds: env.REPORT_REVIEW_WINDOW_SECONDS,
        burstSeconds: env.REPORT_BURST_SECONDS,
        reportersPerNetworkMax: env.REPORT_REPORTERS_PER_NETWORK_MAX,
        autoHidesPerHour: env.REPORT_AUTO_HIDE_PER_HOUR,
      },
      clock,
      {
        maxBatch: env.REPORT_BATCH_MAX,
        maxQueue: env.REPORT_QUEUE_MAX,
        maxInFlight: env.REPORT_BATCHES_IN_FLIGHT,
      },
    );
    closers.push(() => reports.close());
    instances.set(ArticleResolver, new ArticleResolver(new ArticleService(dataSource)));
    instances.set(SearchResolver, new SearchResolver(new SearchService(dataSource)));
    instances.set(TagResolver, new TagResolver(new TagService(dataSource)));
    instances.set(ReportResolver, new ReportResolver(reports, env.REPORTER_KEY_SECRET));
    instances.set(EditorialResolver, new EditorialResolver(new EditorialService(dataSource)));
    instances.set(
      ModerationResolver,
      new ModerationResolver(
        new ModerationService(dataSource, clock),
        new ModerationQueueService(dataSource),
        new TransparencyService(dataSource),
      ),
    );
    instances.set(
      AppealResolver,
      new AppealResolver(new AppealService(dataSource, clock), reports),
    );
    instances.set(AuditResolver, new AuditResolver(new AuditService(dataSource)));
    instances.set(ApiTokenResolver, new ApiTokenResolver(new ApiTokenService(dataSource)));
    for (const [key, instance] of createStaffResolvers(dataSource, env, clock, closers))
      instances.set(key, instance);
    instances.set(...createPreviewResolver(dataSource, env, clock));
    for (const [key, instance] of createStudioEditorialResolvers(dataSource))
      instances.set(key, instance);
    instances.set(
      WebhookResolver,
      new WebhookResolver(new WebhookService(dataSource, endpointPolicyFor(env))),
    );
  }
  return {
    get(someClass) {
      const instance = instances.get(someClass);
      if (!instance)
        throw new Error(
          `No instance registered for ${String((someClass as { name?: string }).name)}`,
        );
      return instance;
    },
  };
}

export interface FolioSchema {
  schema: GraphQLSchema;
  /** Releases what the services hold beyond the data source (commits the queued reports). */
  close(): Promise<void>;
}

/** The executable schema; with no dependencies it can only be printed. */
export async function buildFolioSchema(deps: SchemaDeps | null): Promise<FolioSchema> {
  const closers: Array<() => Promise<void>> = [];
  const schema = await buildGraphQLSchema({
    resolvers,
    container: createContainer(deps, closers),
    authChecker,
  });
  installPlainFieldResolvers(schema, articleFields);
  resolveBlocksAtOnce(schema);
  return { schema, close: async () => void (await Promise.all(closers.map((close) => close()))) };
}

/** The schema as committed in packages/schema (`npm run schema:emit` writes it). */
export async function printSortedSchema(): Promise<string> {
  return printSorted((await buildFolioSchema(null)).schema);
}

/** What every request's context shares: the database, and how the HTTP edge finds an address. */
interface ContextServices {
  dataSource: DataSource;
  /** The reader's address (see http/forwarded-identity.ts). */
  clientAddress: (req: IncomingMessage) => string;
}

/**
 * One request's context. What only some requests need is made on first use: the batching
 * loaders (most reads are one SQL document and use none), the User-Agent (staff sessions), the
 * client's address (reports' rate limits). Reading an article makes none of them.
 */
class RequestContext {
  viewer: Viewer | null = null;
  private madeLoaders: Loaders | undefined;
  private foundUserAgent: string | null | undefined;
  private foundAddress: string | undefined;

  constructor(
    private readonly req: IncomingMessage,
    private readonly services: ContextServices,
    readonly contentVersion: number,
  ) {
    // Read while the connection is surely open: Node remembers it, and a socket that closed
    // before anyone asked could no longer say whose it was.
    void req.socket.remoteAddress;
  }

  get loaders(): Loaders {
    return (this.madeLoaders ??= createLoaders(this.services.dataSource));
  }

  get userAgent(): string | null {
    if (this.foundUserAgent === undefined) this.foundUserAgent = userAgentOf(this.req);
    return this.foundUserAgent;
  }

  get clientAddress(): string {
    return (this.foundAddress ??= this.services.clientAddress(this.req));
  }
}

/**
 * Per request: the viewer (auth and staff, from the Authorization header: an API token or a
 * staff session; a bad bearer is refused), the User-Agent staff sessions record, batching
 * loaders (articles), the address and the content version the request arrived at. Without an
 * Authorization header (every reader) it is made at once, without a promise or a lookup.
 */
export function createRequestContext(
  deps: SchemaDeps & { env: StaffEnv },
  clientAddress: (req: IncomingMessage) => string,
): (req: IncomingMessage, contentVersion: number) => Context | Promise<Context> {
  const { dataSource, env, clock = systemClock } = deps;
  const tokens = new ApiTokenService(dataSource);
  const sessions = new SessionService(dataSource, sessionPolicy(env), clock);
  const services: ContextServices = { dataSource, clientAddress };
  return (req, contentVersion) => {
    const context = new RequestContext(req, services, contentVersion);
    if (req.headers.authorization === undefined) return context;
    return viewerOf(req, tokens, sessions).then((viewer) => {
      context.viewer = viewer;
      return context;
    });
  };
}
