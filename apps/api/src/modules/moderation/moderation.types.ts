import { ARTICLE_SLUG_MAX_LENGTH } from '@folio/contract';
import { IsOptional, MaxLength } from 'class-validator';
import { GraphQLDateTime } from '../../graphql/date-time.scalar.js';
import { Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.types.js';
import { IsStorableText } from '../../graphql/validators.js';
import { Article } from '../articles/article.entity.js';
import { ModerationState } from '../articles/article-status.js';
import { ModerationAction, ReportReason, ReportStatus } from '../reports/report-enums.js';
import { Report } from '../reports/report.entity.js';
import { REASONS_MAX_LENGTH } from './decisions.js';

export const ReportConnection = ConnectionType('Report', Report);
export type ReportConnection = InstanceType<typeof ReportConnection>;

@InputType()
export class ReportFilter {
  @Field(() => ReportStatus, { nullable: true })
  status?: ReportStatus | null;

  @Field(() => ReportReason, { nullable: true })
  reason?: ReportReason | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(ARTICLE_SLUG_MAX_LENGTH)
  articleSlug?: string | null;
}

@InputType({ description: 'A decision, with the statement of reasons the reporters will see.' })
export class ResolveReportInput {
  @Field(() => ModerationAction)
  action: ModerationAction;

  @Field(() => String, {
    description: `The statement of reasons, shown to the reporters on their receipt: required, at most ${REASONS_MAX_LENGTH} characters. Start from a moderationReasonTemplates text.`,
  })
  @MaxLength(REASONS_MAX_LENGTH, {
    message: `reasons must be at most ${REASONS_MAX_LENGTH} characters`,
  })
  @IsStorableText()
  reasons: string;

  @Field(() => String, {
    nullable: true,
    description: 'The key of the template the reasons started from (for statistics).',
  })
  @IsOptional()
  @MaxLength(60)
  @IsStorableText()
  template?: string | null;

  @Field(() => String, {
    nullable: true,
    description:
      'An internal note for moderators: kept on the reports and in the audit trail, never shown to reporters.',
  })
  @IsOptional()
  @MaxLength(2000)
  @IsStorableText()
  note?: string | null;
}

@ObjectType({ description: 'Reports on one page: how many, from how many readers.' })
export class ArticleReportCount {
  @Field(() => Article)
  article: Article;

  @Field(() => Int)
  reportCount: number;

  @Field(() => Int, { description: 'Distinct reporters.' })
  reporterCount: number;

  @Field(() => GraphQLDateTime)
  latestReportAt: Date;
}

@ObjectType({ description: 'A decision on a page as a whole, and what it changed.' })
export class ArticleDecision {
  @Field(() => Article)
  article: Article;

  @Field(() => ID, { description: 'The recorded decision (see moderationDecisions).' })
  decisionId: string;

  @Field(() => ModerationState, { description: 'The page state after the decision.' })
  moderationState: ModerationState;

  @Field(() => Int, { description: 'Open reports of the page the decision closed.' })
  closedReports: number;
}
