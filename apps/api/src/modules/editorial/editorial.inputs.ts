import { ARTICLE_SLUG_SHAPE } from '@folio/contract';
import {
  ArrayMaxSize,
  IsOptional,
  Matches,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { GraphQLDateTime } from '../../graphql/date-time.scalar.js';
import { Field, InputType, Int } from 'type-graphql';
import { IsStorableText } from '../../graphql/validators.js';
import { ARTICLE_LIMITS } from '../content-import/content-import.service.js';

const SLUG_MESSAGE = 'slug must be lower-case letters, digits and hyphens';
/** A section body; the whole request is capped at 100 kB anyway. */
const MARKDOWN_MAX = 60_000;

/** An optional section heading, as both adding and updating a section accept it. */
function SectionHeading(): PropertyDecorator {
  const decorators = [
    Field(() => String, { nullable: true }),
    IsOptional(),
    MinLength(1),
    MaxLength(300),
    IsStorableText(),
  ];
  return (target, property) => decorators.forEach((decorate) => decorate(target, property));
}

@InputType({ description: 'A section: an optional heading and its body in Markdown.' })
export class SectionInput {
  @SectionHeading()
  heading?: string | null;

  @Field(() => String, { description: 'Markdown; headings inside become bold paragraphs.' })
  @MaxLength(MARKDOWN_MAX)
  @IsStorableText()
  markdown: string;
}

@InputType({ description: 'Fields to change; those left out stay as they are.' })
export class UpdateArticleInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MinLength(1)
  @MaxLength(ARTICLE_LIMITS.title)
  @IsStorableText()
  title?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(ARTICLE_LIMITS.slug)
  @Matches(ARTICLE_SLUG_SHAPE, { message: SLUG_MESSAGE })
  slug?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(ARTICLE_LIMITS.summary)
  @IsStorableText()
  summary?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(ARTICLE_LIMITS.label)
  @IsStorableText()
  label?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(ARTICLE_LIMITS.author)
  @IsStorableText()
  author?: string | null;

  @Field(() => [String], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(ARTICLE_LIMITS.tags)
  @MaxLength(ARTICLE_LIMITS.tag, { each: true })
  @IsStorableText()
  tags?: string[] | null;
}

@InputType({
  description:
    'Either `markdown` (a whole document: front matter, `# Title`, `##` sections) or `title` with `sections`.',
})
export class CreateArticleInput extends UpdateArticleInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MARKDOWN_MAX)
  @IsStorableText()
  markdown?: string | null;

  @Field(() => [SectionInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(ARTICLE_LIMITS.sections)
  @ValidateNested({ each: true })
  sections?: SectionInput[] | null;
}

@InputType()
export class AddSectionInput extends SectionInput {
  @Field(() => Int, {
    nullable: true,
    description: 'Where to insert (0 = first); default: at the end.',
  })
  @IsOptional()
  @Min(0)
  position?: number | null;
}

@InputType({ description: 'Fields to change; those left out stay as they are.' })
export class UpdateSectionInput {
  @SectionHeading()
  heading?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(MARKDOWN_MAX)
  @IsStorableText()
  markdown?: string | null;
}

@InputType()
export class PublishArticleInput {
  @Field(() => GraphQLDateTime, {
    nullable: true,
    description: 'A future time schedules; default: now.',
  })
  @IsOptional()
  at?: Date | null;
}
