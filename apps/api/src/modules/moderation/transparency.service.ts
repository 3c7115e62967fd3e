import type { DataSource } from 'typeorm';
import { BadUserInputError } from '../../errors/bad-user-input.error.js';
import { readQuery } from '../../db/read-query.js';
import type { TransparencyReport } from './queue.types.js';

const MAX_PERIOD_DAYS = 366;

/** Counts for a transparency report over [from, to): reports, decisions, appeals, speed. */
export class TransparencyService {
  constructor(private readonly dataSource: DataSource) {}

  async report(from: Date, to: Date): Promise<TransparencyReport> {
    if (!(from.getTime() < to.getTime()))
      throw new BadUserInputError('"from" must be before "to".', 'from');
    if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * 86_400_000)
      throw new BadUserInputError(`A period is at most ${MAX_PERIOD_DAYS} days.`, 'to');
    const [row] = await readQuery<{
      reports_by_reason: TransparencyReport['reportsByReason'] | null;
      decisions_by_action: TransparencyReport['decisionsByAction'] | null;
      median_seconds: number | null;
      appeals_filed: number;
      appeals_upheld: number;
      appeals_reversed: number;
    }>(
      this.dataSource,
      `SELECT
         (SELECT json_agg(json_build_object('reason', reason, 'count', n) ORDER BY n DESC, reason)
            FROM (SELECT reason, count(*)::int AS n FROM reports
                   WHERE created_at >= $1 AND created_at < $2 GROUP BY reason) r)
           AS reports_by_reason,
         (SELECT json_agg(json_build_object('action', action, 'count', n) ORDER BY n DESC, action)
            FROM (SELECT action, count(*)::int AS n FROM moderation_decisions
                   WHERE decided_at >= $1 AND decided_at < $2 GROUP BY action) d)
           AS decisions_by_action,
         (SELECT round(percentile_cont(0.5) WITHIN GROUP (
                   ORDER BY extract(epoch FROM resolved_at - created_at)))::int
            FROM reports WHERE resolved_at >= $1 AND resolved_at < $2) AS median_seconds,
         (SELECT count(*)::int FROM moderation_appeals
           WHERE filed_at >= $1 AND filed_at < $2) AS appeals_filed,
         (SELECT count(*)::int FROM moderation_appeals
           WHERE status = 'upheld' AND resolved_at >= $1 AND resolved_at < $2) AS appeals_upheld,
         (SELECT count(*)::int FROM moderation_appeals
           WHERE status = 'reversed' AND resolved_at >= $1 AND resolved_at < $2)
           AS appeals_reversed`,
      [from, to],
    );
    const reportsByReason = row!.reports_by_reason ?? [];
    const decisionsByAction = row!.decisions_by_action ?? [];
    return {
      from,
      to,
      reportCount: reportsByReason.reduce((sum, entry) => sum + entry.count, 0),
      reportsByReason,
      decisionCount: decisionsByAction.reduce((sum, entry) => sum + entry.count, 0),
      decisionsByAction,
      medianSecondsToDecision: row!.median_seconds,
      appealsFiled: row!.appeals_filed,
      appealsUpheld: row!.appeals_upheld,
      appealsReversed: row!.appeals_reversed,
    };
  }
}
