import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Revision } from './revision.types.js';

export enum DiffLineKind {
  ADDED = 'added',
  REMOVED = 'removed',
  UNCHANGED = 'unchanged',
}
registerEnumType(DiffLineKind, { name: 'DiffLineKind' });

export enum SectionChangeKind {
  ADDED = 'added',
  REMOVED = 'removed',
  CHANGED = 'changed',
  UNCHANGED = 'unchanged',
}
registerEnumType(SectionChangeKind, { name: 'SectionChangeKind' });

@ObjectType({ description: 'One line of a diff.' })
export class DiffLine {
  @Field(() => DiffLineKind)
  kind: DiffLineKind;

  @Field(() => String)
  text: string;
}

@ObjectType({ description: 'A field that differs; tags are compared as one comma-separated line.' })
export class FieldDiff {
  @Field(() => String, {
    description: 'title, slug, summary, label, author, tags, status or publishedAt',
  })
  field: string;

  @Field(() => String, { nullable: true })
  before: string | null;

  @Field(() => String, { nullable: true })
  after: string | null;

  @Field(() => [DiffLine])
  lines: DiffLine[];
}

@ObjectType({
  description:
    'A section on either side, matched by id (or anchor, for older revisions); its Markdown compared line by line.',
})
export class SectionDiff {
  @Field(() => SectionChangeKind)
  change: SectionChangeKind;

  @Field(() => Boolean, { description: 'It changed places among the sections kept.' })
  moved: boolean;

  @Field(() => String, { nullable: true })
  headingBefore: string | null;

  @Field(() => String, { nullable: true })
  headingAfter: string | null;

  @Field(() => String, { nullable: true })
  anchorBefore: string | null;

  @Field(() => String, { nullable: true })
  anchorAfter: string | null;

  @Field(() => Int, { nullable: true })
  positionBefore: number | null;

  @Field(() => Int, { nullable: true })
  positionAfter: number | null;

  @Field(() => [DiffLine], { description: 'Empty for an unchanged section.' })
  lines: DiffLine[];
}

@ObjectType({ description: 'What changed from one revision of an article to another.' })
export class RevisionDiff {
  @Field(() => ID)
  articleId: string;

  @Field(() => Revision)
  from: Revision;

  @Field(() => Revision)
  to: Revision;

  @Field(() => [String], { description: 'The names of the fields that differ, and "sections".' })
  changedFields: string[];

  @Field(() => [FieldDiff])
  fields: FieldDiff[];

  @Field(() => [SectionDiff], {
    description: "In the later revision's order, then the removed ones in their earlier order.",
  })
  sections: SectionDiff[];
}
