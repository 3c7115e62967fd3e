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
import { RevisionDiff, type DiffLineKind, type SectionChangeKind } from './revision-diff.types.js';
import { Revision, toRevision } from './revision.types.js';

/** Optional everywhere: Studio always sends it; integrations may leave it out. */
const ExpectedVersion = () =>
  Arg('expectedVersion', () => Int, {
    nullable: true,
    description:
      "The article's `version` this change is based on; if another save came first, EDIT_CONFLICT and nothing is saved.",
  });

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
    @ExpectedVersion() expectedVersion: number | null,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.updateArticle(viewer, id, input, expectedVersion);
  }

  @Mutation(() => Article, { description: 'Inserts a section; later ones move down by one.' })
  addSection(
    @Arg('articleId', () => ID) articleId: string,
    @Arg('input', () => AddSectionInput) input: AddSectionInput,
    @ExpectedVersion() expectedVersion: number | null,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.addSection(viewer, articleId, input, expectedVersion);
  }

  @Mutation(() => Article)
  updateSection(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => UpdateSectionInput) input: UpdateSectionInput,
    @ExpectedVersion() expectedVersion: number | null,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.updateSection(viewer, id, input, expectedVersion);
  }

  @Mutation(() => Article, { description: 'Moves a section to a position; positions stay 0..n-1.' })
  moveSection(
    @Arg('id', () => ID) id: string,
    @Arg('position', () => Int) position: number,
    @ExpectedVersion() expectedVersion: number | null,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.moveSection(viewer, id, position, expectedVersion);
  }

  @Mutation(() => Article)
  removeSection(
    @Arg('id', () => ID) id: string,
    @ExpectedVersion() expectedVersion: number | null,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.removeSection(viewer, id, expectedVersion);
  }

  @Mutation(() => Article, {
    description: 'Publishes now, or schedules for `at` when it is in the future.',
  })
  publishArticle(
    @Arg('id', () => ID) id: string,
    @Arg('input', () => PublishArticleInput, { nullable: true }) input: PublishArticleInput | null,
    @ExpectedVersion() expectedVersion: number | null,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.publishArticle(viewer, id, input?.at, expectedVersion);
  }

  @Mutation(() => Article, { description: 'Back to draft: readers no longer see it.' })
  unpublishArticle(
    @Arg('id', () => ID) id: string,
    @ExpectedVersion() expectedVersion: number | null,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.setStatus(viewer, id, ArticleStatus.DRAFT, expectedVersion);
  }

  @Mutation(() => Article)
  archiveArticle(
    @Arg('id', () => ID) id: string,
    @ExpectedVersion() expectedVersion: number | null,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.setStatus(viewer, id, ArticleStatus.ARCHIVED, expectedVersion);
  }

  @Mutation(() => Article, { description: "Restores a revision's content as a new revision." })
  restoreRevision(
    @Arg('id', () => ID) id: string,
    @ExpectedVersion() expectedVersion: number | null,
    @Ctx() { viewer }: AuthedContext,
  ): Promise<Article> {
    return this.editorial.restoreRevision(viewer, id, expectedVersion);
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

  @Query(() => RevisionDiff, {
    description:
      "What changed between two revisions of an article, by number (a revision's number is the article's version then); `to` defaults to the latest.",
  })
  async articleRevisionDiff(
    @Arg('articleId', () => ID) articleId: string,
    @Arg('from', () => Int) from: number,
    @Arg('to', () => Int, { nullable: true }) to: number | null,
  ): Promise<RevisionDiff> {
    const result = await this.editorial.revisionDiff(articleId, from, to);
    const lines = (list: Array<{ kind: string; text: string }>) =>
      list.map((line) => ({ kind: line.kind as DiffLineKind, text: line.text }));
    return {
      articleId,
      from: toRevision(result.from),
      to: toRevision(result.to),
      changedFields: result.diff.changedFields,
      fields: result.diff.fields.map((field) => ({ ...field, lines: lines(field.lines) })),
      sections: result.diff.sections.map((section) => ({
        ...section,
        change: section.change as SectionChangeKind,
        lines: lines(section.lines),
      })),
    };
  }
}
