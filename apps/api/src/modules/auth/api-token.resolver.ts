import { Arg, Authorized, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { AuthedContext } from '../../graphql/context.js';
import { ApiToken } from './api-token.entity.js';
import { ApiTokenService } from './api-token.service.js';
import { Role } from './role.js';

/** Tokens are created on the command line (npm run token:create); admins can list and revoke. */
@Authorized(Role.ADMIN)
@Resolver()
export class ApiTokenResolver {
  constructor(private readonly tokens: ApiTokenService) {}

  @Query(() => [ApiToken])
  apiTokens(): Promise<ApiToken[]> {
    return this.tokens.list();
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
