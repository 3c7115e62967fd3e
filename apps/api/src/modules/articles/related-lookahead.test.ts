import { resolveInfoFor } from '../../../test/resolve-info.js';
import { relatedLimitAskedFor } from './related-lookahead.js';

const asked = (query: string, variableValues: Record<string, unknown> = {}) =>
  relatedLimitAskedFor({ ...resolveInfoFor(query), variableValues });

describe('relatedLimitAskedFor', () => {
  it('reads the limit asked for, the default when first is left out or null', () => {
    expect(asked('{ article(slug: "a") { title related { slug } } }')).toBe(3);
    expect(asked('{ article(slug: "a") { related(first: null) { slug } } }')).toBe(3);
    expect(asked('{ article(slug: "a") { related(first: 5) { slug } } }')).toBe(5);
  });

  it('reads it through variables and fragments', () => {
    const query =
      'query ($n: Int) { article(slug: "a") { ...Page } } fragment Page on Article { ... on Article { related(first: $n) { slug } } }';
    expect(asked(query, { n: 7 })).toBe(7);
    expect(asked(query, {})).toBe(3);
  });

  it('leaves related to its field when not asked, asked for none, or asked in two sizes', () => {
    expect(asked('{ article(slug: "a") { title tags } }')).toBeNull();
    expect(asked('{ article(slug: "a") { related(first: 0) { slug } } }')).toBeNull();
    expect(
      asked('{ article(slug: "a") { few: related(first: 2) { slug } more: related { slug } } }'),
    ).toBeNull();
    expect(asked('{ article(slug: "a") { ...Missing } }')).toBeNull();
  });

  it('leaves a first the field will refuse to the field, which answers it with its error', () => {
    expect(asked('{ article(slug: "a") { related(first: 11) { slug } } }')).toBeNull();
    expect(
      asked('query ($n: Int) { article(slug: "a") { related(first: $n) { slug } } }', { n: -1 }),
    ).toBeNull();
  });
});
