import { Arg, Int, Query, Resolver } from 'type-graphql';
import { SearchService } from './search.service.js';
import { SearchConnection } from './search.types.js';
import { PublicContent } from '../../graphql/cache-control.js';

@Resolver()
export class SearchResolver {
  constructor(private readonly searchService: SearchService) {}

  @PublicContent()
  @Query(() => SearchConnection, {
    description: 'Ranked full-text search over published articles, with highlighted snippets.',
  })
  search(
    @Arg('query', () => String, {
      description: 'Plain words; "quoted phrases", or and -word work.',
    })
    query: string,
    @Arg('first', () => Int, { nullable: true, description: 'Page size: 0 to 50, default 20.' })
    first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
  ): Promise<SearchConnection> {
    return this.searchService.search({ query, first, after });
  }
}
