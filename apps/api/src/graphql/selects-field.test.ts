import { resolveInfoFor as infoFor } from '../../test/resolve-info.js';
import { selectsField, subfieldsOf } from './selects-field.js';

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

describe('subfieldsOf', () => {
  it('lists what is asked for under a field, every selection of it and through fragments', () => {
    const info = infoFor(`
      query { article(slug: "a") { sections { heading ...Body } body: sections { id } } }
      fragment Body on Section { ... on Section { blocks { __typename } } text }
    `);
    expect(subfieldsOf(info, 'sections')).toEqual(new Set(['heading', 'blocks', 'text', 'id']));
  });

  it('is empty for a field not asked for, and cannot tell past an undefined fragment', () => {
    expect(subfieldsOf(infoFor('{ article(slug: "a") { title } }'), 'sections')).toEqual(new Set());
    expect(
      subfieldsOf(infoFor('{ article(slug: "a") { sections { ...Missing } } }'), 'sections'),
    ).toBeNull();
  });
});
