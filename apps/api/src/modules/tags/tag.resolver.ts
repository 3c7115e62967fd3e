import { Arg, Int, Query, Resolver } from 'type-graphql';
import { TagService } from './tag.service.js';
import { TagCount } from './tag.types.js';
import { PublicContent } from '../../graphql/cache-control.js';

@Resolver()
export class TagResolver {
  constructor(private readonly tagService: TagService) {}

  @PublicContent()
  @Query(() => [TagCount], { description: 'Tags in use on published articles, most used first.' })
  tags(
    @Arg('first', () => Int, {
      nullable: true,
      description: 'At most this many: 0 to 500, default 500.',
    })
    first: number | null,
  ): Promise<TagCount[]> {
    return this.tagService.listWithCounts(first);
  }
}
