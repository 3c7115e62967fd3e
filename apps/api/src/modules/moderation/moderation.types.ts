import { ARTICLE_SLUG_MAX_LENGTH } from '@folio/contract';
import { IsOptional, MaxLength } from 'class-validator';
import { GraphQLDateTime } from 'graphql-scalars';
import { Field, InputType, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.types.js';
import { IsStorableText } from '../../graphql/validators.js';
import { Article } from '../articles/article.entity.js';
import { ModerationAction, ReportReason, ReportStatus } from '../reports/report-enums.js';
import { Report } from '../reports/report.entity.js';

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

@InputType()
export class ResolveReportInput {
  @Field(() => ModerationAction)
  action: ModerationAction;

  @Field(() => String, { nullable: true, description: 'Kept in the report and the audit trail.' })
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
