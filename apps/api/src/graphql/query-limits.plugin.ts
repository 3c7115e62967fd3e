import type { ApolloServerPlugin, GraphQLRequestListener } from '@apollo/server';
import { ErrorCode } from '@folio/contract';
import {
  getVariableValues,
  GraphQLError,
  type DocumentNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { findArgumentProblem } from './argument-rules.js';
import type { Context } from './context.js';
import {
  analyzePlanned,
  planOperation,
  type OperationAnalysis,
  type OperationPlan,
} from './operation-analysis.js';

/** The limits an operation must pass, with its variables, before anything runs. */
export const OPERATION_LIMITS = {
  /** Fields, each multiplied by the list sizes above it (see operation-analysis.ts). */
  maxCost: 25_000,
  /** One full-text search per request: each is a ranked scan with snippets. */
  maxSearches: 1,
  /** `related` inside `related` would multiply a page by 10 at every level. */
  maxRelatedNesting: 1,
} as const;

/** Refused as invalid: 400, like graphql-js's own validation, and never logged as an error. */
export function operationRefused(message: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: 'GRAPHQL_VALIDATION_FAILED', http: { status: 400 } },
  });
}

/** Refused for one argument's value: 400 with the argument's name. */
export function argumentRefused(message: string, argumentName: string): GraphQLError {
  return new GraphQLError(message, {
    extensions: { code: ErrorCode.BAD_USER_INPUT, argumentName, http: { status: 400 } },
  });
}

/**
 * Runs once the operation is known and before the response cache or execution: for GET and
 * POST, literal arguments and variables, persisted queries alike. Static limits (depth,
 * aliases, directives, tokens) are graphql-armor's and graphql-js's, checked earlier.
 *
 * What does not depend on the variables is worked out once per parsed operation (Apollo's
 * document store hands back the same document for the same query string): the operation's
 * plan, and for an operation without variables the verdict itself.
 */
export function queryLimitsPlugin(): ApolloServerPlugin<Context> {
  // One listener for every request: it keeps nothing of its own between the hooks.
  const listener: GraphQLRequestListener<Context> = {
    async didResolveOperation({ operation, document, request, schema }) {
      if (!operation) return;
      const checked = checkedOperation(schema, document, operation);
      if (checked.variableFree) {
        checked.verdict ??= verdictOn(analyzePlanned(checked.plan, {}));
        if (checked.verdict) throw checked.verdict();
        return;
      }
      const coerced = getVariableValues(
        schema,
        operation.variableDefinitions ?? [],
        request.variables ?? {},
      );
      // Variables that do not fit their types: execution refuses them with graphql-js's
      // message, before any resolver runs.
      if (coerced.errors) return;
      const refuse = verdictOn(analyzePlanned(checked.plan, coerced.coerced));
      if (refuse) throw refuse();
    },
  };
  return {
    async requestDidStart() {
      return listener;
    },
  };
}

interface CheckedOperation {
  plan: OperationPlan;
  variableFree: boolean;
  /** For an operation without variables: its refusal (made anew each time), or false. */
  verdict?: (() => GraphQLError) | false;
}

const checkedOperations = new WeakMap<OperationDefinitionNode, CheckedOperation>();

function checkedOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): CheckedOperation {
  const known = checkedOperations.get(operation);
  if (known && known.plan.schema === schema) return known;
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions)
    if (definition.kind === 'FragmentDefinition') fragments[definition.name.value] = definition;
  const plan = planOperation(schema, operation, fragments);
  const checked: CheckedOperation = { plan, variableFree: plan.variableFree };
  checkedOperations.set(operation, checked);
  return checked;
}

/** How the operation is refused, or false when it passes every limit. */
function verdictOn(analysis: OperationAnalysis): (() => GraphQLError) | false {
  const problem = findArgumentProblem(analysis.arguments);
  if (problem) return () => argumentRefused(problem.message, problem.argumentName);
  if (analysis.searches > OPERATION_LIMITS.maxSearches)
    return () =>
      operationRefused(
        `At most ${OPERATION_LIMITS.maxSearches} search per request; this one asks for ${analysis.searches}.`,
      );
  if (analysis.relatedNesting > OPERATION_LIMITS.maxRelatedNesting)
    return () =>
      operationRefused(
        '"related" cannot be asked for inside "related"; ask for the related articles of one article at a time.',
      );
  if (analysis.cost > OPERATION_LIMITS.maxCost)
    return () =>
      operationRefused(
        `Query cost limit of ${OPERATION_LIMITS.maxCost} exceeded: this operation costs ${analysis.cost} with its variables (each field counts once per item of the lists above it; lower "first" or ask for fewer fields).`,
      );
  return false;
}
