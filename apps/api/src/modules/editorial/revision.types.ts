import { GraphQLDateTime } from '../../graphql/date-time.scalar.js';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BlockUnion } from '../sections/block.types.js';
import type { ArticleRevision } from './article-revision.entity.js';

@ObjectType()
export class RevisionSection {
  @Field(() => ID, { nullable: true, description: 'Null in revisions saved before ids were kept.' })
  id?: string;

  @Field(() => String, { nullable: true })
  heading: string | null;

  @Field(() => String)
  anchor: string;

  @Field(() => [BlockUnion])
  blocks: unknown[];
}

@ObjectType({
  description: 'The article as it was saved at one point: what, when, why and by whom.',
})
export class Revision {
  @Field(() => ID)
  id: string;

  @Field(() => Int, { description: '1 for the first save of the article, then 2, 3…' })
  number: number;

  @Field(() => String, { description: 'What the save was: create, update, section.add, publish…' })
  reason: string;

  @Field(() => GraphQLDateTime)
  createdAt: Date;

  @Field(() => String, {
    nullable: true,
    description: 'Who saved it: a display name or a token name; null for imports.',
  })
  savedBy: string | null;

  @Field(() => ID, { nullable: true, description: 'The staff user who saved it, if one did.' })
  savedByUserId: string | null;

  @Field(() => String)
  title: string;

  @Field(() => String, { nullable: true })
  summary: string | null;

  @Field(() => [String])
  tags: string[];

  @Field(() => String)
  status: string;

  @Field(() => [RevisionSection])
  sections: RevisionSection[];
}

export function toRevision(revision: ArticleRevision): Revision {
  const { snapshot } = revision;
  return {
    id: revision.id,
    number: revision.number,
    reason: revision.reason,
    createdAt: revision.createdAt,
    savedBy: revision.createdByName,
    savedByUserId: revision.createdByUserId,
    title: snapshot.title,
    summary: snapshot.summary,
    tags: snapshot.tags,
    status: snapshot.status,
    sections: snapshot.sections,
  };
}
