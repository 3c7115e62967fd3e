import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import type { GraphQLResolveInfo } from 'graphql';
import { Arg, Authorized, Ctx, ID, Info, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AuthedContext } from '../../graphql/context.js';
import { Article } from '../articles/article.entity.js';
import { Role } from '../auth/role.js';
import type { PreviewLinkWithToken, PreviewService } from './preview.service.js';
import { PreviewLink } from './preview.types.js';

@Resolver()
export class PreviewResolver {
  constructor(private readonly previews: PreviewService) {}

  // No @cacheControl hint on purpose (and an explicit maxAge 0): a preview answer must never
  // be kept by the response cache, or a revoked link would keep working.
  @Query(() => Article, {
    nullable: true,
    description:
      'Public. The article a preview link shows, drafts included; null when the token is invalid, expired or revoked. Never cached.',
  })
  articlePreview(
    @Arg('token', () => String) token: string,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Article | null> {
    maybeCacheControlFromInfo(info)?.setCacheHint({ maxAge: 0, scope: 'PRIVATE' });
    return this.previews.resolve(token);
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => PreviewLink, { description: 'A preview link for any article, draft included.' })
  async createPreviewLink(
    @Arg('articleId', () => ID) articleId: string,
    @Arg('expiresInHours', () => Int, {
      nullable: true,
      description: '1 to 720; default 72.',
    })
    expiresInHours: number | null,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<PreviewLink> {
    return this.toView(await this.previews.create(viewer, articleId, expiresInHours));
  }

  @Authorized(Role.EDITOR)
  @Query(() => [PreviewLink], { description: "An article's preview links, newest first." })
  async previewLinks(@Arg('articleId', () => ID) articleId: string): Promise<PreviewLink[]> {
    return (await this.previews.list(articleId)).map((link) => this.toView(link));
  }

  @Authorized(Role.EDITOR)
  @Mutation(() => PreviewLink, { description: 'Ends a preview link now.' })
  async revokePreviewLink(
    @Arg('id', () => ID) id: string,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<PreviewLink> {
    return this.toView(await this.previews.revoke(viewer, id));
  }

  private toView({ record, token }: PreviewLinkWithToken): PreviewLink {
    return {
      id: record.id,
      articleId: record.articleId,
      token,
      createdAt: record.createdAt,
      createdBy: record.createdByName,
      expiresAt: record.expiresAt,
      revokedAt: record.revokedAt,
      live: this.previews.isLive(record),
    };
  }
}
