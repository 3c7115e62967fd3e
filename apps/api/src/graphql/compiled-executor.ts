import type { ApolloServerOptionsWithGateway, ApolloServerPlugin } from '@apollo/server';
import {
  execute,
  getNamedType,
  GraphQLError,
  isAbstractType,
  isObjectType,
  Kind,
  TypeInfo,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type ExecutionResult,
  type GraphQLField,
  type GraphQLFieldResolver,
  type GraphQLSchema,
  type OperationDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';

type Gateway = ApolloServerOptionsWithGateway<never>['gateway'];
type GatewayExecutor = NonNullable<Awaited<ReturnType<Gateway['load']>>['executor']>;
type GatewayRequestContext = Parameters<GatewayExecutor>[0];

/** What the executor did, for tests and for an operator wondering whether it is in use. */
export interface CompiledExecutionStats {
  /** Operations compiled since start (each once, while Apollo keeps its parsed document). */
  compiled: number;
  /** Of those, compiled with the schema's own resolvers, Apollo's field instrumentation left out. */
  compiledUnwatched: number;
  /** Executions of a compiled operation. */
  compiledRuns: number;
  /** Executions through graphql-js: not compilable, or bad variables. */
  graphqlJsRuns: number;
}

/** Per operation: its compiled form, or `false` when graphql-js keeps it. */
type Plan = CompiledQuery | false;

/** An operation's plans: for requests whose fields a plugin watches, and for the others. */
interface Plans {
  watched?: Plan;
  unwatched?: Plan;
}

/** Each field's resolver as Folio installed it (deadline guard included), before Apollo's. */
type Resolve = GraphQLFieldResolver<unknown, unknown> | undefined;
type OwnResolvers = Map<GraphQLField<unknown, unknown>, Resolve>;

/**
 * Apollo puts its field hooks' dispatcher on a request's context under a symbol of this
 * description when a plugin watches that request's fields (`willResolveField`); the symbol is
 * not exported. If a later Apollo renamed it, every request would look unwatched and lose its
 * hooks: the equality tests on cache policy and mutation announcements would fail.
 */
const APOLLO_FIELD_DISPATCHER = 'apolloServerExecutionDispatcherWillResolveField';

/** Totals over every server in this process (tests read them; cheap to keep). */
export const compiledExecutionStats: CompiledExecutionStats = {
  compiled: 0,
  compiledUnwatched: 0,
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
 * they are when it compiles. Apollo instruments every field of the schema, for good, on the
 * first request whose plugins watch fields (`willResolveField`: with the response cache, every
 * query; without it, mutations, for content-change announcements), before executing it. Only
 * such requests need the instrumentation, and on a compiled operation it turns every field,
 * plain properties included, into a resolver call with a resolve-info object. So an operation
 * is compiled once per kind of request: a watched one against the schema as Apollo left it, an
 * unwatched one against the resolvers Folio installed (taken by `plugin` when the first request
 * starts, before Apollo can have instrumented anything). Without that, an API that ever
 * received a report would compile every later query as if it were watched.
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
export function compiledExecution(schema: GraphQLSchema): {
  gateway: Gateway;
  /** Takes the schema's own resolvers when the first request starts; add it to the server. */
  plugin: ApolloServerPlugin;
} {
  const waitsForType = asynchronousTypeResolvers(schema);
  const stats = compiledExecutionStats;
  const plans = new WeakMap<OperationDefinitionNode, Plans>();
  let ownResolvers: OwnResolvers | undefined;

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

  const planFor = (rc: GatewayRequestContext): Plan => {
    const { operation, document } = rc;
    const kind = !ownResolvers || fieldsWatched(rc.context) ? 'watched' : 'unwatched';
    let plans_ = plans.get(operation);
    if (!plans_) plans.set(operation, (plans_ = {}));
    let plan = plans_[kind];
    if (plan === undefined) {
      const make = () =>
        compilable(operation) &&
        !reaches(schema, document, waitsForType) &&
        compile(schema, document, operation);
      plan = kind === 'unwatched' ? withResolvers(ownResolvers!, make) : make();
      if (plan) {
        stats.compiled += 1;
        if (kind === 'unwatched') stats.compiledUnwatched += 1;
      }
      plans_[kind] = plan;
    }
    return plan;
  };

  const executor: GatewayExecutor = async (rc) => {
    const plan = planFor(rc);
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
  const plugin: ApolloServerPlugin = {
    async requestDidStart() {
      // Every plugin's serverWillStart (the deadline guard's) has run by now, and Apollo
      // instruments fields only later in a request's life.
      ownResolvers ??= resolversOf(schema);
    },
  };
  return { gateway, plugin };
}

function resolversOf(schema: GraphQLSchema): OwnResolvers {
  const resolvers: OwnResolvers = new Map();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) resolvers.set(field, field.resolve);
  }
  return resolvers;
}

/**
 * Runs `compile` with each field's resolver as Folio installed it (or none, as then), and puts
 * back what Apollo installed since. Synchronous, so no request runs in between.
 */
function withResolvers<T>(own: OwnResolvers, compile: () => T): T {
  const swapped: Array<[GraphQLField<unknown, unknown>, Resolve]> = [];
  try {
    for (const [field, resolve] of own) {
      if (field.resolve === resolve) continue;
      swapped.push([field, field.resolve]);
      field.resolve = resolve;
    }
    return compile();
  } finally {
    for (const [field, resolve] of swapped) field.resolve = resolve;
  }
}

/** Whether a plugin watches this request's fields (Apollo's dispatcher is on its context). */
function fieldsWatched(context: object): boolean {
  return Object.getOwnPropertySymbols(context).some(
    (symbol) => symbol.description === APOLLO_FIELD_DISPATCHER,
  );
}

/**
 * Queries graphql-jit runs exactly as graphql-js does (see the equality test). Mutations stay on
 * graphql-js: a mutation is one root field and a small answer, so compiling saves nothing, and
 * paired runs of W4 (submitReport) measured it costing 9% more CPU per request compiled.
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
