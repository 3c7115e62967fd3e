import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import {
  execute,
  getNamedType,
  GraphQLError,
  isAbstractType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import {
  installLeanGatewayRequestContext,
  type GatewayRequestContext,
} from './gateway-request-context.js';

type Gateway = ApolloServerOptionsWithGateway<never>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;

/** What the executor did, for tests and for an operator wondering whether it is in use. */
export interface CompiledExecutionStats {
  /** Operations compiled since start (each once, while Apollo keeps its parsed document). */
  compiled: number;
  /** Executions of a compiled operation. */
  compiledRuns: number;
  /** Executions through graphql-js: not compilable, or bad variables. */
  graphqlJsRuns: number;
}

/** Per operation: its compiled form, or `false` when graphql-js keeps it. */
type Plan = CompiledQuery | false;

/** Totals over every server in this process (tests read them; cheap to keep). */
export const compiledExecutionStats: CompiledExecutionStats = {
  compiled: 0,
  compiledRuns: 0,
  graphqlJsRuns: 0,
};

/**
 * Runs Apollo Server's operations as compiled JavaScript (graphql-jit) instead of graphql-js's
 * interpreter, which walks every field of every object and looks up its type, resolver and
 * serialiser each time.
 *
 * It plugs in through Apollo's executor seam (the `gateway` option), so everything before and
 * after execution stays Apollo's: parsing and validation (its document store), plugins (armor,
 * query limits, the deadline, the response cache, content-mutation announcements), error
 * formatting and masking, HTTP statuses. Resolvers are the schema's own, wrappers included (the
 * deadline guard, Apollo's `willResolveField` instrumentation when a plugin asks for it, which
 * is how cache hints and mutation announcements keep working), because graphql-jit calls each
 * field's `resolve` with a resolve info of the same shape. graphql-jit takes the resolvers as
 * they are when it compiles: Apollo instruments every field of the schema, for good, on the
 * first request whose plugins watch fields (`willResolveField`: with the response cache, every
 * query), before executing it, and only such requests need the instrumentation, so nothing
 * compiled earlier misses it. Without the response cache nothing watches fields (content
 * mutations are watched by a wrapper on their own root fields, cache/content-mutations.plugin.ts),
 * so the compiled code reads plain properties as properties (`graphql/data-only-fields.ts`).
 *
 * An operation is compiled on its first execution and kept on the operation's node of the
 * document Apollo hands over (a WeakMap: Apollo's document store returns the same parsed
 * document for the same query, and when it evicts one, the compiled code goes with it), so this
 * cache is bounded by Apollo's. Compiling a document costs about 1.5 times validating it (the
 * reader's article page: 7.5 against 4.7 ms on a loaded machine), which every new document
 * already pays, and the query limits bound a document's size.
 *
 * What stays on graphql-js, answer for answer the same as before: mutations (see `compilable`),
 * subscriptions and introspection (`__schema`, `__type`) and root fragments, which nothing hot uses; operations
 * graphql-jit refuses to compile; and requests whose variables are invalid, so their errors
 * (BAD_USER_INPUT, status 400) are graphql-js's word for word; and operations reaching an
 * abstract type whose `resolveType` is async, which graphql-jit cannot await (Folio's one union,
 * Block, is typed synchronously: `resolveBlocksAtOnce` in modules/sections/block.types.ts).
 */
export function compiledExecutionGateway(schema: GraphQLSchema): Gateway {
  // Apollo's own gateway request context cost every executed request a trip through the old
  // generation, and then every request at all its place there (see gateway-request-context.ts).
  installLeanGatewayRequestContext();
  const waitsForType = asynchronousTypeResolvers(schema);
  const stats = compiledExecutionStats;
  const plans = new WeakMap<OperationDefinitionNode, Plan>();

  const interpreted = (rc: GatewayRequestContext): Promise<ExecutionResult> => {
    stats.graphqlJsRuns += 1;
    // As Apollo calls graphql-js without an executor of its own (no root value, no field
    // resolver of its own).
    return Promise.resolve(
      execute({
        schema,
        document: rc.document,
        contextValue: rc.context,
        variableValues: rc.request.variables,
        operationName: rc.request.operationName,
      }),
    );
  };

  const planFor = (operation: OperationDefinitionNode, document: DocumentNode): Plan => {
    let plan = plans.get(operation);
    if (plan === undefined) {
      plan =
        compilable(operation) &&
        !reaches(schema, document, waitsForType) &&
        compile(schema, document, operation);
      if (plan) stats.compiled += 1;
      plans.set(operation, plan);
    }
    return plan;
  };

  const executor: GatewayExecutor = async (rc) => {
    const plan = planFor(rc.operation, rc.document);
    if (!plan) return interpreted(rc);
    const result = await plan.query(undefined, rc.context, rc.request.variables);
    // No data at all: the variables were refused before anything ran. graphql-js says why in
    // its own words (Apollo recognises those as BAD_USER_INPUT).
    if (result.data === undefined) return interpreted(rc);
    stats.compiledRuns += 1;
    if (!result.errors?.length) return { data: result.data };
    // In graphql-js's order, errors first (Apollo's HTTP answer orders them anyway).
    return { errors: result.errors.map(asGraphqlJsError), data: result.data };
  };

  const gateway: Gateway = {
    async load() {
      return { executor };
    },
    onSchemaLoadOrUpdate(callback) {
      // Apollo calls this before load(); the schema never changes afterwards.
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    async stop() {},
  };
  return gateway;
}

/**
 * Queries graphql-jit runs exactly as graphql-js does (see the equality test). Mutations stay on
 * graphql-js: a mutation is one root field and a small answer, so compiling saves nothing, and
 * paired runs of W4 (submitReport) measured it costing 7 to 10% more CPU per request compiled.
 */
function compilable(operation: OperationDefinitionNode): boolean {
  if (operation.operation !== 'query') return false;
  return operation.selectionSet.selections.every(
    (selection) =>
      selection.kind === Kind.FIELD &&
      (!selection.name.value.startsWith('__') || selection.name.value === '__typename'),
  );
}

/**
 * Abstract types whose `resolveType` is an async function: graphql-jit needs the type at once,
 * so operations that reach one stay on graphql-js (none in Folio's schema once its unions'
 * resolvers are synchronous; this keeps a future one from failing at run time).
 */
function asynchronousTypeResolvers(schema: GraphQLSchema): Set<string> {
  return new Set(
    Object.values(schema.getTypeMap())
      .filter(isAbstractType)
      .filter((type) => type.resolveType?.constructor.name === 'AsyncFunction')
      .map((type) => type.name),
  );
}

/** Whether any field of the document returns one of these types. */
function reaches(schema: GraphQLSchema, document: DocumentNode, typeNames: Set<string>): boolean {
  if (typeNames.size === 0) return false;
  const typeInfo = new TypeInfo(schema);
  let found = false;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field() {
        const type = typeInfo.getType();
        if (type && typeNames.has(getNamedType(type).name)) found = true;
      },
    }),
  );
  return found;
}

function compile(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
): CompiledQuery | false {
  try {
    const compiled = compileQuery(schema, document, operation.name?.value);
    return isCompiledQuery(compiled) ? compiled : false;
  } catch {
    // Whatever graphql-jit cannot compile, graphql-js still answers.
    return false;
  }
}

/**
 * graphql-jit's errors are its own GraphQLError look-alike: no `extensions` object when the
 * thrown error had none (Apollo's error formatting expects one) and no AST nodes. This makes the
 * error graphql-js would have made: the thrown error itself if it already carries its path,
 * otherwise one with the same message, locations, path, extensions and original error.
 */
function asGraphqlJsError(error: GraphQLError): GraphQLError {
  const original = error.originalError;
  if (original instanceof GraphQLError && Array.isArray(original.path)) return original;
  const rebuilt = new GraphQLError(error.message, {
    path: error.path,
    originalError: original ?? undefined,
  });
  if (error.locations) {
    Object.defineProperty(rebuilt, 'locations', {
      value: error.locations,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return rebuilt;
}
