import {
  ARTICLE_SLUG_MAX_LENGTH,
  DETAILS_MAX_LENGTH,
  IDEMPOTENCY_KEY_PATTERN,
  SECTION_ANCHOR_MAX_LENGTH,
} from '@folio/contract';
import { IsEmail, IsOptional, Matches, MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsStorableText } from '../../graphql/validators.js';
import { ReportReason } from './report-enums.js';

export { DETAILS_MAX_LENGTH };

@InputType({ description: 'A report of a page, or of one section of it.' })
export class SubmitReportInput {
  @Field(() => String)
  @MinLength(1)
  @MaxLength(ARTICLE_SLUG_MAX_LENGTH)
  @IsStorableText()
  articleSlug: string;

  @Field(() => String, { nullable: true, description: 'Report one section: its anchor.' })
  @IsOptional()
  @MaxLength(SECTION_ANCHOR_MAX_LENGTH)
  @IsStorableText()
  sectionAnchor?: string | null;

  @Field(() => ReportReason)
  reason: ReportReason;

  @Field(() => String, {
    nullable: true,
    description: `Required for OTHER; at most ${DETAILS_MAX_LENGTH} characters.`,
  })
  @IsOptional()
  @MaxLength(DETAILS_MAX_LENGTH, {
    message: `details must be at most ${DETAILS_MAX_LENGTH} characters`,
  })
  @IsStorableText()
  details?: string | null;

  @Field(() => String, { nullable: true, description: 'Only moderators see it, to follow up.' })
  @IsOptional()
  @MaxLength(254)
  @IsEmail({}, { message: 'contactEmail must be an email address' })
  contactEmail?: string | null;

  @Field(() => String, {
    description:
      'A random key per report form (8-100 letters, digits, - or _): resubmitting it returns the same receipt.',
  })
  @Matches(IDEMPOTENCY_KEY_PATTERN, {
    message: 'idempotencyKey must be 8 to 100 letters, digits, - or _',
  })
  idempotencyKey: string;
}
