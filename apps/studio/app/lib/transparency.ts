// The transparency report's period and its CSV: counts of reports by reason, decisions by
// action, appeals, and the median time to a decision.

export interface Period {
  from: string;
  to: string;
}

const DAY = 86_400_000;

/** ?from=YYYY-MM-DD&to=YYYY-MM-DD (to inclusive); by default the last 30 days up to today. */
export function parsePeriod(params: URLSearchParams, now = new Date()): Period {
  const date = (value: string | null) =>
    value && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
      ? value
      : null;
  const today = now.toISOString().slice(0, 10);
  const to = date(params.get('to')) ?? today;
  const from =
    date(params.get('from')) ??
    new Date(Date.parse(`${to}T00:00:00Z`) - 29 * DAY).toISOString().slice(0, 10);
  return from <= to ? { from, to } : { from: to, to: from };
}

/** The API's period: from the first day's start to the end of the last day. */
export function periodBounds({ from, to }: Period): { from: string; to: string } {
  return {
    from: `${from}T00:00:00.000Z`,
    to: new Date(Date.parse(`${to}T00:00:00Z`) + DAY).toISOString(),
  };
}

export function formatDuration(seconds: number | null): string {
  if (seconds === null) return 'no decisions';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 172_800) return `${(seconds / 3600).toFixed(1)} h`;
  return `${(seconds / 86_400).toFixed(1)} days`;
}

export interface TransparencyFigures {
  reportCount: number;
  reportsByReason: ReadonlyArray<{ reason: string; count: number }>;
  decisionCount: number;
  decisionsByAction: ReadonlyArray<{ action: string; count: number }>;
  medianSecondsToDecision: number | null;
  appealsFiled: number;
  appealsUpheld: number;
  appealsReversed: number;
}

function csvCell(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One row per figure: section, item, value (RFC 4180). */
export function transparencyCsv(period: Period, figures: TransparencyFigures): string {
  const rows: Array<[string, string, string | number]> = [
    ['period', 'from', period.from],
    ['period', 'to', period.to],
    ['reports', 'total', figures.reportCount],
    ...figures.reportsByReason.map((r): [string, string, number] => [
      'reports by reason',
      r.reason,
      r.count,
    ]),
    ['decisions', 'total', figures.decisionCount],
    ...figures.decisionsByAction.map((d): [string, string, number] => [
      'decisions by action',
      d.action,
      d.count,
    ]),
    ['decisions', 'median seconds to decision', figures.medianSecondsToDecision ?? ''],
    ['appeals', 'filed', figures.appealsFiled],
    ['appeals', 'upheld', figures.appealsUpheld],
    ['appeals', 'reversed', figures.appealsReversed],
  ];
  return [['section', 'item', 'value'], ...rows]
    .map((row) => row.map(csvCell).join(','))
    .join('\r\n')
    .concat('\r\n');
}
