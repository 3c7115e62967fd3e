import { IsOptional, Matches, MaxLength } from 'class-validator';
import { GraphQLDateTime } from '../../graphql/date-time.scalar.js';
import { Field, ID, InputType, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.types.js';
import { IsStorableText } from '../../graphql/validators.js';
import { ModerationAction } from '../reports/report-enums.js';
import { AppealOutcome, AppealStatus, Appellant } from './appeal-enums.js';
import { REASONS_MAX_LENGTH } from './decisions.js';

export const GROUNDS_MAX_LENGTH = 2000;

@ObjectType({ description: 'A moderation decision with its statement of reasons.' })
export class ModerationDecision {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  articleId: string;

  @Field(() => ModerationAction)
  action: ModerationAction;

  @Field(() => String, { description: '"report" (one report) or "page" (all its open reports).' })
  scope: string;

  @Field(() => String, { description: 'The statement of reasons reporters see.' })
  reasons: string;

  @Field(() => String, { nullable: true })
  template: string | null;

  @Field(() => String, { description: 'Who decided, as a stable actor id.' })
  actorId: string;

  @Field(() => String)
  actorName: string;

  @Field(() => GraphQLDateTime)
  decidedAt: Date;

  @Field(() => GraphQLDateTime, { description: 'Appeals are accepted until then.' })
  appealDeadline: Date;

  @Field(() => ID, {
    nullable: true,
    description: 'The appeal this decision was made on (such decisions are final).',
  })
  appealId: string | null;
}

@ObjectType({ description: 'An appeal against a decision, for review by another moderator.' })
export class ModerationAppeal {
  @Field(() => ID)
  id: string;

  @Field(() => ModerationDecision, { description: 'The decision appealed against.' })
  decision: ModerationDecision;

  @Field(() => ID)
  articleId: string;

  @Field(() => Appellant)
  appellant: Appellant;

  @Field(() => String, { nullable: true, description: "The reporter's receipt, for theirs." })
  reportReceipt: string | null;

  @Field(() => String, { description: 'Who filed it: "reporter" or the staff member.' })
  filedByName: string;

  @Field(() => String, { description: "The appellant's grounds." })
  grounds: string;

  @Field(() => AppealStatus)
  status: AppealStatus;

  @Field(() => GraphQLDateTime)
  filedAt: Date;

  @Field(() => String, { nullable: true })
  outcomeReasons: string | null;

  @Field(() => ModerationDecision, {
    nullable: true,
    description: 'The new decision, when the appeal reversed the first.',
  })
  outcomeDecision: ModerationDecision | null;

  @Field(() => String, { nullable: true })
  resolvedByName: string | null;

  @Field(() => GraphQLDateTime, { nullable: true })
  resolvedAt: Date | null;
}

export const ModerationAppealConnection = ConnectionType('ModerationAppeal', ModerationAppeal);
export type ModerationAppealConnection = InstanceType<typeof ModerationAppealConnection>;

@InputType({ description: "A reporter's appeal, made with the report's receipt." })
export class AppealReportInput {
  @Field(() => String)
  @Matches(/^R-[0-9A-Z]{10}$/, { message: 'receipt must look like R-XXXXXXXXXX' })
  receipt: string;

  @Field(() => String, { description: `Why the decision is wrong; at most ${GROUNDS_MAX_LENGTH}.` })
  @MaxLength(GROUNDS_MAX_LENGTH, {
    message: `grounds must be at most ${GROUNDS_MAX_LENGTH} characters`,
  })
  @IsStorableText()
  grounds: string;
}

@InputType({ description: "The author's appeal against a decision on their article." })
export class AppealDecisionInput {
  @Field(() => ID)
  decisionId: string;

  @Field(() => String, { description: `Why the decision is wrong; at most ${GROUNDS_MAX_LENGTH}.` })
  @MaxLength(GROUNDS_MAX_LENGTH, {
    message: `grounds must be at most ${GROUNDS_MAX_LENGTH} characters`,
  })
  @IsStorableText()
  grounds: string;
}

@InputType({ description: 'The reviewing moderator’s outcome, with reasons the appellant sees.' })
export class ResolveAppealInput {
  @Field(() => AppealOutcome)
  outcome: AppealOutcome;

  @Field(() => ModerationAction, {
    nullable: true,
    description:
      'Required to REVERSE: the new decision on the page (KEEP_HIDDEN, REMOVE_ARTICLE or RESTORE_ARTICLE), other than the first.',
  })
  action?: ModerationAction | null;

  @Field(() => String, { description: `At most ${REASONS_MAX_LENGTH} characters.` })
  @MaxLength(REASONS_MAX_LENGTH, {
    message: `reasons must be at most ${REASONS_MAX_LENGTH} characters`,
  })
  @IsStorableText()
  reasons: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(60)
  @IsStorableText()
  template?: string | null;
}
