import { MultiBar, Presets, type SingleBar } from 'cli-progress';
import type { ImportSummary, ItemReport } from './import-files.js';

// What the import command prints. On a terminal: a progress bar, with failures, warnings (and,
// for a dry run, what would change) printed above it. Otherwise (a pipe, a CI log): one JSON
// line per item on stdout, for jq and log collectors, then a JSON summary line.

export interface ImportReporter {
  start(total: number): void;
  item(report: ItemReport): void;
  /** Prints the summary of the items seen and returns it. */
  finish(): ImportSummary;
}

interface ReporterOptions {
  terminal: boolean;
  dryRun: boolean;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
}

export function createImportReporter(options: ReporterOptions): ImportReporter {
  const reporter = options.terminal ? terminalReporter(options) : jsonLinesReporter(options);
  // Counted as items pass, so nothing grows with the size of the import.
  const summary: ImportSummary = { created: 0, updated: 0, unchanged: 0, skipped: 0, failed: 0 };
  return {
    start: (total) => reporter.start(total),
    item(report) {
      summary[report.outcome] += 1;
      reporter.item(report);
    },
    finish: () => reporter.finish(summary),
  };
}

interface OutputReporter {
  start(total: number): void;
  item(report: ItemReport): void;
  finish(summary: ImportSummary): ImportSummary;
}

function terminalReporter({ dryRun, stdout, stderr }: ReporterOptions): OutputReporter {
  let bars: MultiBar | undefined;
  let bar: SingleBar | undefined;
  const print = (line: string) => (bars ? bars.log(`${line}\n`) : stderr.write(`${line}\n`));
  return {
    start(total) {
      bars = new MultiBar(
        {
          stream: stderr,
          format: `${dryRun ? 'checking' : 'importing'} [{bar}] {value}/{total} {location}`,
          hideCursor: true,
          clearOnComplete: true,
          // Redraws at most every 100 ms, whatever the rate of items.
          fps: 10,
        },
        Presets.shades_classic,
      );
      bar = bars.create(total, 0, { location: '' });
    },
    item(report) {
      const line = itemLine(report, dryRun);
      if (report.outcome === 'failed' || (dryRun && line)) print(line);
      else if (report.warnings.length > 0) print(`warning  ${report.location}`);
      for (const warning of report.warnings) print(`         - ${warning}`);
      bar?.increment(1, { location: report.location.slice(0, 60) });
    },
    finish(summary) {
      // A last redraw: cli-progress prints logged lines only when it redraws, not on stop.
      bars?.update();
      bars?.stop();
      stdout.write(`${summaryLine(summary, dryRun)}\n`);
      return summary;
    },
  };
}

function jsonLinesReporter({ dryRun, stdout, stderr }: ReporterOptions): OutputReporter {
  const write = (value: object) => stdout.write(`${JSON.stringify(value)}\n`);
  return {
    start() {},
    item(report) {
      const { file: _file, ...rest } = report;
      write({ type: 'item', dryRun, ...rest });
    },
    finish(summary) {
      write({ type: 'summary', dryRun, ...summary });
      stderr.write(`${summaryLine(summary, dryRun)}\n`);
      return summary;
    },
  };
}

function itemLine(report: ItemReport, dryRun: boolean): string {
  const where = report.location;
  switch (report.outcome) {
    case 'failed':
      return `failed   ${where}: ${report.reason}`;
    case 'created':
    case 'updated':
      return `${dryRun ? `would ${report.outcome.replace(/d$/, '')}` : report.outcome} ${report.slug} (${report.sections} sections) from ${where}`;
    default:
      return '';
  }
}

export function summaryLine(summary: ImportSummary, dryRun: boolean): string {
  const { created, updated, unchanged, skipped, failed } = summary;
  const verb = dryRun ? 'Dry run, nothing stored: would have' : 'Done:';
  return (
    `${verb} created ${created}, updated ${updated}, skipped ${unchanged + skipped} ` +
    `(${unchanged} unchanged, ${skipped} not articles), failed ${failed}`
  );
}
