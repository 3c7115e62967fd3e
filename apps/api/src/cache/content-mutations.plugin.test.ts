import { parse, type OperationDefinitionNode } from 'graphql';
import { changesContent } from './content-mutations.plugin.js';

const operation = (source: string) => parse(source).definitions[0] as OperationDefinitionNode;

describe('which mutations invalidate cached responses', () => {
  it('leaves them for a reader filing a report', () => {
    expect(changesContent(operation('mutation { submitReport(input: {}) { receipt } }'))).toBe(
      false,
    );
    expect(changesContent(operation('mutation { a: submitReport(input: {}) { receipt } }'))).toBe(
      false,
    );
  });

  it('drops them for editorial and moderation changes, even next to a report', () => {
    expect(changesContent(operation('mutation { unpublishArticle(id: "1") { id } }'))).toBe(true);
    expect(
      changesContent(
        operation('mutation { submitReport(input: {}) { receipt } resolveReport(id: "1") { id } }'),
      ),
    ).toBe(true);
    expect(
      changesContent(
        operation('mutation { ...F } fragment F on Mutation { archiveArticle(id: "1") { id } }'),
      ),
    ).toBe(true);
  });
});
