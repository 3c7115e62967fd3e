import { parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { contentFields } from './content-mutations.plugin.js';

function fieldsOf(source: string): string[] {
  const document = parse(source);
  const fragments: Record<string, FragmentDefinitionNode> = {};
  for (const definition of document.definitions)
    if (definition.kind === 'FragmentDefinition') fragments[definition.name.value] = definition;
  return contentFields(document.definitions[0] as OperationDefinitionNode, fragments);
}

describe('which mutation fields may invalidate cached responses', () => {
  it('none for a reader filing a report, or for __typename alone', () => {
    expect(fieldsOf('mutation { submitReport(input: {}) { receipt } }')).toEqual([]);
    expect(fieldsOf('mutation { a: submitReport(input: {}) { receipt } }')).toEqual([]);
    expect(fieldsOf('mutation { __typename }')).toEqual([]);
    expect(fieldsOf('mutation { ... on Mutation { __typename } }')).toEqual([]);
  });

  it('editorial and moderation changes, by response key, even next to a report or in fragments', () => {
    expect(fieldsOf('mutation { unpublishArticle(id: "1") { id } }')).toEqual(['unpublishArticle']);
    expect(
      fieldsOf('mutation { submitReport(input: {}) { receipt } r: resolveReport(id: "1") { id } }'),
    ).toEqual(['r']);
    expect(
      fieldsOf('mutation { ...F } fragment F on Mutation { archiveArticle(id: "1") { id } }'),
    ).toEqual(['archiveArticle']);
  });
});
