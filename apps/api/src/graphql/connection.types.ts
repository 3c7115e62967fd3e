import type { ClassType } from 'type-graphql';
import { Field, Int, ObjectType } from 'type-graphql';
import { PartOfParent } from './cache-control.js';

// Edges and page info are plain properties and getters that start no work (a cursor is
// encoded at most): `simpleResolvers`, no type-graphql handler per field. The connection
// itself keeps resolvers: its totalCount getter may run a count, and the request deadline
// guards only fields with resolvers (request-deadline.plugin.ts).
@PartOfParent()
@ObjectType({ simpleResolvers: true, description: 'Relay page information.' })
export class PageInfo {
  @Field(() => Boolean)
  hasNextPage: boolean;

  @Field(() => Boolean, { description: 'Always false: lists page forward only.' })
  hasPreviousPage: boolean;

  @Field(() => String, { nullable: true })
  startCursor: string | null;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<TNode> {
  cursor: string;
  node: TNode;
}

export interface Connection<TNode> {
  edges: Edge<TNode>[];
  pageInfo: PageInfo;
  /** A promise when counting is deferred until a client asks for it. */
  totalCount: number | Promise<number>;
}

/** A count taken now, or a query run only if and when `totalCount` is read. */
export type TotalCount = number | (() => Promise<number>);

/** A Relay connection type (`<Name>Connection` with `<Name>Edge`) for one node type. */
export function ConnectionType<TNode extends object>(name: string, nodeType: ClassType<TNode>) {
  @PartOfParent()
  @ObjectType(`${name}Edge`, { simpleResolvers: true })
  class EdgeClass {
    @Field(() => String, { description: 'Opaque and stable; pass as `after` for the next page.' })
    cursor: string;

    @Field(() => nodeType)
    node: TNode;
  }

  @PartOfParent()
  @ObjectType(`${name}Connection`)
  class ConnectionClass {
    @Field(() => [EdgeClass])
    edges: EdgeClass[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;

    @Field(() => Int, { description: 'How many items the whole list holds, across all pages.' })
    totalCount: number | Promise<number>;
  }
  return ConnectionClass;
}

/**
 * An edge whose cursor is encoded only if a client selects it: a list page reads 20 nodes and
 * most clients never ask for their cursors (the reader pages with pageInfo.endCursor).
 */
class LazyEdge<TNode> implements Edge<TNode> {
  #cursor: string | undefined;
  constructor(
    readonly node: TNode,
    private readonly cursorOf: (node: TNode) => string,
  ) {}
  get cursor(): string {
    this.#cursor ??= this.cursorOf(this.node);
    return this.#cursor;
  }
}

/**
 * A page's info, its cursors read from the edges when selected. A class, so the getters are one
 * accessor pair on the prototype: an object literal's getters closing over the request (as
 * this was) need a new pair per page, which V8 allocates in the old generation, and that pair
 * then kept the whole page (edges, articles, the rows they came from) through every young
 * collection until a full one, on every list request (README "Round eight: what the uncached
 * API promotes").
 */
class EdgesPageInfo<TNode> implements PageInfo {
  readonly hasPreviousPage = false;
  readonly #edges: readonly Edge<TNode>[];
  constructor(
    edges: readonly Edge<TNode>[],
    readonly hasNextPage: boolean,
  ) {
    this.#edges = edges;
  }
  get startCursor(): string | null {
    return this.#edges[0]?.cursor ?? null;
  }
  get endCursor(): string | null {
    return this.#edges.at(-1)?.cursor ?? null;
  }
}

/**
 * A connection whose total is counted only if a client selects it (GraphQL reads the field only
 * when asked, so a page that does not show the total costs no count(*) over the whole table).
 * A class for the reason EdgesPageInfo is one.
 */
class PageConnection<TNode> implements Connection<TNode> {
  readonly pageInfo: PageInfo;
  #total: TotalCount;
  #counted: Promise<number> | undefined;
  constructor(
    readonly edges: Edge<TNode>[],
    hasNextPage: boolean,
    total: TotalCount,
  ) {
    this.pageInfo = new EdgesPageInfo(edges, hasNextPage);
    this.#total = total;
  }
  get totalCount(): number | Promise<number> {
    const total = this.#total;
    if (typeof total === 'number') return total;
    return (this.#counted ??= total());
  }
}

/** Builds the connection from one extra row fetched past the page to learn hasNextPage. */
export function toConnection<TNode>(
  rows: TNode[],
  first: number,
  totalCount: TotalCount,
  cursorOf: (node: TNode) => string,
): Connection<TNode> {
  const edges = rows.slice(0, first).map((node) => new LazyEdge(node, cursorOf));
  return new PageConnection(edges, rows.length > first, totalCount);
}
