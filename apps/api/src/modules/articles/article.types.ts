import { Field, Int, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.types.js';
import { Article } from './article.entity.js';
import { PartOfParent } from '../../graphql/cache-control.js';

export const ArticleConnection = ConnectionType('Article', Article);
export type ArticleConnection = InstanceType<typeof ArticleConnection>;

@PartOfParent()
@ObjectType({ simpleResolvers: true, description: 'One entry of an article table of contents.' })
export class TocEntry {
  @Field(() => String)
  anchor: string;

  @Field(() => String)
  heading: string;

  @Field(() => Int)
  position: number;
}
