import { Writable } from 'node:stream';
import type { ItemReport } from './import-files.js';
import { createImportReporter } from './import-reporter.js';

class Capture extends Writable {
  text = '';
  constructor(readonly isTTY: boolean) {
    super();
  }
  columns = 120;
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.text += chunk.toString();
    done();
  }
}

const reports: ItemReport[] = [
  {
    file: '/x/e.xml',
    location: 'e.xml:10 (post 1)',
    outcome: 'created',
    slug: 'one',
    sections: 2,
    warnings: [],
  },
  {
    file: '/x/e.xml',
    location: 'e.xml:40 (post 2)',
    outcome: 'failed',
    reason: 'no title',
    warnings: [],
  },
  {
    file: '/x/e.xml',
    location: 'e.xml:70 (post 3)',
    outcome: 'updated',
    slug: 'three',
    sections: 1,
    warnings: ['shortcode [gallery] dropped'],
  },
  {
    file: '/x/e.xml',
    location: 'e.xml:90 (attachment 4)',
    outcome: 'skipped',
    reason: 'not a post or page (attachment)',
    warnings: [],
  },
  {
    file: '/x/e.xml',
    location: 'e.xml:99 (post 5)',
    outcome: 'unchanged',
    slug: 'five',
    sections: 1,
    warnings: [],
  },
];

function run(terminal: boolean, dryRun: boolean) {
  const stdout = new Capture(terminal);
  const stderr = new Capture(terminal);
  const reporter = createImportReporter({ terminal, dryRun, stdout, stderr });
  reporter.start(reports.length);
  for (const report of reports) reporter.item(report);
  const summary = reporter.finish();
  return { stdout: stdout.text, stderr: stderr.text, summary };
}

describe('import reporter', () => {
  it('on a terminal: a progress bar, failures and warnings above it, the summary at the end', () => {
    const { stdout, stderr, summary } = run(true, false);
    expect(stderr).toMatch(/importing \[[░█]+\] \d\/5/);
    expect(stderr).toContain('failed   e.xml:40 (post 2): no title\n');
    expect(stderr).toContain(
      'warning  e.xml:70 (post 3)\n         - shortcode [gallery] dropped\n',
    );
    expect(stderr).not.toContain('created one');
    expect(summary).toEqual({ created: 1, updated: 1, unchanged: 1, skipped: 1, failed: 1 });
    expect(stdout).toBe(
      'Done: created 1, updated 1, skipped 2 (1 unchanged, 1 not articles), failed 1\n',
    );
  });

  it('on a terminal, a dry run lists what would change', () => {
    const { stdout, stderr } = run(true, true);
    expect(stderr).toContain('would create one (2 sections) from e.xml:10 (post 1)\n');
    expect(stderr).toContain('would update three (1 sections) from e.xml:70 (post 3)\n');
    expect(stdout).toMatch(/^Dry run, nothing stored: would have created 1, updated 1/);
  });

  it('piped: one JSON line per item, then a JSON summary', () => {
    const { stdout, stderr } = run(false, false);
    const lines = stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toHaveLength(6);
    expect(lines[1]).toEqual({
      type: 'item',
      dryRun: false,
      location: 'e.xml:40 (post 2)',
      outcome: 'failed',
      reason: 'no title',
      warnings: [],
    });
    expect(lines[5]).toEqual({
      type: 'summary',
      dryRun: false,
      created: 1,
      updated: 1,
      unchanged: 1,
      skipped: 1,
      failed: 1,
    });
    expect(stderr).toMatch(/^Done: /);
  });
});
