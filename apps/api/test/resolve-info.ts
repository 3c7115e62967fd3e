import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';

/** The resolve info graphql-js would pass the root field `name` of `source` (its nodes and fragments). */
export function resolveInfoFor(source: string, name = 'article') {
  const document = parse(source);
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION,
  )!;
  const fragments = Object.fromEntries(
    document.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode =>
          definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((definition) => [definition.name.value, definition]),
  );
  const fieldNodes = operation.selectionSet.selections.filter(
    (selection) => selection.kind === Kind.FIELD && selection.name.value === name,
  ) as never;
  return { fieldNodes, fragments };
}
