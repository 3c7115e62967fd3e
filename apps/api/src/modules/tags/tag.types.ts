import { Field, Int, ObjectType } from 'type-graphql';
import { PartOfParent } from '../../graphql/cache-control.js';

@PartOfParent()
@ObjectType({ description: 'A tag and how many published articles carry it.' })
export class TagCount {
  @Field(() => String)
  name: string;

  @Field(() => Int)
  articleCount: number;
}
