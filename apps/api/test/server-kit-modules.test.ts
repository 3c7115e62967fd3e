import { execFileSync } from 'node:child_process';
import path from 'node:path';

// What the API loads from the plumbing it shares with the reader and Studio. Each module a
// server loads stays in its heap for good (its source, two bytes a character when it holds any
// character past Latin-1), so the API must not load the reader's HTTP client, which it never
// calls: undici is 110 modules, about 1.6 MB of heap.
const apiRoot = path.resolve(__dirname, '..');

/** The undici modules loaded once `specifier` is required, as the API's own code requires it. */
function undiciLoadedBy(specifier: string): string[] {
  const script = `require(${JSON.stringify(specifier)});
    process.stdout.write(JSON.stringify(Object.keys(require.cache)
      .filter((file) => file.includes('/node_modules/undici/'))));`;
  return JSON.parse(
    execFileSync(process.execPath, ['-e', script], { cwd: apiRoot, encoding: 'utf8' }),
  );
}

describe("the API's share of @folio/server-kit", () => {
  it("loads the shared plumbing without the reader's HTTP client", () => {
    expect(undiciLoadedBy('@folio/server-kit')).toEqual([]);
  });

  it('loads the HTTP client only from its own entry point', () => {
    // the check above would pass whatever happened if this one found nothing to count
    expect(undiciLoadedBy('@folio/server-kit/graphql-client').length).toBeGreaterThan(50);
  });
});
