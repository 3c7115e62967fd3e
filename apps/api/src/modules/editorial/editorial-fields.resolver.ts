import DataLoader from 'dataloader';
import { Authorized, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import type { DataSource } from 'typeorm';
import type { Context } from '../../graphql/context.js';
import { Article } from '../articles/article.entity.js';
import { Role } from '../auth/role.js';
import { createVersionLoader, writtenVersion } from './article-version.js';

/** Fields of Article that only staff see, for editing. */
@Resolver(() => Article)
export class EditorialFieldsResolver {
  /** One loader per request (keyed by its context), so a list costs one query. */
  private readonly loaders = new WeakMap<Context, DataLoader<string, number>>();

  constructor(private readonly dataSource: DataSource) {}

  @Authorized(Role.EDITOR, Role.MODERATOR)
  @FieldResolver(() => Int, {
    description:
      'Staff only. Goes up by one with every save (it is the latest revision number); send it back as `expectedVersion` to save safely.',
  })
  version(@Root() article: Article, @Ctx() context: Context): number | Promise<number> {
    const known = writtenVersion(article);
    if (known !== undefined) return known;
    let loader = this.loaders.get(context);
    if (!loader) {
      loader = createVersionLoader(this.dataSource);
      this.loaders.set(context, loader);
    }
    return loader.load(article.id);
  }
}
