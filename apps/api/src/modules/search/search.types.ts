import { Field, Float, ObjectType } from 'type-graphql';
import { ConnectionType } from '../../graphql/connection.types.js';
import { Article } from '../articles/article.entity.js';
import { PartOfParent } from '../../graphql/cache-control.js';

@PartOfParent()
@ObjectType({
  simpleResolvers: true,
  description: 'A piece of a snippet; highlighted pieces matched the query.',
})
export class SnippetFragment {
  @Field(() => String)
  text: string;

  @Field(() => Boolean)
  highlighted: boolean;
}

@PartOfParent()
@ObjectType({ description: 'An article that matched, with the section that matched best.' })
export class SearchResult {
  @Field(() => Article)
  article: Article;

  @Field(() => Float, { description: 'Relevance; higher is better. Title matches weigh most.' })
  rank: number;

  @Field(() => String, { nullable: true, description: 'Anchor of the best-matching section.' })
  anchor: string | null;

  @Field(() => String, { nullable: true, description: 'Heading of the best-matching section.' })
  sectionHeading: string | null;

  @Field(() => [SnippetFragment], { description: 'Text around the matches in that section.' })
  snippet: SnippetFragment[];
}

export const SearchConnection = ConnectionType('Search', SearchResult);
export type SearchConnection = InstanceType<typeof SearchConnection>;
