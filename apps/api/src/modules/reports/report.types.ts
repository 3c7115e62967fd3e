import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { AppealStatus } from '../moderation/appeal-enums.js';
import { ModerationAction, ReportStatus } from './report-enums.js';

// simpleResolvers: plain properties read by GraphQL's default resolver, without type-graphql's
// per-field wrapper (no middleware or auth applies to them); a receipt is W4's whole answer.
@ObjectType({
  simpleResolvers: true,
  description: 'What a reader gets back: keep the receipt to look the report up.',
})
export class ReportReceipt {
  @Field(() => String)
  receipt: string;

  @Field(() => ReportStatus)
  status: ReportStatus;

  @Field(() => GraphQLDateTime)
  createdAt: Date;
}

@ObjectType({ description: 'The decision on a report, as its reporter sees it.' })
export class PublicDecision {
  @Field(() => ModerationAction)
  action: ModerationAction;

  @Field(() => GraphQLDateTime)
  decidedAt: Date;

  @Field(() => String, { description: 'The statement of reasons.' })
  reasons: string;
}

@ObjectType({ description: "A reporter's appeal and its outcome." })
export class PublicAppeal {
  @Field(() => AppealStatus)
  status: AppealStatus;

  @Field(() => GraphQLDateTime)
  filedAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  resolvedAt: Date | null;

  @Field(() => String, { nullable: true, description: "The reviewing moderator's reasons." })
  outcomeReasons: string | null;

  @Field(() => ModerationAction, {
    nullable: true,
    description: 'The new decision, when the appeal reversed the first one.',
  })
  outcomeAction: ModerationAction | null;
}

@ObjectType({ description: 'How the reporter may appeal the decision.' })
export class AppealRights {
  @Field(() => Boolean, { description: 'True while the reporter may still appeal.' })
  available: boolean;

  @Field(() => GraphQLDateTime, { description: 'The last moment to appeal: six months on.' })
  deadline: Date;

  @Field(() => String, { description: 'How to appeal, in words for the receipt page.' })
  instructions: string;
}

@ObjectType({
  description:
    "A report's public status: no details, nothing about the reporter; once decided, the decision with its statement of reasons and how to appeal it.",
})
export class ReportStatusInfo extends ReportReceipt {
  @Field(() => GraphQLDateTime)
  updatedAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  resolvedAt: Date | null;

  @Field(() => PublicDecision, { nullable: true, description: 'Null until a moderator decides.' })
  decision: PublicDecision | null;

  @Field(() => AppealRights, { nullable: true, description: 'Null until a moderator decides.' })
  appealRights: AppealRights | null;

  @Field(() => PublicAppeal, { nullable: true })
  appeal: PublicAppeal | null;
}
