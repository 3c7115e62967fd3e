import { GraphQLDateTime } from 'graphql-scalars';
import { Field, ObjectType } from 'type-graphql';
import { ReportStatus } from './report-enums.js';

@ObjectType({ description: 'What a reader gets back: keep the receipt to look the report up.' })
export class ReportReceipt {
  @Field(() => String)
  receipt: string;

  @Field(() => ReportStatus)
  status: ReportStatus;

  @Field(() => GraphQLDateTime)
  createdAt: Date;
}

@ObjectType({ description: "A report's public status: no details, nothing about the reporter." })
export class ReportStatusInfo extends ReportReceipt {
  @Field(() => GraphQLDateTime)
  updatedAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  resolvedAt: Date | null;
}
