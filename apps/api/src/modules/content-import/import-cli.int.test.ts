import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { useApiTestContext } from '../../../test/api-test-context.js';

// The built command, as an operator runs it, against this file's database.

const cli = path.join(__dirname, '../../../dist/cli/import-content.js');
const formats = path.join(__dirname, '../../../test/fixtures/import-formats');

const context = useApiTestContext();
beforeEach(() => context.db.reset());

interface CliRun {
  code: number;
  lines: Array<Record<string, any>>;
  stderr: string;
}

function runCli(args: string[]): Promise<CliRun> {
  const url = (context.db.dataSource.options as { url: string }).url;
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, ...args],
      // Piped output: one JSON line per item. INIT_CWD is where npm was run; paths are relative to it.
      { cwd: formats, env: { ...process.env, DATABASE_URL: url, INIT_CWD: formats } },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') return reject(error);
        resolve({
          code: typeof error?.code === 'number' ? error.code : 0,
          lines: stdout
            .split('\n')
            .filter(Boolean)
            .map((line) => JSON.parse(line)),
          stderr,
        });
      },
    );
  });
}

describe('npm run content:import', () => {
  it('prints one JSON line per item with its location, a summary, and fails when an item failed', async () => {
    const run = await runCli([
      'wordpress/malformed-simple.xml',
      'wordpress/classic-and-blocks.xml',
    ]);

    expect(run.code).toBe(1);
    const items = run.lines.filter((line) => line.type === 'item');
    expect(items).toHaveLength(9);
    expect(items[0]).toMatchObject({
      outcome: 'failed',
      location: 'wordpress/malformed-simple.xml',
      reason: expect.stringContaining('unclosed tag: item'),
    });
    expect(items[1]).toMatchObject({
      outcome: 'created',
      location: expect.stringMatching(/^wordpress\/classic-and-blocks\.xml:\d+ \(post 41\)$/),
      slug: 'leaf-mould',
      warnings: ['shortcode [gallery] dropped'],
    });
    expect(run.lines.at(-1)).toEqual({
      type: 'summary',
      dryRun: false,
      created: 6,
      updated: 0,
      unchanged: 0,
      skipped: 2,
      failed: 1,
    });
    expect(run.stderr).toContain(
      'Done: created 6, updated 0, skipped 2 (0 unchanged, 2 not articles), failed 1',
    );
  });

  it('--dry-run stores nothing and exits 0 when nothing failed; a real run then creates what it listed', async () => {
    const dry = await runCli(['--dry-run', 'ghost', 'html']);
    expect(dry.code).toBe(0);
    expect(dry.lines.at(-1)).toMatchObject({ type: 'summary', dryRun: true, created: 6 });
    const [{ count }] = await context.db.dataSource.query(
      'SELECT count(*)::int AS count FROM articles',
    );
    expect(count).toBe(0);

    const real = await runCli(['ghost', 'html']);
    expect(real.code).toBe(0);
    const created = (run: CliRun) =>
      run.lines.filter((line) => line.outcome === 'created').map((line) => line.slug);
    expect(created(real)).toEqual(created(dry));

    const again = await runCli(['ghost', 'html']);
    expect(again.lines.at(-1)).toMatchObject({ created: 0, updated: 0, unchanged: 6, failed: 0 });
  });

  it('refuses a file in a format it does not read, imports the rest, and names a missing path', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'folio-cli-'));
    try {
      await writeFile(
        path.join(folder, 'feed.xml'),
        '<?xml version="1.0"?><rss version="2.0"><channel/></rss>',
      );
      await writeFile(
        path.join(folder, 'notes.txt'),
        'Seed Swaps\nHow a seed swap works.\nThe day\nBring seeds in paper envelopes.',
      );
      const run = await runCli([folder]);
      expect(run.code).toBe(1);
      expect(run.lines.filter((line) => line.type === 'item')).toEqual([
        expect.objectContaining({
          outcome: 'failed',
          reason: expect.stringMatching(/^not a format the importer reads/),
        }),
        expect.objectContaining({ outcome: 'created', slug: 'seed-swaps' }),
      ]);

      const missing = await runCli([path.join(folder, 'nonexistent.xml')]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toMatch(/Cannot read .*nonexistent\.xml/);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});
