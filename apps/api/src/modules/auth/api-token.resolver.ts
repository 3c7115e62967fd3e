import { Arg, Authorized, Ctx, Field, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { ConflictError } from '../../errors/api-errors.js';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import type { AuthedContext } from '../../graphql/context.js';
import { ApiToken } from './api-token.entity.js';
import { ApiTokenService, TokenNameTakenError } from './api-token.service.js';
import { Role } from './role.js';

@ObjectType({ description: 'A new API token: the secret is shown this once.' })
export class CreatedApiToken {
  @Field(() => String, { description: 'Send as "Authorization: Bearer <token>".' })
  token: string;

  @Field(() => ApiToken)
  apiToken: ApiToken;
}

/** Tokens for integrations: created by admins in Studio or with npm run token:create. */
@Authorized(Role.ADMIN)
@Resolver()
export class ApiTokenResolver {
  constructor(private readonly tokens: ApiTokenService) {}

  @Query(() => [ApiToken])
  apiTokens(): Promise<ApiToken[]> {
    return this.tokens.list();
  }

  @Mutation(() => CreatedApiToken, { description: 'A token for an integration, shown once.' })
  async createApiToken(
    @Arg('name', () => String) name: string,
    @Arg('role', () => Role) role: Role,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<CreatedApiToken> {
    const trimmed = name.trim();
    if (trimmed.length < 1 || trimmed.length > 100)
      throw new BadUserInputError('The name must have 1 to 100 characters.', 'name');
    try {
      const { token, record } = await this.tokens.create(trimmed, role, viewer);
      return { token, apiToken: record };
    } catch (error) {
      if (error instanceof TokenNameTakenError) throw new ConflictError(`${error.message}.`);
      throw error;
    }
  }

  @Mutation(() => Boolean, {
    description: 'Revokes a token by name; false when no live token has it.',
  })
  revokeApiToken(
    @Arg('name', () => String) name: string,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<boolean> {
    return this.tokens.revoke(name, viewer);
  }
}
