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
  type FieldNode,
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

/**
 * The part of an operation's analysis that its variables cannot change, worked out once per
 * parsed operation: each selection's field definition, coordinate, list shape and page-size
 * rules, which selections carry @skip/@include, which arguments are literals. Per request only
 * the variables are applied (see evaluate). Fragments are planned once each and shared by
 * every spread, so a plan is as large as its document however often fragments are spread.
 */
export interface OperationPlan {
  schema: GraphQLSchema;
  selections: SelectionPlan[];
  /** No variables are defined, so every request of this operation analyses the same. */
  variableFree: boolean;
}

type SelectionPlan = FieldPlan | FragmentPlan | SpreadPlan;

interface FieldPlan {
  kind: 'field';
  node: FieldNode;
  /** Carries @skip or @include: evaluated with each request's variables. */
  conditional: boolean;
  field: GraphQLField<unknown, unknown>;
  coordinate: string;
  /** The key a root `search` counts under (its alias or name), else null. */
  searchKey: string | null;
  isRelated: boolean;
  isList: boolean;
  hasFirst: boolean;
  defaultFirst: number;
  isEdges: boolean;
  unpagedEstimate: number;
  hasArgs: boolean;
  /** The argument values when no variable appears in them: the same for every request. */
  literalValues: Record<string, unknown> | null;
  /** The selection under this field (null for leaves). */
  children: SelectionPlan[] | null;
}

/** An inline fragment. */
interface FragmentPlan {
  kind: 'fragment';
  node: SelectionNode;
  conditional: boolean;
  /** null: a fragment on a type this schema does not have; it counts nothing. */
  children: SelectionPlan[] | null;
}

/** A spread of a named fragment, whose plan all its spreads share. */
interface SpreadPlan {
  kind: 'spread';
  node: SelectionNode;
  conditional: boolean;
  fragment: NamedFragmentPlan;
}

interface NamedFragmentPlan {
  /** Cycles are cut by name while counting, as before (validation refuses them anyway). */
  name: string;
  children: SelectionPlan[] | null;
}

interface Planning {
  schema: GraphQLSchema;
  fragments: Record<string, FragmentDefinitionNode>;
  planned: Map<string, NamedFragmentPlan>;
}

const plans = new WeakMap<OperationDefinitionNode, OperationPlan>();

/**
 * The plan of an operation, made once per parsed operation: Apollo keeps each validated
 * document in its document store, so a query string sent again brings back the same nodes.
 */
export function planOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
): OperationPlan {
  const cached = plans.get(operation);
  if (cached && cached.schema === schema) return cached;
  const root =
    operation.operation === 'query'
      ? schema.getQueryType()
      : operation.operation === 'mutation'
        ? schema.getMutationType()
        : schema.getSubscriptionType();
  const planning: Planning = { schema, fragments, planned: new Map() };
  const plan: OperationPlan = {
    schema,
    selections: root ? planSelections(planning, root, operation.selectionSet) : [],
    variableFree: (operation.variableDefinitions?.length ?? 0) === 0,
  };
  plans.set(operation, plan);
  return plan;
}

export function analyzeOperation(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
  fragments: Record<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
): OperationAnalysis {
  return analyzePlanned(planOperation(schema, operation, fragments), variables);
}

interface Walk {
  variables: Record<string, unknown>;
  searchKeys: Set<string>;
  relatedNesting: number;
  arguments: ArgumentUse[];
}

/** The analysis of a planned operation with one request's (coerced) variables. */
export function analyzePlanned(
  plan: OperationPlan,
  variables: Record<string, unknown>,
): OperationAnalysis {
  const walk: Walk = { variables, searchKeys: new Set(), relatedNesting: 0, arguments: [] };
  const cost = selectionCost(walk, plan.selections, [], 0, null);
  return {
    cost,
    searches: walk.searchKeys.size,
    relatedNesting: walk.relatedNesting,
    arguments: walk.arguments,
  };
}

function planSelections(
  planning: Planning,
  parent: GraphQLCompositeType,
  selectionSet: SelectionSetNode,
): SelectionPlan[] {
  const selections: SelectionPlan[] = [];
  for (const selection of selectionSet.selections) {
    const conditional = (selection.directives ?? []).some(
      (directive) =>
        directive.name.value === GraphQLSkipDirective.name ||
        directive.name.value === GraphQLIncludeDirective.name,
    );
    if (selection.kind === 'InlineFragment') {
      const typed = selection.typeCondition
        ? planning.schema.getType(selection.typeCondition.name.value)
        : parent;
      selections.push({
        kind: 'fragment',
        node: selection,
        conditional,
        children:
          typed && isCompositeType(typed)
            ? planSelections(planning, typed, selection.selectionSet)
            : null,
      });
      continue;
    }
    if (selection.kind === 'FragmentSpread') {
      const fragment = planFragment(planning, selection.name.value);
      if (fragment) selections.push({ kind: 'spread', node: selection, conditional, fragment });
      continue;
    }
    const name = selection.name.value;
    if (name === '__typename') continue;
    const field = fieldDefinition(planning.schema, parent, name);
    if (!field) continue;
    const coordinate = `${parent.name}.${name}`;
    const type = getNamedType(field.type);
    selections.push({
      kind: 'field',
      node: selection,
      conditional,
      field,
      coordinate,
      searchKey:
        parent === planning.schema.getQueryType() && name === 'search'
          ? (selection.alias?.value ?? name)
          : null,
      isRelated: coordinate === 'Article.related',
      isList: getNullableType(field.type) instanceof GraphQLList,
      hasFirst: field.args.some((arg) => arg.name === 'first'),
      defaultFirst: DEFAULT_FIRST[coordinate] ?? DEFAULT_PAGE,
      isEdges: name === 'edges',
      unpagedEstimate: UNPAGED_LIST_ESTIMATES[coordinate] ?? 1,
      hasArgs: field.args.length > 0,
      literalValues: usesVariables(selection.arguments)
        ? null
        : argumentValues(field, selection, {}),
      children:
        selection.selectionSet && isCompositeType(type)
          ? planSelections(planning, type, selection.selectionSet)
          : null,
    });
  }
  return selections;
}

/** A named fragment's plan, made once and shared by its spreads (children filled in after). */
function planFragment(planning: Planning, name: string): NamedFragmentPlan | null {
  const known = planning.planned.get(name);
  if (known) return known;
  const fragment = planning.fragments[name];
  if (!fragment) return null;
  const typed = planning.schema.getType(fragment.typeCondition.name.value);
  const plan: NamedFragmentPlan = { name, children: null };
  // Registered before its selections are planned, so a cycle (refused by validation) ends here.
  planning.planned.set(name, plan);
  if (typed && isCompositeType(typed))
    plan.children = planSelections(planning, typed, fragment.selectionSet);
  return plan;
}

function usesVariables(node: unknown): boolean {
  if (node === null || typeof node !== 'object') return false;
  if (Array.isArray(node)) return node.some(usesVariables);
  const record = node as { kind?: string; value?: unknown; values?: unknown; fields?: unknown };
  if (record.kind === 'Variable') return true;
  return (
    usesVariables(record.value) || usesVariables(record.values) || usesVariables(record.fields)
  );
}

function argumentValues(
  field: GraphQLField<unknown, unknown>,
  node: FieldNode,
  variables: Record<string, unknown>,
): Record<string, unknown> {
  try {
    return getArgumentValues(field, node, variables);
  } catch {
    // Execution refuses such arguments with its own message before any resolver runs.
    return {};
  }
}

function included(walk: Walk, node: SelectionNode): boolean {
  const skip = getDirectiveValues(GraphQLSkipDirective, node, walk.variables);
  if (skip?.if === true) return false;
  const include = getDirectiveValues(GraphQLIncludeDirective, node, walk.variables);
  return include?.if !== false;
}

function fieldDefinition(schema: GraphQLSchema, parent: GraphQLCompositeType, name: string) {
  if (name === SchemaMetaFieldDef.name && parent === schema.getQueryType())
    return SchemaMetaFieldDef;
  if (name === TypeMetaFieldDef.name && parent === schema.getQueryType()) return TypeMetaFieldDef;
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
  selections: readonly SelectionPlan[],
  fragmentPath: readonly string[],
  relatedDepth: number,
  edgesPerPage: number | null,
): number {
  let cost = 0;
  for (const selection of selections) {
    if (selection.conditional && !included(walk, selection.node)) continue;
    if (selection.kind === 'fragment') {
      if (selection.children !== null)
        cost += selectionCost(walk, selection.children, fragmentPath, relatedDepth, edgesPerPage);
      continue;
    }
    if (selection.kind === 'spread') {
      const { name, children } = selection.fragment;
      if (children !== null && !fragmentPath.includes(name))
        cost += selectionCost(walk, children, [...fragmentPath, name], relatedDepth, edgesPerPage);
      continue;
    }
    const values = !selection.hasArgs
      ? NO_VALUES
      : (selection.literalValues ??
        argumentValues(selection.field, selection.node, walk.variables));
    if (selection.hasArgs)
      walk.arguments.push({ coordinate: selection.coordinate, values, field: selection.field });
    if (selection.searchKey !== null) walk.searchKeys.add(selection.searchKey);
    const nesting = selection.isRelated ? relatedDepth + 1 : relatedDepth;
    if (nesting > walk.relatedNesting) walk.relatedNesting = nesting;

    const first = selection.hasFirst
      ? typeof values.first === 'number'
        ? Math.max(values.first, 0)
        : selection.defaultFirst
      : null;
    // A connection's page size applies to its `edges`; a paged list's to itself.
    const perItem =
      first !== null && selection.isList
        ? first
        : selection.isEdges && edgesPerPage !== null
          ? edgesPerPage
          : selection.unpagedEstimate;
    const children = selection.children
      ? selectionCost(
          walk,
          selection.children,
          fragmentPath,
          nesting,
          first !== null && !selection.isList ? first : null,
        )
      : 0;
    cost += 1 + perItem * children;
  }
  return cost;
}

const NO_VALUES: Record<string, unknown> = Object.freeze({});
