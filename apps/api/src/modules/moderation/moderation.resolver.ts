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
import { ReportStatus } from '../reports/report-enums.js';
import { Report } from '../reports/report.entity.js';
import {
  ArticleDecision,
  ArticleReportCount,
  ReportConnection,
  ReportFilter,
  ResolveReportInput,
} from './moderation.types.js';
import { ModerationService } from './moderation.service.js';

@Authorized(Role.MODERATOR)
@Resolver(() => Report)
export class ModerationResolver {
  constructor(private readonly moderation: ModerationService) {}

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
    return this.moderation.resolve(viewer, id, input.action, input.note);
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
    const outcome = await this.moderation.resolveArticle(
      viewer,
      articleId,
      input.action,
      input.note,
    );
    const article = await loaders.articleById.load(outcome.articleId);
    if (!article) throw new Error(`article ${outcome.articleId} vanished`);
    return { ...outcome, article };
  }

  @FieldResolver(() => Article)
  async article(@Root() report: Report, @Ctx() { loaders }: Context): Promise<Article> {
    const article = await loaders.articleById.load(report.articleId);
    if (!article) throw new Error(`report ${report.id} has no article`);
    return article;
  }
}
