import { isUnionType, type GraphQLResolveInfo } from 'graphql';
import { buildFolioSchema } from '../../app-modules.js';

// Every block of an article is typed by a lookup, answered at once: no promise per block.

describe("the Block union's members", () => {
  it('are named at once from the stored type, and not at all for an unknown one', async () => {
    const { schema } = await buildFolioSchema(null);
    const union = schema.getType('Block');
    if (!isUnionType(union)) throw new Error('Block is not a union');
    const resolve = (type: string) =>
      union.resolveType!({ type }, {}, {} as GraphQLResolveInfo, union);
    expect(['paragraph', 'list', 'quote', 'code', 'image'].map(resolve)).toEqual([
      'Paragraph',
      'List',
      'Quote',
      'Code',
      'Image',
    ]);
    expect(resolve('video')).toBeUndefined();
  });
});
