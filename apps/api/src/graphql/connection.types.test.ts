import { getHeapSpaceStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { toConnection, type Connection } from './connection.types.js';

// What a list page costs in memory after its request: toConnection returned object literals
// whose getters closed over the page, and V8 allocates the accessor pair of such a literal in
// the old generation, so every page stayed reachable through young collections until a full
// one (README "Round eight: what the uncached API promotes").

interface Node {
  id: number;
  payload?: unknown[];
}

const cursorOf = (node: Node) => `c${node.id}`;

function page(rows: number, payload = 0): Node[] {
  return Array.from({ length: rows }, (_, id) => ({
    id,
    payload: payload ? Array.from({ length: payload }, (_, n) => ({ n })) : undefined,
  }));
}

/** Own getters and setters of a connection and its page info. */
function ownAccessors(connection: Connection<Node>): string[] {
  const found: string[] = [];
  for (const [name, part] of Object.entries({ connection, pageInfo: connection.pageInfo }))
    for (const [key, descriptor] of Object.entries(Object.getOwnPropertyDescriptors(part)))
      if (descriptor.get || descriptor.set) found.push(`${name}.${key}`);
  return found;
}

describe('toConnection', () => {
  it('answers a page: edges, page info from one row past it, cursors of its ends', () => {
    const connection = toConnection(page(3), 2, 7, cursorOf);
    expect(connection.edges.map((edge) => [edge.node.id, edge.cursor])).toEqual([
      [0, 'c0'],
      [1, 'c1'],
    ]);
    expect(connection.totalCount).toBe(7);
    const { hasNextPage, hasPreviousPage } = connection.pageInfo;
    expect({ hasNextPage, hasPreviousPage, ...pageInfoCursors(connection) }).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: 'c0',
      endCursor: 'c1',
    });
    const last = toConnection(page(2), 2, 2, cursorOf);
    expect(last.pageInfo.hasNextPage).toBe(false);
    const empty = toConnection(page(0), 20, 0, cursorOf);
    expect(pageInfoCursors(empty)).toEqual({ startCursor: null, endCursor: null });
  });

  it('counts only when totalCount is read, and once', async () => {
    let counts = 0;
    const connection = toConnection(page(1), 20, async () => ++counts * 10, cursorOf);
    expect(counts).toBe(0);
    expect(await connection.totalCount).toBe(10);
    expect(await connection.totalCount).toBe(10);
    expect(counts).toBe(1);
  });

  it('makes no accessor per page: 20 pages share one getter each', () => {
    const pages = Array.from({ length: 20 }, () =>
      toConnection(page(3), 2, async () => 3, cursorOf),
    );
    for (const connection of pages) expect(ownAccessors(connection)).toEqual([]);
    const getters = (pick: (connection: Connection<Node>) => object, key: string) =>
      new Set(
        pages.map((connection) => {
          let holder: object | null = pick(connection);
          while (holder && !Object.getOwnPropertyDescriptor(holder, key))
            holder = Object.getPrototypeOf(holder);
          return holder && Object.getOwnPropertyDescriptor(holder, key)?.get;
        }),
      );
    expect(getters((connection) => connection, 'totalCount').size).toBe(1);
    expect(getters((connection) => connection.pageInfo, 'endCursor').size).toBe(1);
    expect(getters((connection) => connection.pageInfo, 'startCursor').size).toBe(1);
  });

  it("lets a young collection free a finished page's nodes", () => {
    // Each page here carries 20 nodes of 1,250 small objects each that nothing holds once the
    // page has been read (as a request reads it: edges, cursors, the total), and starts on an
    // empty young generation. Two young collections then promote whatever is still held.
    // Measured against the same nodes held on purpose, the pages may leave behind a quarter of
    // what they carried at most (the object literals' getters left all of it).
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as (options?: { type: 'minor' | 'major' }) => void;
    const promotedBy = (work: () => unknown) => {
      gc();
      const before = oldGenerationBytes();
      const kept = work();
      gc({ type: 'minor' });
      gc({ type: 'minor' });
      const promoted = oldGenerationBytes() - before;
      void kept;
      return promoted;
    };
    const count = async () => 21;
    const read = (rows: Node[]) => {
      const connection = toConnection(rows, 20, count, cursorOf);
      void connection.totalCount;
      void connection.edges.map((edge) => edge.cursor);
      pageInfoCursors(connection);
    };
    const pages = 8;
    // What the same pages leave without their payloads: the pages' own share.
    const plain = promotedBy(() => {
      for (let i = 0; i < pages; i++) {
        gc({ type: 'minor' });
        read(page(21));
      }
    });
    const left = promotedBy(() => {
      for (let i = 0; i < pages; i++) {
        gc({ type: 'minor' });
        read(page(21, 1_250));
      }
    });
    // Last: nodes that survive young collections teach V8 to allocate the next ones old.
    const oneHeld = promotedBy(() => {
      gc({ type: 'minor' });
      return page(21, 1_250);
    });
    expect(oneHeld).toBeGreaterThan(2 ** 19);
    expect(left - plain).toBeLessThan((pages * oneHeld) / 4);
  });
});

function pageInfoCursors(connection: Connection<Node>) {
  return { startCursor: connection.pageInfo.startCursor, endCursor: connection.pageInfo.endCursor };
}

/** Bytes used outside the young generation. */
function oldGenerationBytes(): number {
  return getHeapSpaceStatistics()
    .filter((space) => !space.space_name.startsWith('new_'))
    .reduce((sum, space) => sum + space.space_used_size, 0);
}
