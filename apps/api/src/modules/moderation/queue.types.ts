import { GraphQLDateTime } from '../../graphql/date-time.scalar.js';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Article } from '../articles/article.entity.js';
import { ModerationState } from '../articles/article-status.js';
import { ModerationAction, ReportReason } from '../reports/report-enums.js';
import { Report } from '../reports/report.entity.js';

export enum QueueOrder {
  NEWEST = 'newest',
  MOST_REPORTED = 'most_reported',
}

registerEnumType(QueueOrder, {
  name: 'QueueOrder',
  description: 'NEWEST: latest report first. MOST_REPORTED: most distinct networks first.',
});

@ObjectType()
export class ReasonCount {
  @Field(() => ReportReason)
  reason: ReportReason;

  @Field(() => Int)
  count: number;
}

/** Counts shared by a page and each of its sections in the queue. */
@ObjectType({ description: 'Counts of open reports.' })
export class QueueCounts {
  @Field(() => Int)
  reportCount: number;

  @Field(() => Int, { description: 'Distinct reporters (an IPv4 address or an IPv6 /64).' })
  reporterCount: number;

  @Field(() => Int, { description: 'Distinct networks (an IPv4 /24 or an IPv6 /48).' })
  networkCount: number;

  @Field(() => GraphQLDateTime)
  firstReportAt: Date;

  @Field(() => GraphQLDateTime)
  latestReportAt: Date;

  @Field(() => [ReasonCount], { description: 'Open reports by reason, most frequent first.' })
  reasons: ReasonCount[];
}

@ObjectType({ description: 'Open reports on one section of a page, or on the page as a whole.' })
export class QueueSection extends QueueCounts {
  @Field(() => String, { nullable: true, description: 'Null: reports on the whole page.' })
  sectionAnchor: string | null;

  @Field(() => [Report], {
    description:
      'The newest open reports (at most 20), with reason, details and whether a contact was given.',
  })
  reports: Report[];
}

@ObjectType({ description: 'One page in the moderation queue: its open reports by section.' })
export class QueueItem extends QueueCounts {
  @Field(() => Article)
  article: Article;

  @Field(() => ModerationState)
  moderationState: ModerationState;

  @Field(() => Boolean, {
    description: 'Hidden by the report threshold (true) rather than by a moderator.',
  })
  autoHidden: boolean;

  @Field(() => String, {
    nullable: true,
    description: 'Why the page was flagged instead of hidden: burst, concentrated or rate.',
  })
  flagReason: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  flaggedAt: Date | null;

  @Field(() => [QueueSection])
  sections: QueueSection[];
}

@ObjectType({ description: 'A page of the moderation queue.' })
export class ModerationQueue {
  @Field(() => [QueueItem])
  items: QueueItem[];

  @Field(() => Int, { description: 'Pages with open reports, in all.' })
  totalCount: number;

  @Field(() => String, {
    nullable: true,
    description: 'Pass as `after` for the next page; null on the last one.',
  })
  endCursor: string | null;
}

@ObjectType({ description: 'A reason template for a statement of reasons.' })
export class ReasonTemplateType {
  @Field(() => String)
  key: string;

  @Field(() => ModerationAction, { description: 'The action it is written for.' })
  action: ModerationAction;

  @Field(() => String)
  title: string;

  @Field(() => String, { description: 'The text to start from; moderators edit it.' })
  text: string;
}

@ObjectType()
export class ActionCount {
  @Field(() => ModerationAction)
  action: ModerationAction;

  @Field(() => Int)
  count: number;
}

@ObjectType({ description: 'What moderation did in a period, for publication.' })
export class TransparencyReport {
  @Field(() => GraphQLDateTime)
  from: Date;

  @Field(() => GraphQLDateTime)
  to: Date;

  @Field(() => Int, { description: 'Reports filed in the period.' })
  reportCount: number;

  @Field(() => [ReasonCount], { description: 'Reports filed in the period, by reason.' })
  reportsByReason: ReasonCount[];

  @Field(() => Int, { description: 'Decisions made in the period, appeal reversals included.' })
  decisionCount: number;

  @Field(() => [ActionCount], { description: 'Decisions made in the period, by action.' })
  decisionsByAction: ActionCount[];

  @Field(() => Int, {
    nullable: true,
    description:
      'Median seconds from a report being filed to the decision that closed it, over reports decided in the period; null when none were.',
  })
  medianSecondsToDecision: number | null;

  @Field(() => Int, { description: 'Appeals filed in the period.' })
  appealsFiled: number;

  @Field(() => Int, { description: 'Appeals decided in the period that upheld the decision.' })
  appealsUpheld: number;

  @Field(() => Int, { description: 'Appeals decided in the period that reversed it.' })
  appealsReversed: number;
}
