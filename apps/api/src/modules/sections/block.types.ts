import type { Block } from '@folio/content';
import { createUnionType, Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { PartOfParent } from '../../graphql/cache-control.js';

// GraphQL shapes of @folio/content's block model. The stored JSON is returned as is; these
// classes only describe it, and `resolveType` picks the member from the block's `type`.
// simpleResolvers: plain properties, read by GraphQL's default resolver with no per-field
// wrapper (no middleware or auth applies to them); an article has hundreds of these fields.

export enum InlineMark {
  EMPHASIS = 'emphasis',
  STRONG = 'strong',
  CODE = 'code',
}
registerEnumType(InlineMark, { name: 'InlineMark' });

@PartOfParent()
@ObjectType({
  simpleResolvers: true,
  description: 'A run of text with the same formatting; part of a link when href is set.',
})
export class Inline {
  @Field(() => String)
  text: string;

  @Field(() => [InlineMark])
  marks: InlineMark[];

  @Field(() => String, {
    nullable: true,
    description: 'http(s), mailto, relative or #fragment only.',
  })
  href?: string;
}

@PartOfParent()
@ObjectType({ simpleResolvers: true })
export class Paragraph {
  @Field(() => [Inline])
  inlines: Inline[];
}

@PartOfParent()
@ObjectType({
  simpleResolvers: true,
  description: 'A bulleted (ordered: false) or numbered list; each item is a line of inlines.',
})
export class List {
  @Field(() => Boolean)
  ordered: boolean;

  @Field(() => Int, {
    nullable: true,
    description: 'First number of a numbered list not starting at 1.',
  })
  start?: number;

  @Field(() => [[Inline]])
  items: Inline[][];
}

@PartOfParent()
@ObjectType({ simpleResolvers: true })
export class Quote {
  @Field(() => [[Inline]])
  paragraphs: Inline[][];

  @Field(() => String, { nullable: true })
  attribution?: string;
}

@PartOfParent()
@ObjectType({ simpleResolvers: true })
export class Code {
  @Field(() => String, { nullable: true })
  language?: string;

  @Field(() => String)
  code: string;
}

@PartOfParent()
@ObjectType({ simpleResolvers: true })
export class Image {
  @Field(() => String)
  src: string;

  @Field(() => String)
  alt: string;

  @Field(() => String, { nullable: true })
  title?: string;
}

const memberByType = {
  paragraph: Paragraph,
  list: List,
  quote: Quote,
  code: Code,
  image: Image,
} as const;

export const BlockUnion = createUnionType({
  name: 'Block',
  description: 'One typed piece of a section body.',
  types: () => [Paragraph, List, Quote, Code, Image] as const,
  // The values are stored JSON blocks, not instances of these classes.
  resolveType: (block) => memberByType[(block as unknown as Block).type],
});
