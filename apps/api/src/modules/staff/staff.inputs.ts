import { IsEmail, MaxLength, MinLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { IsStorableText } from '../../graphql/validators.js';
import { Role } from '../auth/role.js';

@InputType({ description: 'A new staff account; it gets a one-time password.' })
export class CreateStaffUserInput {
  @Field(() => String)
  @MaxLength(254)
  @IsEmail({}, { message: 'email must be an email address' })
  email: string;

  @Field(() => String)
  @MinLength(1)
  @MaxLength(100)
  @IsStorableText()
  displayName: string;

  @Field(() => Role)
  role: Role;
}
