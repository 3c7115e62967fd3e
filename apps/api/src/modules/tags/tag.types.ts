import { Field, Int, ObjectType } from 'type-graphql';

@ObjectType({ description: 'A tag and how many published articles carry it.' })
export class TagCount {
  @Field(() => String)
  name: string;

  @Field(() => Int)
  articleCount: number;
}
