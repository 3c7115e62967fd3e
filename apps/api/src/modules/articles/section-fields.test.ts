import { resolveInfoFor } from '../../../test/resolve-info.js';
import { sectionFieldsAskedFor } from './section-fields.js';

const asked = (query: string) => sectionFieldsAskedFor(resolveInfoFor(query));

describe('sectionFieldsAskedFor', () => {
  it('carries none of the optional fields for a body of headings, anchors, blocks and text', () => {
    expect(
      asked(
        '{ article(slug: "a") { title sections { __typename heading anchor text blocks { __typename } } } }',
      ),
    ).toEqual([]);
  });

  it('carries the optional fields asked for, in one order however they are asked', () => {
    expect(asked('{ article(slug: "a") { sections { wordCount heading id } } }')).toEqual([
      'id',
      'wordCount',
    ]);
  });

  it('carries positions for a table of contents', () => {
    expect(asked('{ article(slug: "a") { toc { anchor } sections { heading } } }')).toEqual([
      'position',
    ]);
  });

  it('carries everything for a field it does not know, or a selection it cannot read', () => {
    expect(asked('{ article(slug: "a") { sections { heading markdown } } }')).toBe('all');
    expect(asked('{ article(slug: "a") { sections { ...Missing } } }')).toBe('all');
  });
});
