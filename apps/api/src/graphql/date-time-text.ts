import { GraphQLScalarType, type GraphQLSchema } from 'graphql';

const AS_TEXT = Symbol('folio.dateTimeAsText');

/**
 * graphql-scalars' DateTime serializes a value into a Date, which JSON.stringify then turns
 * into text by calling its toJSON: on a page of 20 articles that call took about as long as
 * writing the rest of the answer (V8 leaves its fast path for every object with a toJSON).
 * This makes the schema's DateTime hand out that same text at once: the same validation and
 * errors (graphql-scalars' own serialize runs first), the same bytes in every answer
 * (`toISOString` is what Date's toJSON returns); parsing arguments is left as it was.
 *
 * The scalar is graphql-scalars' shared instance, so this holds for every schema using it in
 * this process; it is installed once.
 */
export function serializeDateTimesAsText(schema: GraphQLSchema): void {
  const type = schema.getType('DateTime');
  if (!(type instanceof GraphQLScalarType)) return;
  const marked = type as GraphQLScalarType & { [AS_TEXT]?: true };
  if (marked[AS_TEXT]) return;
  const toDate = type.serialize.bind(type);
  type.serialize = (value: unknown) => {
    const date = toDate(value);
    return date instanceof Date ? date.toISOString() : date;
  };
  Object.defineProperty(marked, AS_TEXT, { value: true });
}
