import { Arg, Authorized, ID, Int, Query, Resolver } from 'type-graphql';
import { Article } from '../articles/article.entity.js';
import { ArticleStatus, ModerationState } from '../articles/article-status.js';
import { ArticleConnection } from '../articles/article.types.js';
import { Role } from '../auth/role.js';
import type { EditorialArticlesService } from './editorial-articles.service.js';

/** Studio's article lists and editor: every article, whatever its state. Never cached. */
@Authorized(Role.EDITOR, Role.MODERATOR)
@Resolver()
export class EditorialArticlesResolver {
  constructor(private readonly articles: EditorialArticlesService) {}

  @Query(() => ArticleConnection, {
    description:
      'Staff only. All articles, most recently changed first; filter by status (a scheduled one whose time came counts as PUBLISHED), moderation state and words in the title, slug or text.',
  })
  editorialArticles(
    @Arg('status', () => ArticleStatus, { nullable: true }) status: ArticleStatus | null,
    @Arg('moderationState', () => ModerationState, { nullable: true })
    moderationState: ModerationState | null,
    @Arg('query', () => String, { nullable: true }) query: string | null,
    @Arg('first', () => Int, { nullable: true, description: '0 to 100, default 20.' })
    first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<ArticleConnection> {
    return this.articles.list({ status, moderationState, query, first, after });
  }

  @Query(() => Article, {
    nullable: true,
    description: 'Staff only. Any article by id, drafts included, with its sections.',
  })
  editorialArticle(@Arg('id', () => ID) id: string): Promise<Article | null> {
    return this.articles.findById(id);
  }
}
