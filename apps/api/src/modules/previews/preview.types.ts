import { GraphQLDateTime } from '../../graphql/date-time.scalar.js';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({
  description:
    'A shareable preview of an article. The reader shows it at /preview/<token>, to anyone holding the link, until it expires or is revoked.',
})
export class PreviewLink {
  @Field(() => ID)
  id: string;

  @Field(() => ID)
  articleId: string;

  @Field(() => String, { description: 'The signed token for the /preview/<token> URL.' })
  token: string;

  @Field(() => GraphQLDateTime)
  createdAt: Date;

  @Field(() => String, { description: 'Who made it: a display name or a token name.' })
  createdBy: string;

  @Field(() => GraphQLDateTime)
  expiresAt: Date;

  @Field(() => GraphQLDateTime, { nullable: true })
  revokedAt: Date | null;

  @Field(() => Boolean, { description: 'Neither expired nor revoked.' })
  live: boolean;
}
