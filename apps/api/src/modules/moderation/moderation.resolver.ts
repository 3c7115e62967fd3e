import { GraphQLDateTime } from '../../graphql/date-time.scalar.js';
import {
  Arg,
  Authorized,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import type { AuthedContext, Context } from '../../graphql/context.js';
import { Article } from '../articles/article.entity.js';
import { Role } from '../auth/role.js';
import { ModerationAction, ReportStatus } from '../reports/report-enums.js';
import { Report } from '../reports/report.entity.js';
import {
  ArticleDecision,
  ArticleReportCount,
  ReportConnection,
  ReportFilter,
  ResolveReportInput,
} from './moderation.types.js';
import { ModerationQueueService } from './moderation-queue.service.js';
import { ModerationService } from './moderation.service.js';
import {
  ModerationQueue,
  QueueOrder,
  ReasonTemplateType,
  TransparencyReport,
} from './queue.types.js';
import { REASON_TEMPLATES } from './reason-templates.js';
import { TransparencyService } from './transparency.service.js';

@Authorized(Role.MODERATOR)
@Resolver(() => Report)
export class ModerationResolver {
  constructor(
    private readonly moderation: ModerationService,
    private readonly queueService: ModerationQueueService,
    private readonly transparency: TransparencyService,
  ) {}

  @Query(() => ModerationQueue, {
    description:
      'Open reports grouped by page and section, newest or most reported (by distinct networks) first, with reasons, details, contacts given and counts of distinct reporters and networks.',
  })
  async moderationQueue(
    @Arg('order', () => QueueOrder, { nullable: true }) order: QueueOrder | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() { loaders }: Context,
  ): Promise<ModerationQueue> {
    const queue = await this.queueService.queue(order ?? QueueOrder.NEWEST, first, after);
    const articles = await loaders.articleById.loadMany(queue.items.map((item) => item.articleId));
    return {
      ...queue,
      items: queue.items.flatMap((item, index) => {
        const article = articles[index];
        return article instanceof Article ? [{ ...item, article }] : [];
      }),
    };
  }

  @Query(() => [ReasonTemplateType], {
    description: 'Starting points for statements of reasons, by action.',
  })
  moderationReasonTemplates(
    @Arg('action', () => ModerationAction, { nullable: true }) action: ModerationAction | null,
  ): ReasonTemplateType[] {
    return REASON_TEMPLATES.filter((template) => !action || template.action === action);
  }

  @Query(() => TransparencyReport, {
    description:
      'Reports by reason, decisions by action, appeals and the median time to decision for [from, to), at most 366 days.',
  })
  transparencyReport(
    @Arg('from', () => GraphQLDateTime) from: Date,
    @Arg('to', () => GraphQLDateTime) to: Date,
  ): Promise<TransparencyReport> {
    return this.transparency.report(from, to);
  }

  @Query(() => ReportConnection, { description: 'The moderation queue, newest first.' })
  reports(
    @Arg('filter', () => ReportFilter, { nullable: true }) filter: ReportFilter | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ReportConnection> {
    return this.moderation.listReports(filter, first, after);
  }

  @Query(() => [ArticleReportCount], {
    description: 'Reports grouped by page; open and triaged by default.',
  })
  async reportCountsByArticle(
    @Arg('status', () => ReportStatus, { nullable: true }) status: ReportStatus | null,
    @Ctx() { loaders }: Context,
  ): Promise<ArticleReportCount[]> {
    const counts = await this.moderation.countsByArticle(status);
    const articles = await loaders.articleById.loadMany(counts.map((count) => count.articleId));
    return counts.flatMap((count, index) => {
      const article = articles[index];
      return article instanceof Article ? [{ ...count, article }] : [];
    });
  }

  @Query(() => Report, { nullable: true })
  report(@Arg('id', () => ID) id: string): Promise<Report | null> {
    return this.moderation.findReport(id);
  }

  @Mutation(() => Report, { description: 'Marks an open report as being looked at.' })
  triageReport(@Arg('id', () => ID) id: string, @Ctx() { viewer }: AuthedContext): Promise<Report> {
    return this.moderation.triage(viewer, id);
  }

  @Mutation(() => Report)
  resolveReport(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ResolveReportInput) input: ResolveReportInput,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Report> {
    return this.moderation.resolve(viewer, id, input);
  }

  @Mutation(() => ArticleDecision, {
    description:
      'Decides about a page as a whole: every open report of it is closed with the decision (DISMISS dismisses them all; refused when none is open).',
  })
  async resolveArticleReports(
    @Arg('articleId', () => ID) articleId: string,
    @Arg('input', () => ResolveReportInput) input: ResolveReportInput,
    @Ctx() { viewer, loaders }: AuthedContext,
  ): Promise<ArticleDecision> {
    const outcome = await this.moderation.resolveArticle(viewer, articleId, input);
    const article = await loaders.articleById.load(outcome.articleId);
    if (!article) throw new Error(`article ${outcome.articleId} vanished`);
    return { ...outcome, article };
  }

  @FieldResolver(() => Boolean, { description: 'Whether the reporter left a contact email.' })
  contactGiven(@Root() report: Report): boolean {
    return report.contactEmail !== null && report.contactEmail !== '';
  }

  @FieldResolver(() => Article)
  async article(@Root() report: Report, @Ctx() { loaders }: Context): Promise<Article> {
    const article = await loaders.articleById.load(report.articleId);
    if (!article) throw new Error(`report ${report.id} has no article`);
    return article;
  }
}
