import type { Block } from '@folio/content';
import { isUnionType, type GraphQLSchema } from 'graphql';
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

/**
 * type-graphql wraps a union's resolveType in an async function, so every block of an article
 * came out of it as a promise: graphql-js then completed each block, each section's blocks and
 * each section through promises and microtasks. The member is a lookup on the block's type,
 * so it is answered at once, by the type's name; an unknown type fails as before ("must
 * resolve to an Object type").
 */
export function resolveBlocksAtOnce(schema: GraphQLSchema): void {
  const union = schema.getType('Block');
  if (!isUnionType(union)) throw new Error('Block is not a union of this schema');
  const members = new Set(union.getTypes().map((type) => type.name));
  const nameByType = new Map<string, string>();
  for (const [type, member] of Object.entries(memberByType)) {
    if (!members.has(member.name)) throw new Error(`${member.name} is not a member of Block`);
    nameByType.set(type, member.name);
  }
  union.resolveType = (block) => nameByType.get((block as Block).type);
}
