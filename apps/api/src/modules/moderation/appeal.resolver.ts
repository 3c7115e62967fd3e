import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AuthedContext } from '../../graphql/context.js';
import { Role } from '../auth/role.js';
import { ReportService } from '../reports/report.service.js';
import { ReportStatusInfo } from '../reports/report.types.js';
import { AppealStatus } from './appeal-enums.js';
import { AppealService } from './appeal.service.js';
import {
  AppealDecisionInput,
  AppealReportInput,
  ModerationAppeal,
  ModerationAppealConnection,
  ModerationDecision,
  ResolveAppealInput,
} from './decision.types.js';

@Resolver()
export class AppealResolver {
  constructor(
    private readonly appealService: AppealService,
    private readonly reports: ReportService,
  ) {}

  @Mutation(() => ReportStatusInfo, {
    description:
      "A reporter's appeal against the decision on their report, once, within six months. Public: the receipt is the proof. Answers the report's status with the appeal.",
  })
  async appealReport(
    @Arg('input', () => AppealReportInput) input: AppealReportInput,
  ): Promise<ReportStatusInfo> {
    await this.appealService.fileByReporter(input.receipt, input.grounds);
    return (await this.reports.status(input.receipt))!;
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => ModerationAppeal, {
    description:
      "The author's appeal against a decision that hid or removed their page, once per decision, within six months.",
  })
  appealDecision(
    @Arg('input', () => AppealDecisionInput) input: AppealDecisionInput,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<ModerationAppeal> {
    return this.appealService.fileByAuthor(viewer, input.decisionId, input.grounds);
  }

  @Authorized(Role.EDITOR, Role.MODERATOR)
  @Query(() => [ModerationDecision], {
    description: 'Moderation decisions on one article, newest first.',
  })
  moderationDecisions(
    @Arg('articleId', () => ID) articleId: string,
  ): Promise<ModerationDecision[]> {
    return this.appealService.decisionsFor(articleId);
  }

  @Authorized(Role.MODERATOR)
  @Query(() => ModerationAppealConnection, {
    description: 'The appeals queue, oldest first; open appeals unless a status is given.',
  })
  appeals(
    @Arg('status', () => AppealStatus, { nullable: true }) status: AppealStatus | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ModerationAppealConnection> {
    return this.appealService.list(status ?? AppealStatus.OPEN, first, after);
  }

  @Authorized(Role.MODERATOR)
  @Mutation(() => ModerationAppeal, {
    description:
      'Decides an appeal: UPHOLD, or REVERSE with a new action. Refused to the moderator who made the decision under appeal.',
  })
  resolveAppeal(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => ResolveAppealInput) input: ResolveAppealInput,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<ModerationAppeal> {
    return this.appealService.resolve(viewer, id, input);
  }
}
