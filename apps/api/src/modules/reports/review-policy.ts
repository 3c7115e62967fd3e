/**
 * When readers' reports hide a page by themselves, and when they only flag it for moderators.
 * Pure: the report service gathers the signal in its transaction and applies the verdict.
 */
export interface ReviewPolicy {
  /** Distinct networks (IPv4 /24, IPv6 /48) with counted reports that put a page under review. */
  threshold: number;
  /** Only reports filed within this many seconds count. */
  windowSeconds: number;
  /** The threshold reached sooner than this after the first counted report is a burst. */
  burstSeconds: number;
  /** More distinct reporters per network than this is a concentrated signal. */
  reportersPerNetworkMax: number;
  /** Pages the threshold may hide per hour, site-wide. */
  autoHidesPerHour: number;
}

/** What the page's counted reports look like at the moment a report is filed. */
export interface ReviewSignal {
  networks: number;
  reporters: number;
  /** The earliest counted report. */
  firstReportAt: Date;
  now: Date;
  /** The page was flagged and no moderator has decided since. */
  flagged: boolean;
  /** Pages the threshold hid in the last hour; read only when the other rules would hide. */
  autoHidesLastHour: () => Promise<number>;
}

export type FlagReason = 'burst' | 'concentrated' | 'rate';

export type ReviewVerdict =
  { kind: 'none' } | { kind: 'hide' } | { kind: 'flag'; reason: FlagReason };

export async function reviewVerdict(
  signal: ReviewSignal,
  policy: ReviewPolicy,
): Promise<ReviewVerdict> {
  if (signal.networks < policy.threshold) return { kind: 'none' };
  // A flag stands until a moderator decides: waiting out the burst must not hide the page.
  if (signal.flagged) return { kind: 'none' };
  if (signal.reporters > policy.reportersPerNetworkMax * signal.networks)
    return { kind: 'flag', reason: 'concentrated' };
  const elapsedSeconds = (signal.now.getTime() - signal.firstReportAt.getTime()) / 1000;
  if (elapsedSeconds < policy.burstSeconds) return { kind: 'flag', reason: 'burst' };
  if ((await signal.autoHidesLastHour()) >= policy.autoHidesPerHour)
    return { kind: 'flag', reason: 'rate' };
  return { kind: 'hide' };
}
