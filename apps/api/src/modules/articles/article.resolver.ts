import { maybeCacheControlFromInfo } from '@apollo/cache-control-types';
import { tableOfContents } from '@folio/content';
import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Authorized,
  Ctx,
  FieldResolver,
  Info,
  Int,
  Query,
  Resolver,
  Root,
} from 'type-graphql';
import { ForbiddenError, UnauthenticatedError } from '../../errors/api-errors.js';
import type { Context } from '../../graphql/context.js';
import { Role } from '../auth/role.js';
import { hasRole } from '../auth/viewer.js';
import { Section } from '../sections/section.entity.js';
import { Article } from './article.entity.js';
import { ArticlesArgs } from './article.args.js';
import { ArticleStatus } from './article-status.js';
import { contentWithheld } from './article-fields.js';
import { ArticleService, relatedLimit } from './article.service.js';
import { RELATED_CANDIDATES_PER_TAG } from './related-articles.sql.js';
import { ArticleConnection, TocEntry } from './article.types.js';
import { PublicContent } from '../../graphql/cache-control.js';
import { selectsField } from '../../graphql/selects-field.js';
import { sectionFieldsAskedFor } from './section-fields.js';
import { relatedLimitAskedFor } from './related-lookahead.js';

// Article's plain content fields (summary, dates, counts, tags...) and their withholding on
// removed pages are article-fields.ts's; these are the fields with arguments, authorization
// or their own queries.

@Resolver(() => Article)
export class ArticleResolver {
  constructor(private readonly articleService: ArticleService) {}

  @PublicContent()
  @Query(() => Article, {
    nullable: true,
    description:
      'A published article, or null. Under review or removed ones come with their moderationState. With preview: true (editors), any article.',
  })
  article(
    @Arg('slug', () => String) slug: string,
    @Arg('preview', () => Boolean, {
      nullable: true,
      description: 'Drafts and scheduled articles too; needs an editor token.',
    })
    preview: boolean | null,
    @Ctx() { viewer }: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<Article | null> {
    if (preview) {
      // Drafts are for the editor asking, never for a shared cache.
      maybeCacheControlFromInfo(info)?.setCacheHint({ maxAge: 0, scope: 'PRIVATE' });
      if (!viewer) throw new UnauthenticatedError('Previewing drafts needs an editor token.');
      if (!hasRole(viewer, [Role.EDITOR]))
        throw new ForbiddenError('Previewing drafts needs the editor role.');
      return this.articleService.findBySlug(slug, { publishedOnly: false });
    }
    // Tags only when asked for (the reader's page does; an API client reading the body may not),
    // and of each section only the fields asked for.
    return this.articleService.findBySlug(slug, {
      publishedOnly: true,
      tags: selectsField(info, 'tags'),
      sectionFields: sectionFieldsAskedFor(info),
      related: relatedLimitAskedFor(info),
    });
  }

  @PublicContent()
  @Query(() => ArticleConnection, { description: 'Published articles, newest first.' })
  articles(@Args(() => ArticlesArgs) args: ArticlesArgs): Promise<ArticleConnection> {
    return this.articleService.listPublished(args);
  }

  @Authorized(Role.EDITOR, Role.MODERATOR)
  @FieldResolver(() => ArticleStatus, { description: 'Editorial state. Staff only.' })
  status(@Root() article: Article): ArticleStatus {
    // Scheduled articles are published once their time has come.
    const due = article.publishedAt !== null && article.publishedAt.getTime() <= Date.now();
    return article.status === ArticleStatus.SCHEDULED && due
      ? ArticleStatus.PUBLISHED
      : article.status;
  }

  @FieldResolver(() => [Section], { description: 'All sections, in order.' })
  sections(@Root() article: Article, @Ctx() context: Context): Promise<Section[]> | Section[] {
    if (contentWithheld(article, context)) return [];
    return article.sections ?? context.loaders.sectionsByArticleId.load(article.id);
  }

  @FieldResolver(() => [Article], {
    description: `Other published articles sharing its tags, most shared first, then newest. They are looked for among the newest ${RELATED_CANDIDATES_PER_TAG} published articles of each of its tags, so the list is exact while its tags hold no more than that. Not available inside another article's related.`,
  })
  related(
    @Root() article: Article,
    @Arg('first', () => Int, { nullable: true, description: '0 to 10, default 3.' })
    first: number | null,
    @Ctx() context: Context,
  ): Promise<Article[]> | Article[] {
    if (contentWithheld(article, context)) return [];
    const limit = relatedLimit(first);
    // An article page read them with the article; otherwise batched: a page of 100 articles
    // asking for related runs one statement, not 100.
    if (article.prefetchedRelated?.first === limit) return article.prefetchedRelated.articles;
    return context.loaders.relatedByArticleId(limit).load(article.id);
  }

  @FieldResolver(() => [TocEntry], { description: 'Headed sections, for a table of contents.' })
  async toc(@Root() article: Article, @Ctx() context: Context): Promise<TocEntry[]> {
    return tableOfContents(await this.sections(article, context));
  }
}
