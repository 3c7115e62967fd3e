import { tableOfContents } from '@folio/content';
import { Arg, Args, Ctx, FieldResolver, Query, Resolver, Root } from 'type-graphql';
import type { Context } from '../../graphql/context.js';
import { Section } from '../sections/section.entity.js';
import { Article } from './article.entity.js';
import { ArticlesArgs } from './article.args.js';
import { ArticleService } from './article.service.js';
import { ArticleConnection, TocEntry } from './article.types.js';

@Resolver(() => Article)
export class ArticleResolver {
  constructor(private readonly articleService: ArticleService) {}

  @Query(() => Article, { nullable: true, description: 'A published article, or null.' })
  article(@Arg('slug', () => String) slug: string): Promise<Article | null> {
    return this.articleService.findPublishedBySlug(slug);
  }

  @Query(() => ArticleConnection, { description: 'Published articles, newest first.' })
  articles(@Args(() => ArticlesArgs) args: ArticlesArgs): Promise<ArticleConnection> {
    return this.articleService.listPublished(args);
  }

  @FieldResolver(() => [Section], { description: 'All sections, in order.' })
  sections(@Root() article: Article, @Ctx() { loaders }: Context): Promise<Section[]> | Section[] {
    return article.sections ?? loaders.sectionsByArticleId.load(article.id);
  }

  @FieldResolver(() => [String])
  tags(@Root() article: Article, @Ctx() { loaders }: Context): Promise<string[]> | string[] {
    return article.tagEntities?.map((tag) => tag.name) ?? loaders.tagsByArticleId.load(article.id);
  }

  @FieldResolver(() => [TocEntry], { description: 'Headed sections, for a table of contents.' })
  async toc(@Root() article: Article, @Ctx() context: Context): Promise<TocEntry[]> {
    return tableOfContents(await this.sections(article, context));
  }
}
