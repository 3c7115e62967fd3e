import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { selectsField } from './selects-field.js';

/** The resolve info of the root field `article` in `source`, as graphql-js would pass it. */
function infoFor(source: string) {
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
    (selection) => selection.kind === Kind.FIELD && selection.name.value === 'article',
  ) as never;
  return { fieldNodes, fragments };
}

describe('selectsField', () => {
  it('sees a sub-field asked for directly, and not one left out', () => {
    const info = infoFor('{ article(slug: "a") { slug tags } }');
    expect(selectsField(info, 'tags')).toBe(true);
    expect(selectsField(infoFor('{ article(slug: "a") { slug title } }'), 'tags')).toBe(false);
  });

  it('does not count a field of the same name deeper down', () => {
    const info = infoFor('{ article(slug: "a") { related { tags } sections { heading } } }');
    expect(selectsField(info, 'tags')).toBe(false);
    expect(selectsField(info, 'related')).toBe(true);
  });

  it('looks through inline fragments and named fragments, nested, once each', () => {
    const info = infoFor(`
      query { article(slug: "a") { ...Card ... on Article { title } } }
      fragment Card on Article { slug ...Labels ...Card2 }
      fragment Card2 on Article { ...Card }
      fragment Labels on Article { ... on Article { tags } }
    `);
    expect(selectsField(info, 'tags')).toBe(true);
    expect(selectsField(info, 'author')).toBe(false);
  });

  it('counts a sub-field under @skip or @include as asked for', () => {
    const info = infoFor('query ($t: Boolean!) { article(slug: "a") { tags @include(if: $t) } }');
    expect(selectsField(info, 'tags')).toBe(true);
  });

  it('looks at every node of a field asked for twice under one name', () => {
    const info = infoFor('{ article(slug: "a") { slug } article(slug: "a") { tags } }');
    expect(selectsField(info, 'tags')).toBe(true);
  });
});
