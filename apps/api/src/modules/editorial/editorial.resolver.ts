import { Arg, Authorized, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import type { AuthedContext } from '../../graphql/context.js';
import { Article } from '../articles/article.entity.js';
import { ArticleStatus } from '../articles/article-status.js';
import { Role } from '../auth/role.js';
import {
  AddSectionInput,
  CreateArticleInput,
  PublishArticleInput,
  UpdateArticleInput,
  UpdateSectionInput,
} from './editorial.inputs.js';
import { EditorialService } from './editorial.service.js';
import { Revision, toRevision } from './revision.types.js';

@Authorized(Role.EDITOR)
@Resolver()
export class EditorialResolver {
  constructor(private readonly editorial: EditorialService) {}

  @Mutation(() => Article, { description: 'A new draft, from Markdown or from sections.' })
  createArticle(
    @Arg('input', () => CreateArticleInput) input: CreateArticleInput,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.createArticle(viewer, input);
  }

  @Mutation(() => Article)
  updateArticle(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateArticleInput) input: UpdateArticleInput,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.updateArticle(viewer, id, input);
  }

  @Mutation(() => Article, { description: 'Inserts a section; later ones move down by one.' })
  addSection(
    @Arg('articleId', () => ID) articleId: string,
    @Arg('input', () => AddSectionInput) input: AddSectionInput,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.addSection(viewer, articleId, input);
  }

  @Mutation(() => Article)
  updateSection(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateSectionInput) input: UpdateSectionInput,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.updateSection(viewer, id, input);
  }

  @Mutation(() => Article, { description: 'Moves a section to a position; positions stay 0..n-1.' })
  moveSection(
    @Arg('id', () => ID) id: string,
    @Arg('position', () => Int) position: number,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.moveSection(viewer, id, position);
  }

  @Mutation(() => Article)
  removeSection(
    @Arg('id', () => ID) id: string,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.removeSection(viewer, id);
  }

  @Mutation(() => Article, {
    description: 'Publishes now, or schedules for `at` when it is in the future.',
  })
  publishArticle(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => PublishArticleInput, { nullable: true }) input: PublishArticleInput | null,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.publishArticle(viewer, id, input?.at);
  }

  @Mutation(() => Article, { description: 'Back to draft: readers no longer see it.' })
  unpublishArticle(
    @Arg('id', () => ID) id: string,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.setStatus(viewer, id, ArticleStatus.DRAFT);
  }

  @Mutation(() => Article)
  archiveArticle(
    @Arg('id', () => ID) id: string,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.setStatus(viewer, id, ArticleStatus.ARCHIVED);
  }

  @Mutation(() => Article, { description: "Restores a revision's content as a new revision." })
  restoreRevision(
    @Arg('id', () => ID) id: string,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.restoreRevision(viewer, id);
  }

  @Query(() => [Revision], { description: 'Newest first, at most 200.' })
  async articleRevisions(@Arg('articleId', () => ID) articleId: string): Promise<Revision[]> {
    return (await this.editorial.listRevisions(articleId)).map(toRevision);
  }

  @Query(() => Revision, { nullable: true })
  async articleRevision(@Arg('id', () => ID) id: string): Promise<Revision | null> {
    const revision = await this.editorial.findRevision(id);
    return revision ? toRevision(revision) : null;
  }
}
