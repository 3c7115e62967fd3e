import {
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getNullableType,
  GraphQLIncludeDirective,
  GraphQLList,
  GraphQLSkipDirective,
  isCompositeType,
  SchemaMetaFieldDef,
  TypeMetaFieldDef,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionNode,
  type SelectionSetNode,
} from 'graphql';

/**
 * What an operation will cost, worked out before it runs, with the request's variables and
 * the arguments' defaults: every field counts 1, and everything under a list counts once per
 * item the list may hold (a page's `first`, or an estimate for unpaged lists).
 */
export interface OperationAnalysis {
  cost: number;
  /** Distinct `search` root fields (aliases count; the same field spread twice does not). */
  searches: number;
  /** How deep `related` sits inside `related` (1: not nested). */
  relatedNesting: number;
  /** Every argument value as coerced, with where it was given. */
  arguments: ArgumentUse[];
}

export interface ArgumentUse {
  /** `Type.field`, e.g. `Query.articles`. */
  coordinate: string;
  values: Record<string, unknown>;
  field: GraphQLField<unknown, unknown>;
}

/** Page sizes when `first` is not given, as the services apply them. */
const DEFAULT_FIRST: Record<string, number> = {
  'Article.related': 3,
  'Query.tags': 500,
};
const DEFAULT_PAGE = 20;
/**
 * Lists with no `first` that are rows of their own: a generous typical size. Other unpaged
 * lists (blocks, inlines, tags, snippets) come inside their parent's row and count once.
 */
export const UNPAGED_LIST_ESTIMATES: Record<string, number> = {
  'Article.sections': 10,
  'Article.toc': 10,
};

interface Walk {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  variables: Record<string, unknown>;
  searchKeys: Set<string>;
  relatedNesting: number;
  arguments: ArgumentUse[];
}

export function analyzeOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): OperationAnalysis {
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const walk: Walk = {
    schema,
    fragments,
    variables,
    searchKeys: new Set(),
    relatedNesting: 0,
    arguments: [],
  };
  const cost = root ? selectionCost(walk, root, operation.selectionSet, [], 0, null) : 0;
  return {
    cost,
    searches: walk.searchKeys.size,
    relatedNesting: walk.relatedNesting,
    arguments: walk.arguments,
  };
}

function included(walk: Walk, node: SelectionNode): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, walk.variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, walk.variables);
  return include?.if !== false;
}

function fieldDefinition(walk: Walk, parent: GraphQLCompositeType, name: string) {
  if (name === SchemaMetaFieldDef.name && parent === walk.schema.getQueryType())
    return SchemaMetaFieldDef;
  if (name === TypeMetaFieldDef.name && parent === walk.schema.getQueryType())
    return TypeMetaFieldDef;
  return 'getFields' in parent ? parent.getFields()[name] : undefined;
}

/**
 * @param fragmentPath fragments being expanded, so a cycle (already refused by validation)
 *   can never loop here
 * @param relatedDepth how many `related` fields enclose this selection
 * @param edgesPerPage the page size of the connection this selection belongs to, if any
 */
function selectionCost(
  walk: Walk,
  parent: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
  fragmentPath: string[],
  relatedDepth: number,
  edgesPerPage: number | null,
): number {
  let cost = 0;
  for (const selection of selectionSet.selections) {
    if (!included(walk, selection)) continue;
    if (selection.kind === 'InlineFragment') {
      const typed = selection.typeCondition
        ? walk.schema.getType(selection.typeCondition.name.value)
        : parent;
      if (typed && isCompositeType(typed))
        cost += selectionCost(
          walk,
          typed,
          selection.selectionSet,
          fragmentPath,
          relatedDepth,
          edgesPerPage,
        );
      continue;
    }
    if (selection.kind === 'FragmentSpread') {
      const name = selection.name.value;
      const fragment = walk.fragments[name];
      if (!fragment || fragmentPath.includes(name)) continue;
      const typed = walk.schema.getType(fragment.typeCondition.name.value);
      if (typed && isCompositeType(typed))
        cost += selectionCost(
          walk,
          typed,
          fragment.selectionSet,
          [...fragmentPath, name],
          relatedDepth,
          edgesPerPage,
        );
      continue;
    }
    const name = selection.name.value;
    if (name === '__typename') continue;
    const field = fieldDefinition(walk, parent, name);
    if (!field) continue;
    const coordinate = `${parent.name}.${name}`;
    let values: Record<string, unknown> = {};
    try {
      values = getArgumentValues(field, selection, walk.variables);
    } catch {
      // Execution refuses such arguments with its own message before any resolver runs.
    }
    if (field.args.length > 0) walk.arguments.push({ coordinate, values, field });
    if (parent === walk.schema.getQueryType() && name === 'search')
      walk.searchKeys.add(selection.alias?.value ?? name);
    const nesting = coordinate === 'Article.related' ? relatedDepth + 1 : relatedDepth;
    walk.relatedNesting = Math.max(walk.relatedNesting, nesting);

    const isList = getNullableType(field.type) instanceof GraphQLList;
    const hasFirst = field.args.some((arg) => arg.name === 'first');
    const first = hasFirst
      ? typeof values.first === 'number'
        ? Math.max(values.first, 0)
        : (DEFAULT_FIRST[coordinate] ?? DEFAULT_PAGE)
      : null;
    // A connection's page size applies to its `edges`; a paged list's to itself.
    const perItem =
      first !== null && isList
        ? first
        : name === 'edges' && edgesPerPage !== null
          ? edgesPerPage
          : (UNPAGED_LIST_ESTIMATES[coordinate] ?? 1);
    const type = getNamedType(field.type);
    const children =
      selection.selectionSet && isCompositeType(type)
        ? selectionCost(
            walk,
            type,
            selection.selectionSet,
            fragmentPath,
            nesting,
            first !== null && !isList ? first : null,
          )
        : 0;
    cost += 1 + perItem * children;
  }
  return cost;
}
